package org.poyang.collect.impl.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.poyang.catalog.api.DataType;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowSink;

/**
 * Streams rows into an XLSX workbook with fastexcel: the header names the items, integers and decimals are
 * written as numbers and everything else as inline text (no shared-string table growing with the export),
 * rows are flushed every thousand so that memory stays flat, and a new sheet starts every
 * {@value #ROWS_PER_SHEET} rows (a sheet holds at most 1,048,576).
 */
final class XlsxRows {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int ROWS_PER_SHEET = 1_000_000;

    /** The reading side: calls the sink's columns once, then row per row. */
    interface Source {
        void into(RowSink sink) throws IOException;
    }

    private XlsxRows() {
    }

    static void write(OutputStream out, String title, Source source) throws IOException {
        write(out, title, source, ROWS_PER_SHEET);
    }

    static void write(OutputStream out, String title, Source source, int rowsPerSheet) throws IOException {
        Workbook wb = new Workbook(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush(); // the response stream is the container's to close
            }
        }, "Poyang", "1.0");
        Worksheet[] ws = new Worksheet[1];
        int[] sheets = {0};
        int[] r = {0};
        boolean[][] numeric = new boolean[1][];
        List<?>[] names = new List<?>[1];
        source.into(new RowSink() {
            @Override
            public void columns(List<Column> columns) {
                numeric[0] = new boolean[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    DataType t = columns.get(i).item().dataType();
                    numeric[0][i] = t == DataType.INTEGER || t == DataType.DECIMAL;
                }
                names[0] = columns.stream().map(Column::name).toList();
                ws[0] = sheet(wb, title, ++sheets[0], names[0]);
                r[0] = 1;
            }

            @Override
            public void row(String[] values) throws IOException {
                if (r[0] > rowsPerSheet) {
                    ws[0].finish();
                    ws[0] = sheet(wb, title, ++sheets[0], names[0]);
                    r[0] = 1;
                }
                for (int c = 0; c < values.length; c++) {
                    String v = values[c];
                    if (v == null) {
                        continue;
                    }
                    if (numeric[0][c]) {
                        try {
                            ws[0].value(r[0], c, new BigDecimal(v));
                            continue;
                        } catch (NumberFormatException masked) {
                            // a masked number is text
                        }
                    }
                    ws[0].inlineString(r[0], c, v);
                }
                if (++r[0] % 1000 == 0) {
                    ws[0].flush();
                }
            }
        });
        if (ws[0] != null) {
            ws[0].finish();
        }
        wb.finish();
        out.flush();
    }

    /**
     * Reads a delivered workbook's first sheet: the first non-empty row names the items (an optional
     * {@code @op} column holds upsert or delete), every later non-empty row is a row. Number cells become
     * plain decimals; in items of {@code dateItems} (dates and date-times) a number cell is Excel's serial
     * date. An old .xls workbook, a file that is not a workbook, a damaged one or one with more than
     * {@code maxRows} rows is refused with a clear message.
     */
    static List<org.poyang.collect.api.Row> read(java.io.InputStream in, java.util.Set<String> dateItems, int maxRows) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in);
        b.mark(16);
        byte[] head = b.readNBytes(8);
        b.reset();
        if (head.length == 8 && org.dhatim.fastexcel.reader.ReadableWorkbook.isOLE2Header(head)) {
            throw bad("文件是旧版 Excel 97-2003（.xls）格式，请另存为 .xlsx 后再归集", "the file is an old Excel 97-2003 (.xls) workbook: save it as .xlsx");
        }
        if (head.length < 4 || !org.dhatim.fastexcel.reader.ReadableWorkbook.isOOXMLZipHeader(head)) {
            throw bad("文件不是有效的 Excel（.xlsx）文件", "the file is not an Excel (.xlsx) workbook");
        }
        List<org.poyang.collect.api.Row> rows = new java.util.ArrayList<>();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(b);
                java.util.stream.Stream<org.dhatim.fastexcel.reader.Row> sheet = wb.getFirstSheet().openStream()) {
            List<String> header = null;
            for (java.util.Iterator<org.dhatim.fastexcel.reader.Row> it = sheet.iterator(); it.hasNext();) {
                org.dhatim.fastexcel.reader.Row row = it.next();
                List<String> cells = new java.util.ArrayList<>(row.getCellCount());
                boolean empty = true;
                for (int i = 0; i < row.getCellCount(); i++) {
                    String name = header == null || i >= header.size() ? null : header.get(i);
                    String v = text(row.getCell(i), name != null && dateItems.contains(name));
                    cells.add(v);
                    empty &= v == null || v.isBlank();
                }
                if (empty) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(c -> c == null ? null : c.strip()).toList();
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new org.poyang.platform.rest.ProblemException(org.poyang.platform.rest.ProblemType.PAYLOAD_TOO_LARGE, "一个批次最多 "
                            + maxRows + " 行，请分批发送 (at most " + maxRows + " rows per batch: split the delivery)");
                }
                java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
                org.poyang.collect.api.Row.Op op = org.poyang.collect.api.Row.Op.UPSERT;
                for (int i = 0; i < header.size(); i++) {
                    String name = header.get(i);
                    if (name == null || name.isEmpty()) {
                        continue;
                    }
                    String v = i < cells.size() ? cells.get(i) : null;
                    if (name.equals("@op")) {
                        if ("delete".equalsIgnoreCase(v == null ? "" : v.strip())) {
                            op = org.poyang.collect.api.Row.Op.DELETE;
                        } else if (v != null && !v.isBlank() && !"upsert".equalsIgnoreCase(v.strip())) {
                            throw bad("第 " + (row.getRowNum()) + " 行的 @op 应为 upsert 或 delete", "row " + row.getRowNum() + ": @op must be upsert or delete");
                        }
                    } else {
                        values.put(name, v);
                    }
                }
                rows.add(new org.poyang.collect.api.Row(op, values));
            }
        } catch (org.poyang.platform.rest.ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw bad("无法读取 Excel（.xlsx）文件，文件可能已损坏", "cannot read the .xlsx workbook; it may be damaged");
        }
        return rows;
    }

    /** The text of a cell: numbers without exponent or trailing zeros; Excel serial dates in date items. */
    private static String text(org.dhatim.fastexcel.reader.Cell c, boolean date) {
        if (c == null) {
            return null;
        }
        return switch (c.getType()) {
            case EMPTY -> null;
            case NUMBER -> {
                BigDecimal n = c.asNumber();
                if (n == null) {
                    yield null;
                }
                if (date) {
                    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included); the fraction is the time of day
                    java.time.LocalDateTime t = java.time.LocalDate.of(1899, 12, 30).atStartOfDay()
                            .plusSeconds(n.multiply(BigDecimal.valueOf(86_400)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
                    yield t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString().replace('T', ' ');
                }
                yield n.stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> c.asBoolean() == null ? null : c.asBoolean().toString();
            default -> c.getText();
        };
    }

    private static org.poyang.platform.rest.ProblemException bad(String zh, String en) {
        return new org.poyang.platform.rest.ProblemException(org.poyang.platform.rest.ProblemType.BAD_REQUEST, zh + " (" + en + ")");
    }

    private static Worksheet sheet(Workbook wb, String title, int n, List<?> names) {
        Worksheet ws = wb.newWorksheet((title.replace('/', '-') + (n == 1 ? "" : "-" + n)));
        for (int c = 0; c < names.size(); c++) {
            ws.inlineString(0, c, String.valueOf(names.get(c)));
            ws.style(0, c).bold().set();
        }
        ws.freezePane(0, 1);
        return ws;
    }
}
