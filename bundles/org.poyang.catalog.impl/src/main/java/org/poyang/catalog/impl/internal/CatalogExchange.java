package org.poyang.catalog.impl.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.poyang.catalog.api.BaseDatabase;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.Labelled;
import org.poyang.catalog.api.OpenBasis;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.platform.rest.Violation;

/**
 * The exchange formats of the catalog: the import template agencies fill in (信息资源目录导入模板, XLSX
 * or CSV), the export of entries in the same flat layout (so that an export can be edited and
 * imported again), and DCAT-AP 3 JSON-LD for data portals.
 * <p>
 * The layout is one row per (entry, data item) pair, as Chinese catalog templates usually are: a row
 * whose 信息资源名称 is filled starts an entry, and the following rows with a blank name (or with the
 * entry columns repeated unchanged) add data items to it. Headers are matched by name (Chinese header
 * or English key), not by position.
 * <p>
 * Reading only splits the sheet into {@link EntryDraft}s; values pass through as trimmed text and the
 * catalog's rules ({@link EntryRules}) judge them, reporting {@code rows[n].field}, which
 * {@link Parsed#toSheetRows(List)} translates back into spreadsheet rows.
 */
final class CatalogExchange {

    /** Name of the data sheet in the XLSX template and export. */
    static final String SHEET = "信息资源目录";
    /** Name of the instructions sheet in the XLSX template. */
    static final String HELP_SHEET = "填写说明";
    /** Most physical lines (data rows) read from one file. */
    static final int MAX_LINES = 200_000;
    /** Most entries read from one file. */
    static final int MAX_ENTRIES = CatalogService.MAX_IMPORT;
    /** Most template problems listed before reading stops. */
    static final int MAX_PROBLEMS = 200;

    static final String NOT_UTF8_ZH = "文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8";
    static final String NOT_UTF8_EN = "file is not UTF-8; save it as UTF-8";

    private static final String BOM = "\uFEFF";
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[;；,，、]");
    private static final String LIST_JOINER = "；";
    /** Characters that make a spreadsheet treat a CSV cell as a formula (CSV injection). */
    private static final String FORMULA_STARTS = "=+-@";
    private static final JsonFactory JSON = new JsonFactory();

    private CatalogExchange() {
    }

    // ------------------------------------------------------------------------------------------
    // Columns
    // ------------------------------------------------------------------------------------------

    /**
     * A column of the template.
     *
     * @param key      English key, also accepted as header
     * @param zh       Chinese header
     * @param item     whether the column belongs to the data item rather than the entry
     * @param meaning  what to fill in, for the instructions sheet
     * @param required whether it is required, for the instructions sheet
     * @param allowed  allowed values, for the instructions sheet (empty when free text)
     */
    record Column(String key, String zh, boolean item, String meaning, String required, String allowed) {
    }

    /** The template's columns in order; positions are the indexes used by the reader. */
    static final List<Column> COLUMNS = List.of(
            entry("classification", "资源分类代码", "6 位（类/项/目）或 9 位（类/项/目/细目）数字；类：1 基础信息资源类、2 主题信息资源类、3 部门信息资源类", "是", ""),
            entry("name", "信息资源名称", "不超过 " + CatalogService.MAX_NAME_LENGTH + " 字；本列有值的行开始一个新的信息资源", "是", ""),
            entry("provider", "提供方统一社会信用代码", "提供方的 18 位统一社会信用代码，须已在机构名录中登记（第九条）", "是", ""),
            entry("summary", "信息资源摘要", "信息资源的内容概要，不超过 " + CatalogService.MAX_TEXT_LENGTH + " 字", "是", ""),
            entry("format", "资源格式", "信息资源的存储和提供形式", "是", allowed(ResourceFormat.class)),
            entry("shareType", "共享属性", "无条件共享、有条件共享或不予共享（第二十二条）", "是", allowed(ShareType.class)),
            entry("shareConditions", "共享条件", "有条件共享的条件（第二十二条）", "有条件共享时必填", ""),
            entry("shareMethod", "共享方式", "共享数据的提供方式（第二十三条）", "无条件共享、有条件共享时必填", allowed(ShareMethod.class)),
            entry("legalBasis", "共享依据", "有条件共享或不予共享所依据的法律、法规、规章（第二十二条）", "有条件共享、不予共享时必填", ""),
            entry("openType", "开放属性", "无条件开放、有条件开放或不予开放（第十七条）", "是", allowed(OpenType.class)),
            entry("openConditions", "开放条件", "有条件开放的条件（第十七条、第十八条）", "有条件开放时必填", ""),
            entry("openBasis", "开放依据", "含个人信息或原不予开放的资源开放时的依据（第十七条第三款）", "开放含个人信息的资源时必填", allowed(OpenBasis.class)),
            entry("openBasisNote", "开放依据说明", "脱密、脱敏处理说明或权利人同意的凭证编号", "填写开放依据时必填", ""),
            entry("updateFrequency", "更新周期", "数据的更新频率", "是", allowed(UpdateFrequency.class)),
            entry("relatedCodes", "关联资源代码", "关联信息资源的代码（分类代码/6 位顺序码），多个用“；”分隔", "否", ""),
            entry("keywords", "关键字", "每个不超过 " + EntryRules.MAX_KEYWORD + " 字，最多 " + CatalogService.MAX_KEYWORDS + " 个，用“；”分隔", "否", ""),
            entry("baseDatabase", "所属基础数据库", "所属的基础数据库（第十一条）", "否", allowed(BaseDatabase.class)),
            entry("thematicDatabase", "所属主题库", "所属主题库的名称（第十一条）", "否", ""),
            entry("priorityCategory", "重点和优先开放类别", "重点和优先开放的数据类别（第十五条）", "否", allowed(PriorityCategory.class)),
            entry("scope", "目录范围", "省级目录填 360000；设区的市补充目录填该市的 6 位行政区划代码", "是", ""),
            entry("grade", "分级", "信息资源的分级，不得低于其信息项的最高分级（第八条）；留空时取信息项的最高分级", "否",
                    "一般数据（N级）、重要数据、核心数据"),
            item("itemName", "信息项名称", "信息项（数据列）的名称，同一信息资源内不得重复", "是", ""),
            item("itemDataType", "数据类型", "信息项的数据类型", "是", allowed(DataType.class)),
            item("itemLength", "数据长度", "最大字符数或位数，1 到 1000000 的整数", "字符型必填", ""),
            item("itemIdentifiesPerson", "是否个人信息", "单独或与其他信息结合能识别自然人的填“是”；留空视为“否”", "否", "是、否"),
            item("itemSensitiveType", "敏感类型", "信息项所含个人敏感信息的类型；留空视为非敏感", "否", allowed(SensitiveType.class)),
            item("itemGrade", "信息项分级", "信息项的分级（第八条）", "是", "一般数据（N级）、重要数据、核心数据"),
            item("itemCollectingAgency", "法定采集部门统一社会信用代码", "依法采集该信息项的唯一部门（第十二条）", "是", ""));

    /** Columns the export adds before and after the template's; the reader ignores them. */
    static final Column RESOURCE_CODE = entry("resourceCode", "信息资源代码", "导出时附带，导入时忽略", "否", "");
    static final Column PROVIDER_NAME = entry("providerName", "提供方名称", "导出时附带，导入时忽略", "否", "");
    static final Column STATUS = entry("status", "状态", "导出时附带，导入时忽略", "否", "");
    static final Column VERSION = entry("version", "版本", "导出时附带，导入时忽略", "否", "");
    static final List<Column> EXPORT_ONLY = List.of(RESOURCE_CODE, PROVIDER_NAME, STATUS, VERSION);

    private static final int NAME = index("name");
    private static final int ITEM_NAME = index("itemName");
    private static final int ITEM_LENGTH = index("itemLength");

    private static Column entry(String key, String zh, String meaning, String required, String allowed) {
        return new Column(key, zh, false, meaning, required, allowed);
    }

    private static Column item(String key, String zh, String meaning, String required, String allowed) {
        return new Column(key, zh, true, meaning, required, allowed);
    }

    private static <E extends Enum<E> & Labelled> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.labelZh() + "（" + e.name() + "）")
                .collect(Collectors.joining("、"));
    }

    private static int index(String key) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (COLUMNS.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** The header names of the export: export-only columns around the template's. */
    private static List<Column> exportColumns() {
        List<Column> cols = new ArrayList<>();
        cols.add(RESOURCE_CODE);
        cols.add(PROVIDER_NAME);
        cols.addAll(COLUMNS);
        cols.add(STATUS);
        cols.add(VERSION);
        return cols;
    }

    // ------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------

    /**
     * What a template file holds.
     *
     * @param drafts    the entries in file order
     * @param firstRows for each draft, the 1-based spreadsheet row (header = row 1) where it starts
     * @param problems  template-level errors (encoding, headers, rows that belong nowhere); when not
     *                  empty the file should be refused, since the drafts may be incomplete
     * @param itemRows  for each draft, the spreadsheet row of each of its items, in order
     */
    record Parsed(List<EntryDraft> drafts, List<Integer> firstRows, List<Violation> problems, List<List<Integer>> itemRows) {

        private static final Pattern ROW_FIELD = Pattern.compile("rows\\[(\\d+)]\\.(.+)");
        private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)](?:\\.(.+))?");

        Parsed {
            drafts = List.copyOf(drafts);
            firstRows = List.copyOf(firstRows);
            problems = List.copyOf(problems);
            itemRows = itemRows.stream().map(List::copyOf).toList();
        }

        /** The spreadsheet row a catalog field of draft {@code index} (0-based) comes from, e.g. {@code items[2].grade}. */
        int rowOf(int index, String field) {
            Matcher m = ITEM_FIELD.matcher(field);
            if (m.matches()) {
                int k = Integer.parseInt(m.group(1));
                List<Integer> rows = itemRows.get(index);
                if (k >= 1 && k <= rows.size()) {
                    return rows.get(k - 1);
                }
            }
            return firstRows.get(index);
        }

        /**
         * Translates the catalog's violations {@code rows[n].field} (n from 1 in draft order) into
         * spreadsheet rows: field {@code row R.column} with the template's column key (e.g.
         * {@code row 8.itemGrade}) and the message prefixed with the row number. Violations that
         * name no row pass through unchanged.
         */
        List<Violation> toSheetRows(List<Violation> violations) {
            List<Violation> out = new ArrayList<>(violations.size());
            for (Violation v : violations) {
                Matcher m = ROW_FIELD.matcher(v.field());
                int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
                if (n < 1 || n > drafts.size()) {
                    out.add(v);
                    continue;
                }
                String field = m.group(2);
                int row = rowOf(n - 1, field);
                String column = columnOf(field);
                String zh = COLUMNS.stream().filter(c -> c.key().equals(column)).map(Column::zh).findFirst().orElse(column);
                out.add(new Violation("row " + row + "." + column, "第 " + row + " 行（" + zh + "）：" + v.messageZh(),
                        "row " + row + " (" + column + "): " + v.messageEn()));
            }
            return out;
        }

        private static String columnOf(String field) {
            Matcher m = ITEM_FIELD.matcher(field);
            if (m.matches()) {
                String sub = m.group(2);
                if (sub == null) {
                    return "items";
                }
                String key = "item" + Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
                return COLUMNS.stream().anyMatch(c -> c.key().equals(key)) ? key : field;
            }
            return field;
        }
    }

    /**
     * Reads a template saved as CSV: UTF-8 (a byte order mark is dropped), comma-separated, RFC 4180
     * quoting. A leading apostrophe before {@code = + - @}, as {@link #writeCsv} writes it against
     * formula injection, is removed.
     */
    static Parsed readCsv(InputStream in) {
        Assembler a = new Assembler(true);
        try {
            BufferedInputStream b = new BufferedInputStream(in);
            b.mark(4);
            byte[] head = b.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (!bom) {
                b.reset();
            }
            if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                    || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                a.fatal("file", "文件是 UTF-16 编码，请另存为“CSV UTF-8（逗号分隔）”", "file is UTF-16; save it as CSV UTF-8");
                return a.result();
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(b, decoder));
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    if (!a.accept(record.getRecordNumber(), record.toList())) {
                        break;
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (causedByEncoding(e)) {
                a.fatal("file", NOT_UTF8_ZH, NOT_UTF8_EN);
            } else {
                malformed(a, e);
            }
        } catch (IllegalStateException e) {
            // Commons CSV reports some structural errors this way too.
            malformed(a, e);
        }
        return a.result();
    }

    private static void malformed(Assembler a, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? "" : ": " + root.getMessage();
        a.fatal("file", "CSV 文件格式错误（第 " + (a.lastRow() + 1) + " 行附近），请检查引号是否成对",
                "malformed CSV near row " + (a.lastRow() + 1) + detail);
    }

    private static boolean causedByEncoding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a template saved as XLSX: the sheet named {@value #SHEET}, or the first sheet when no
     * sheet has that name.
     */
    static Parsed readXlsx(InputStream in) {
        Assembler a = new Assembler(false);
        try {
            BufferedInputStream b = new BufferedInputStream(in);
            b.mark(16);
            byte[] head = b.readNBytes(8);
            b.reset();
            if (head.length == 8 && ReadableWorkbook.isOLE2Header(head)) {
                a.fatal("file", "文件是旧版 Excel 97-2003（.xls）格式，请另存为 .xlsx 后导入",
                        "the file is an old Excel 97-2003 (.xls) workbook; save it as .xlsx");
                return a.result();
            }
            if (head.length < 4 || !ReadableWorkbook.isOOXMLZipHeader(head)) {
                a.fatal("file", "文件不是有效的 Excel（.xlsx）文件", "the file is not an Excel (.xlsx) workbook");
                return a.result();
            }
            try (ReadableWorkbook wb = new ReadableWorkbook(b)) {
                Sheet sheet = wb.findSheet(SHEET).orElseGet(wb::getFirstSheet);
                try (Stream<Row> rows = sheet.openStream()) {
                    Iterator<Row> it = rows.iterator();
                    while (it.hasNext()) {
                        Row row = it.next();
                        List<String> cells = new ArrayList<>(row.getCellCount());
                        for (int i = 0; i < row.getCellCount(); i++) {
                            cells.add(text(row.getCell(i)));
                        }
                        if (!a.accept(row.getRowNum(), cells)) {
                            break;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            a.fatal("file", "无法读取 Excel（.xlsx）文件，文件可能已损坏", "cannot read the .xlsx workbook; it may be damaged");
        }
        return a.result();
    }

    /** The text of a spreadsheet cell: numbers without exponent or trailing zeros, booleans as true/false. */
    private static String text(Cell c) {
        if (c == null) {
            return null;
        }
        switch (c.getType()) {
            case EMPTY:
                return null;
            case NUMBER:
                BigDecimal n = c.asNumber();
                return n == null ? null : n.stripTrailingZeros().toPlainString();
            case BOOLEAN:
                Boolean bool = c.asBoolean();
                return bool == null ? null : bool.toString();
            default:
                return c.getText();
        }
    }

    /** Turns the rows of a sheet into drafts, collecting template problems. */
    private static final class Assembler {

        private static final int NO_HEADER = -2;
        private static final int IGNORED = -1;

        private final boolean csv;
        private final List<EntryDraft> drafts = new ArrayList<>();
        private final List<Integer> firstRows = new ArrayList<>();
        private final List<List<Integer>> itemRows = new ArrayList<>();
        private final List<Violation> problems = new ArrayList<>();
        private int[] columns;
        private boolean fatal;
        private boolean stopped;
        private long lastRow;

        // the entry being assembled
        private String[] entry;
        private List<EntryDraft.ItemDraft> items;
        private List<Integer> rowsOfItems;

        Assembler(boolean csv) {
            this.csv = csv;
        }

        long lastRow() {
            return lastRow;
        }

        void fatal(String field, String zh, String en) {
            fatal = true;
            problems.add(new Violation(field, zh, en));
        }

        private void problem(String field, String zh, String en) {
            if (stopped) {
                return;
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add(new Violation("file", "问题过多，已停止检查（前 " + MAX_PROBLEMS + " 个已列出）",
                        "too many problems; checking stopped after the first " + MAX_PROBLEMS));
                stopped = true;
                return;
            }
            problems.add(new Violation(field, zh, en));
        }

        /** Takes one physical row; false when reading should stop. */
        boolean accept(long rowNumber, List<String> raw) {
            if (stopped || fatal) {
                return false;
            }
            lastRow = rowNumber;
            if (rowNumber > MAX_LINES + 1L) { // counted before blank rows are skipped: they cost reading too
                problem("row " + rowNumber, "文件超过 " + MAX_LINES + " 行，请拆分后分批导入",
                        "the file has more than " + MAX_LINES + " rows; split it");
                stopped = true;
                return false;
            }
            List<String> cells = new ArrayList<>(raw.size());
            boolean blank = true;
            for (String r : raw) {
                String v = clean(r);
                cells.add(v);
                blank &= v == null;
            }
            if (blank) {
                return true;
            }
            if (columns == null) {
                header(cells);
                return !fatal;
            }
            row((int) rowNumber, cells);
            return !stopped;
        }

        private void header(List<String> cells) {
            columns = new int[cells.size()];
            Map<Integer, Integer> seen = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String h = cells.get(i);
                if (h == null) {
                    columns[i] = NO_HEADER;
                    continue;
                }
                String norm = h.replaceAll("[\\s*＊]", "").replaceAll("[（(]必填[)）]$", "");
                int t = match(COLUMNS, norm);
                if (t >= 0) {
                    Integer before = seen.putIfAbsent(t, i);
                    if (before != null) {
                        fatal("header", "表头“" + h + "”重复（第 " + letter(before) + " 列和第 " + letter(i) + " 列）",
                                "header '" + h + "' appears twice (columns " + letter(before) + " and " + letter(i) + ")");
                    }
                    columns[i] = t;
                } else if (match(EXPORT_ONLY, norm) >= 0) {
                    columns[i] = IGNORED;
                } else {
                    columns[i] = NO_HEADER;
                    fatal("header", "未知的表头“" + h + "”（第 " + letter(i) + " 列）",
                            "unknown header '" + h + "' (column " + letter(i) + ")");
                }
            }
            for (int required : new int[] {NAME, ITEM_NAME}) {
                if (!seen.containsKey(required)) {
                    Column c = COLUMNS.get(required);
                    fatal("header", "缺少必需的表头“" + c.zh() + "”", "required header '" + c.zh() + "' (" + c.key() + ") is missing");
                }
            }
        }

        private static int match(List<Column> cols, String header) {
            for (int i = 0; i < cols.size(); i++) {
                Column c = cols.get(i);
                if (c.zh().equals(header) || c.key().equalsIgnoreCase(header)) {
                    return i;
                }
            }
            return -1;
        }

        private void row(int rowNumber, List<String> cells) {
            String field = "row " + rowNumber;
            String[] v = new String[COLUMNS.size()];
            for (int i = 0; i < cells.size(); i++) {
                String value = cells.get(i);
                if (value == null) {
                    continue;
                }
                int t = i < columns.length ? columns[i] : NO_HEADER;
                if (t == NO_HEADER) {
                    problem(field, "第 " + rowNumber + " 行第 " + letter(i) + " 列有内容，但该列没有表头",
                            "row " + rowNumber + " has a value in column " + letter(i) + ", which has no header");
                } else if (t != IGNORED) {
                    v[t] = csv ? unescape(value) : value;
                }
            }
            boolean hasEntry = false;
            boolean hasItem = false;
            for (int i = 0; i < v.length; i++) {
                if (v[i] != null) {
                    if (COLUMNS.get(i).item()) {
                        hasItem = true;
                    } else {
                        hasEntry = true;
                    }
                }
            }
            if (!hasEntry && !hasItem) {
                return; // only export-only or header-less cells
            }
            if (v[NAME] != null && !(entry != null && repeats(v))) {
                if (drafts.size() + (entry == null ? 0 : 1) >= MAX_ENTRIES) {
                    problem(field, "一次最多导入 " + MAX_ENTRIES + " 条信息资源，请拆分后分批导入",
                            "at most " + MAX_ENTRIES + " entries per import; split the file");
                    stopped = true;
                    return;
                }
                complete();
                entry = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (!COLUMNS.get(i).item()) {
                        entry[i] = v[i];
                    }
                }
                items = new ArrayList<>();
                rowsOfItems = new ArrayList<>();
                firstRows.add(rowNumber);
            } else if (entry == null) {
                problem(field, "第 " + rowNumber + " 行没有填写信息资源名称，且前面没有信息资源可归属",
                        "row " + rowNumber + " has no resource name and follows no entry");
                return;
            } else {
                List<String> differing = new ArrayList<>();
                for (int i = 0; i < v.length; i++) {
                    if (!COLUMNS.get(i).item() && v[i] != null && !v[i].equals(entry[i])) {
                        differing.add(COLUMNS.get(i).zh());
                    }
                }
                if (!differing.isEmpty()) {
                    problem(field, "第 " + rowNumber + " 行未填写信息资源名称，视为第 " + firstRows.get(firstRows.size() - 1)
                            + " 行信息资源的续行，但" + String.join("、", differing) + "与该信息资源不一致；新的信息资源须填写名称",
                            "row " + rowNumber + " has no resource name, so it continues the entry of row "
                                    + firstRows.get(firstRows.size() - 1) + ", but its entry columns differ: " + differing
                                    + "; a new entry needs a name");
                }
            }
            if (hasItem) {
                items.add(new EntryDraft.ItemDraft(f(v, "itemName"), f(v, "itemDataType"), f(v, "itemLength"),
                        f(v, "itemIdentifiesPerson"), f(v, "itemSensitiveType"), f(v, "itemGrade"), f(v, "itemCollectingAgency")));
                rowsOfItems.add(rowNumber);
            }
        }

        /** Whether a row with a name repeats the current entry's columns (the "repeated" continuation style). */
        private boolean repeats(String[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!COLUMNS.get(i).item() && v[i] != null && !v[i].equals(entry[i])) {
                    return false;
                }
            }
            return true;
        }

        private void complete() {
            if (entry == null) {
                return;
            }
            String[] e = entry;
            drafts.add(new EntryDraft(f(e, "classification"), f(e, "name"), f(e, "provider"), f(e, "summary"),
                    f(e, "format"), List.copyOf(items), f(e, "shareType"), f(e, "shareConditions"), f(e, "shareMethod"),
                    f(e, "legalBasis"), f(e, "openType"), f(e, "openConditions"), f(e, "openBasis"), f(e, "openBasisNote"),
                    f(e, "updateFrequency"), split(f(e, "relatedCodes")), split(f(e, "keywords")), f(e, "baseDatabase"),
                    f(e, "thematicDatabase"), f(e, "priorityCategory"), f(e, "scope"), f(e, "grade")));
            itemRows.add(List.copyOf(rowsOfItems));
            entry = null;
        }

        private static String f(String[] values, String key) {
            return values[index(key)];
        }

        Parsed result() {
            if (columns == null && !fatal) {
                fatal("header", "文件为空或缺少表头行", "the file is empty or has no header row");
            }
            complete();
            if (fatal) {
                return new Parsed(List.of(), List.of(), problems, List.of());
            }
            return new Parsed(drafts, firstRows, problems, itemRows);
        }

        private static String unescape(String v) {
            return v.length() > 1 && v.charAt(0) == '\'' && FORMULA_STARTS.indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
        }
    }

    /** Trimmed text (including full-width, no-break and zero-width blanks), or null when blank. */
    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        int from = 0;
        int to = s.length();
        while (from < to && blank(s.charAt(from))) {
            from++;
        }
        while (to > from && blank(s.charAt(to - 1))) {
            to--;
        }
        return from == to ? null : s.substring(from, to);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    private static List<String> split(String s) {
        if (s == null) {
            return List.of();
        }
        return LIST_SEPARATORS.splitAsStream(s).map(CatalogExchange::clean).filter(x -> x != null).toList();
    }

    /** Spreadsheet column letter of a 0-based index: A, B, ..., Z, AA, ... */
    static String letter(int index) {
        StringBuilder b = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------
    // Templates
    // ------------------------------------------------------------------------------------------

    /**
     * The empty CSV template: a byte order mark (so that Excel reads it as UTF-8 when the caller
     * encodes the string in UTF-8) and the header row.
     */
    static String templateCsv() {
        return BOM + COLUMNS.stream().map(Column::zh).collect(Collectors.joining(",")) + "\r\n";
    }

    /**
     * The empty XLSX template: sheet {@value #SHEET} with the header row, and sheet
     * {@value #HELP_SHEET} explaining every column and showing an example entry with two items.
     */
    static byte[] templateXlsx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Poyang", "1.0");
            Worksheet ws = wb.newWorksheet(SHEET);
            header(ws, 0, COLUMNS, true);
            ws.freezePane(0, 1);
            Worksheet help = wb.newWorksheet(HELP_SHEET);
            writeHelp(help);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void header(Worksheet ws, int row, List<Column> cols, boolean markRequired) {
        for (int c = 0; c < cols.size(); c++) {
            Column col = cols.get(c);
            ws.value(row, c, col.zh());
            boolean required = markRequired && "是".equals(col.required());
            ws.style(row, c).bold().fillColor(col.item() ? "E2EFDA" : "DDEBF7").fontColor(required ? "C00000" : "000000")
                    .borderStyle("thin").set();
            ws.width(c, Math.max(12, col.zh().length() * 2.2 + 2));
        }
    }

    private static void writeHelp(Worksheet ws) {
        int r = 0;
        ws.value(r, 0, "信息资源目录导入模板填写说明（how to fill in the catalog import template）");
        ws.style(r, 0).bold().fontSize(14).set();
        r += 2;
        String[] notes = {
            "1. 在“" + SHEET + "”工作表中填写，第 1 行为表头，请勿修改表头文字；列的顺序可以调整。",
            "2. 每行填写一个信息项。一个信息资源有多个信息项时，第一行填写信息资源各列，后续行的信息资源各列留空（或与第一行完全相同），只填写信息项各列。",
            "3. “信息资源名称”有值且与上一行不同的行，开始一个新的信息资源。",
            "4. 可选值一栏所列的项目，可填写中文名称或括号中的英文代码。",
            "5. 关联资源代码、关键字有多个时，用“；”分隔。",
            "6. 红色表头为必填列；其他列是否必填见下表。",
            "7. 另存为 CSV 时请选择“CSV UTF-8（逗号分隔）”格式。",
            "8. 从平台导出的文件另含信息资源代码、提供方名称、状态、版本四列，修改后可直接导入，这四列在导入时忽略。",
        };
        for (String n : notes) {
            ws.value(r++, 0, n);
        }
        r++;
        String[] head = {"列名", "英文代码", "说明", "是否必填", "可选值"};
        for (int c = 0; c < head.length; c++) {
            ws.value(r, c, head[c]);
            ws.style(r, c).bold().fillColor("DDEBF7").borderStyle("thin").set();
        }
        r++;
        for (Column col : COLUMNS) {
            ws.value(r, 0, col.zh());
            ws.value(r, 1, col.key());
            ws.value(r, 2, col.meaning());
            ws.value(r, 3, col.required());
            ws.value(r, 4, col.allowed());
            ws.style(r, 2).wrapText(true).set();
            ws.style(r, 4).wrapText(true).set();
            r++;
        }
        r++;
        ws.value(r, 0, "示例（仅供参考，请勿在本页填写；example only, fill in the sheet “" + SHEET + "”）");
        ws.style(r, 0).bold().fontColor("C00000").set();
        r++;
        header(ws, r, COLUMNS, false);
        r++;
        for (String[] example : EXAMPLE) {
            for (int c = 0; c < example.length; c++) {
                if (example[c] != null) {
                    ws.value(r, c, example[c]);
                }
            }
            r++;
        }
        ws.width(0, 28);
        ws.width(1, 24);
        ws.width(2, 60);
        ws.width(3, 24);
        ws.width(4, 60);
    }

    private static final String PLACEHOLDER_CODE = "（填写统一社会信用代码）";

    /** The example entry with two items, in template column order. */
    private static final String[][] EXAMPLE = {
        {"101001", "企业登记信息", PLACEHOLDER_CODE, "全省市场主体登记的基本信息，包括企业名称、统一社会信用代码、登记状态等。", "数据库",
            "无条件共享", null, "接口调用", null, "有条件开放", "经申请并签订数据利用协议后开放", null, null, "每日", null, "企业；市场主体；登记",
            "法人基础数据库", null, "行政许可、企业公共信用信息", "360000", "一般数据（1级）",
            "企业名称", "字符型", "200", "否", "非敏感", "一般数据（1级）", PLACEHOLDER_CODE},
        {null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            "统一社会信用代码", "字符型", "18", "否", "非敏感", "一般数据（1级）", PLACEHOLDER_CODE},
    };

    // ------------------------------------------------------------------------------------------
    // Export
    // ------------------------------------------------------------------------------------------

    /** The rows of one entry in export column order: entry columns on the first row only. */
    private static List<String[]> rows(CatalogEntry e, Function<CreditCode, String> agencyName) {
        List<Column> cols = exportColumns();
        int width = cols.size();
        String[] first = new String[width];
        int c = 0;
        first[c++] = e.code().value();
        first[c++] = agencyName.apply(e.provider());
        first[c++] = e.classification() == null ? null : e.classification().value();
        first[c++] = e.name();
        first[c++] = e.provider().value();
        first[c++] = e.summary();
        first[c++] = label(e.format());
        first[c++] = label(e.shareType());
        first[c++] = e.shareConditions();
        first[c++] = label(e.shareMethod());
        first[c++] = e.legalBasis();
        first[c++] = label(e.openType());
        first[c++] = e.openConditions();
        first[c++] = label(e.openBasis());
        first[c++] = e.openBasisNote();
        first[c++] = label(e.updateFrequency());
        first[c++] = join(e.relatedCodes().stream().map(ResourceCode::value).toList());
        first[c++] = join(e.keywords());
        first[c++] = label(e.baseDatabase());
        first[c++] = e.thematicDatabase();
        first[c++] = label(e.priorityCategory());
        first[c++] = e.scope().value();
        first[c++] = e.grade().labelZh();
        int itemStart = c;
        first[width - 2] = e.status().labelZh();
        first[width - 1] = Integer.toString(e.version());
        List<String[]> rows = new ArrayList<>();
        if (e.items().isEmpty()) {
            rows.add(first);
            return rows;
        }
        for (int n = 0; n < e.items().size(); n++) {
            DataItem i = e.items().get(n);
            String[] row = n == 0 ? first : new String[width];
            int k = itemStart;
            row[k++] = i.name();
            row[k++] = label(i.dataType());
            row[k++] = i.length() == null ? null : i.length().toString();
            row[k++] = i.identifiesPerson() ? "是" : "否";
            row[k++] = label(i.sensitiveType());
            row[k++] = i.grade().labelZh();
            row[k] = i.collectingAgency().value();
            rows.add(row);
        }
        return rows;
    }

    private static String label(Labelled l) {
        return l == null ? null : l.labelZh();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(LIST_JOINER, values);
    }

    /**
     * Writes entries as CSV in the template layout plus export-only columns: UTF-8 with a byte order
     * mark (so that Excel reads it correctly), RFC 4180 quoting, CRLF. Cells that a spreadsheet would
     * run as a formula get a leading apostrophe, which {@link #readCsv} removes. The stream is
     * flushed, not closed.
     *
     * @param agencyName name of an agency for the 提供方名称 column (may return null)
     */
    static void writeCsv(Iterable<CatalogEntry> entries, Function<CreditCode, String> agencyName, OutputStream out)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8));
        w.write(BOM);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180);
        p.printRecord(exportColumns().stream().map(Column::zh));
        for (CatalogEntry e : entries) {
            for (String[] row : rows(e, agencyName)) {
                for (String v : row) {
                    p.print(v == null ? "" : escape(v));
                }
                p.println();
            }
        }
        p.flush();
        w.flush();
    }

    private static String escape(String v) {
        return !v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    /**
     * Writes entries as XLSX (one sheet {@value #SHEET}) in the template layout plus export-only
     * columns. Rows are flushed as they are written. The stream is not closed.
     */
    static void writeXlsx(Iterable<CatalogEntry> entries, Function<CreditCode, String> agencyName, OutputStream out)
            throws IOException {
        List<Column> cols = exportColumns();
        int lengthCol = 2 + ITEM_LENGTH;
        int versionCol = cols.size() - 1;
        Workbook wb = new Workbook(nonClosing(out), "Poyang", "1.0");
        Worksheet ws = wb.newWorksheet(SHEET);
        header(ws, 0, cols, false);
        ws.freezePane(0, 1);
        int r = 1;
        int flushed = 1;
        for (CatalogEntry e : entries) {
            for (String[] row : rows(e, agencyName)) {
                for (int c = 0; c < row.length; c++) {
                    String v = row[c];
                    if (v == null) {
                        continue;
                    }
                    if (c == lengthCol || c == versionCol) {
                        ws.value(r, c, Integer.valueOf(v));
                    } else {
                        ws.inlineString(r, c, v); // inline: no shared-string table growing with the export
                    }
                }
                r++;
            }
            if (r - flushed >= 1000) {
                ws.flush();
                flushed = r;
            }
        }
        ws.finish();
        wb.finish();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    // ------------------------------------------------------------------------------------------
    // DCAT-AP
    // ------------------------------------------------------------------------------------------

    private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";

    /**
     * Writes entries as a DCAT-AP 3 {@code dcat:Catalog} in JSON-LD (compact form, prefixed names).
     * The stream is flushed, not closed.
     *
     * @param agencyName name of a providing agency (may return null: the credit code stands in)
     * @param baseUri    the platform's public base URI, e.g. {@code https://data.jiangxi.gov.cn}
     */
    static void writeDcat(Iterable<CatalogEntry> entries, Function<CreditCode, String> agencyName, String baseUri,
            OutputStream out) throws IOException {
        String base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        try (JsonGenerator g = JSON.createGenerator(nonClosing(out), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("@context");
            g.writeStringField("dcat", "http://www.w3.org/ns/dcat#");
            g.writeStringField("dct", "http://purl.org/dc/terms/");
            g.writeStringField("foaf", "http://xmlns.com/foaf/0.1/");
            g.writeStringField("vcard", "http://www.w3.org/2006/vcard/ns#");
            g.writeStringField("adms", "http://www.w3.org/ns/adms#");
            g.writeStringField("skos", "http://www.w3.org/2004/02/skos/core#");
            g.writeStringField("xsd", "http://www.w3.org/2001/XMLSchema#");
            g.writeEndObject();
            g.writeStringField("@id", base + "/api/catalog");
            g.writeStringField("@type", "dcat:Catalog");
            g.writeFieldName("dct:title");
            g.writeStartArray();
            tagged(g, "江西省公共数据资源目录", "zh");
            tagged(g, "Jiangxi public data resource catalog", "en");
            g.writeEndArray();
            g.writeFieldName("dct:description");
            g.writeStartArray();
            tagged(g, "江西省公共数据资源目录中的信息资源", "zh");
            tagged(g, "Public data resources in the catalog of Jiangxi Province", "en");
            g.writeEndArray();
            g.writeObjectFieldStart("dct:publisher");
            g.writeStringField("@type", "foaf:Agent");
            g.writeStringField("foaf:name", "江西省数据局");
            g.writeEndObject();
            g.writeArrayFieldStart("dcat:dataset");
            for (CatalogEntry e : entries) {
                dataset(g, e, agencyName, base);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void dataset(JsonGenerator g, CatalogEntry e, Function<CreditCode, String> agencyName, String base)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("@id", entryIri(base, e.code()));
        g.writeStringField("@type", "dcat:Dataset");
        g.writeStringField("dct:identifier", e.code().value());
        g.writeArrayFieldStart("dct:title");
        tagged(g, e.name(), "zh");
        g.writeEndArray();
        if (e.summary() != null) {
            g.writeArrayFieldStart("dct:description");
            tagged(g, e.summary(), "zh");
            g.writeEndArray();
        }
        if (!e.keywords().isEmpty()) {
            g.writeArrayFieldStart("dcat:keyword");
            for (String k : e.keywords()) {
                tagged(g, k, "zh");
            }
            g.writeEndArray();
        }
        String providerName = agencyName.apply(e.provider());
        g.writeObjectFieldStart("dct:publisher");
        g.writeStringField("@type", "foaf:Agent");
        g.writeStringField("foaf:name", providerName == null || providerName.isBlank() ? e.provider().value() : providerName);
        g.writeStringField("dct:identifier", e.provider().value());
        g.writeEndObject();
        if (e.updateFrequency() != null) {
            g.writeFieldName("dct:accrualPeriodicity");
            concept(g, e.updateFrequency().dcatTerm(), e.updateFrequency());
        }
        g.writeFieldName("dct:accessRights");
        concept(g, ACCESS_RIGHT + switch (e.openType()) {
            case UNCONDITIONAL -> "PUBLIC";
            case CONDITIONAL -> "RESTRICTED";
            case NOT_OPEN -> "NON_PUBLIC";
        }, e.openType());
        if (e.publishedOn() != null) {
            g.writeObjectFieldStart("dct:issued");
            g.writeStringField("@value", e.publishedOn().toString());
            g.writeStringField("@type", "xsd:date");
            g.writeEndObject();
        }
        if (e.updatedAt() != null) {
            g.writeObjectFieldStart("dct:modified");
            g.writeStringField("@value", e.updatedAt().toString());
            g.writeStringField("@type", "xsd:dateTime");
            g.writeEndObject();
        }
        g.writeObjectFieldStart("dct:spatial");
        g.writeStringField("@id", "urn:poyang:region:" + e.scope().value());
        g.writeEndObject();
        if (!e.relatedCodes().isEmpty()) {
            g.writeArrayFieldStart("dct:relation");
            for (ResourceCode r : e.relatedCodes()) {
                g.writeStartObject();
                g.writeStringField("@id", entryIri(base, r));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        // DCAT-AP 3 names the version dcat:version (owl:versionInfo in DCAT-AP 2).
        g.writeStringField("dcat:version", Integer.toString(e.version()));
        g.writeEndObject();
    }

    private static String entryIri(String base, ResourceCode code) {
        return base + "/api/catalog/entries/" + code.value();
    }

    private static void concept(JsonGenerator g, String iri, Labelled term) throws IOException {
        g.writeStartObject();
        g.writeStringField("@id", iri);
        g.writeArrayFieldStart("skos:prefLabel");
        tagged(g, term.labelZh(), "zh");
        tagged(g, term.labelEn(), "en");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void tagged(JsonGenerator g, String value, String language) throws IOException {
        g.writeStartObject();
        g.writeStringField("@value", value);
        g.writeStringField("@language", language);
        g.writeEndObject();
    }
}
