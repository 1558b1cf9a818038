package org.poyang.collect.impl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.poyang.collect.api.Row;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

/**
 * A CSV delivery read into rows (Commons CSV): a header line of data item names, then one line per
 * row; an optional {@code @op} column says {@code upsert} or {@code delete}. The text is decoded
 * strictly, so that a GBK file sent as UTF-8 is refused with that diagnosis instead of being stored
 * as replacement characters; a file cut off inside a quoted value or a line with the wrong number
 * of values is refused naming the line.
 */
final class CsvRows {

    private CsvRows() {
    }

    /** The charset a Content-Type declares: UTF-8 unless it says GB18030 or GBK (read as GB18030, its superset). */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("charset=")) {
                    String name = p.substring(8).replace("\"", "").strip();
                    return switch (name) {
                        case "utf-8", "utf8" -> StandardCharsets.UTF_8;
                        case "gbk", "gb2312", "gb18030" -> Charset.forName("GB18030");
                        default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "不支持的字符集 " + name
                                + "，请使用 UTF-8 或 GB18030 (unsupported charset " + name + ": use UTF-8 or GB18030)");
                    };
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static List<Row> read(InputStream in, Charset charset, int maxRows) throws IOException {
        PushbackInputStream body = new PushbackInputStream(in, 3);
        if (charset.equals(StandardCharsets.UTF_8)) {
            byte[] bom = new byte[3];
            int n = body.readNBytes(bom, 0, 3);
            if (!(n == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
                body.unread(bom, 0, n);
            }
        }
        Reader reader = new InputStreamReader(body, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = null;
            int opColumn = -1;
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < record.size(); i++) {
                        String name = Cleaner.strip(record.get(i));
                        if (name.isEmpty() || !seen.add(name)) {
                            throw new ProblemException(ProblemType.VALIDATION_FAILED, "表头有空白或重复的列名 (the header has a blank or repeated column name)",
                                    List.of(new Violation("line[1].column[" + (i + 1) + "]", "列名“" + name + "”空白或重复", "column name '" + name + "' is blank or repeated")));
                        }
                        if (CollectResource.OP_FIELD.equals(name)) {
                            opColumn = i;
                        }
                        header.add(name);
                    }
                    continue;
                }
                long line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new ProblemException(ProblemType.VALIDATION_FAILED, "第 " + line + " 行的值个数与表头不符，文件可能被截断 "
                            + "(line " + line + " has " + record.size() + " values, the header " + header.size() + ": is the file cut off?)",
                            List.of(new Violation("line[" + line + "]", "有 " + record.size() + " 个值，表头有 " + header.size() + " 列",
                                    record.size() + " values, the header has " + header.size())));
                }
                if (rows.size() == maxRows) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "一个批次最多 " + maxRows + " 行，请分批发送 (at most "
                            + maxRows + " rows per batch: split the delivery)");
                }
                Map<String, String> values = new LinkedHashMap<>();
                Row.Op op = Row.Op.UPSERT;
                for (int i = 0; i < header.size(); i++) {
                    if (i == opColumn) {
                        String o = Cleaner.strip(record.get(i)).toLowerCase(Locale.ROOT);
                        if (o.equals("delete")) {
                            op = Row.Op.DELETE;
                        } else if (!o.isEmpty() && !o.equals("upsert")) {
                            throw new ProblemException(ProblemType.VALIDATION_FAILED, "@op 应为 upsert 或 delete (@op must be upsert or delete)",
                                    List.of(new Violation("line[" + line + "].@op", "取值“" + o + "”无法识别", "unknown value '" + o + "'")));
                        }
                    } else {
                        values.put(header.get(i), record.get(i).isEmpty() ? null : record.get(i));
                    }
                }
                rows.add(new Row(op, values));
            }
        } catch (UncheckedIOException e) {
            throw refusal(e.getCause(), charset);
        } catch (IOException | IllegalStateException e) {
            throw refusal(e, charset);
        }
        return rows;
    }

    private static ProblemException refusal(Throwable e, Charset charset) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CharacterCodingException) {
                return charset.equals(StandardCharsets.UTF_8)
                        ? new ProblemException(ProblemType.BAD_REQUEST, "文件不是有效的 UTF-8 文本，看起来是 GBK/GB18030 编码；请以 UTF-8 保存，"
                                + "或在 Content-Type 中声明 charset=GB18030 (the file is not valid UTF-8 and looks GBK-encoded: save it as "
                                + "UTF-8 or declare charset=GB18030)")
                        : new ProblemException(ProblemType.BAD_REQUEST, "文件不是有效的 " + charset.name() + " 文本 (the file is not valid "
                                + charset.name() + " text)");
            }
        }
        // Commons CSV: "EOF reached before encapsulated token finished" and the like, with the line
        String detail = e.getMessage() == null ? "" : e.getMessage().replaceAll("[\\r\\n]+", " ");
        return new ProblemException(ProblemType.BAD_REQUEST, "CSV 文件格式错误，可能被截断或引号未闭合 (malformed CSV, cut off or an unclosed quote: "
                + (detail.length() > 200 ? detail.substring(0, 200) + "…" : detail) + ")");
    }
}
