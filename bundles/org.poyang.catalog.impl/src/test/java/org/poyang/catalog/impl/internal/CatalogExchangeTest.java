package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.BaseDatabase;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.Labelled;
import org.poyang.catalog.api.OpenBasis;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.platform.rest.Violation;

/** Import template, exports and DCAT-AP of the catalog. */
class CatalogExchangeTest {

    private static final CreditCode PROVINCE = new CreditCode("91110000600037341L");
    private static final CreditCode CITY = new CreditCode("91110108551385082Q");
    private static final CreditCode OTHER = new CreditCode("914403001922038216");
    private static final Map<CreditCode, String> NAMES = Map.of(PROVINCE, "江西省市场监督管理局", CITY, "南昌市数据局");
    private static final Function<CreditCode, String> AGENCY_NAME = NAMES::get;

    private static final CatalogEntry FIRST = new CatalogEntry(new ResourceCode("101001/000001"),
            new ClassificationCode("101001"), "企业登记信息", PROVINCE,
            "全省市场主体登记信息，含名称、代码\n以及\"登记状态\"等", ResourceFormat.DATABASE,
            List.of(new DataItem("企业名称", DataType.STRING, 200, false, SensitiveType.NONE, Grade.general(1), PROVINCE),
                    new DataItem("法定代表人姓名", DataType.STRING, 50, true, SensitiveType.NAME, Grade.general(2), PROVINCE)),
            ShareType.CONDITIONAL, "仅用于行政审批", ShareMethod.API, "《江西省公共数据管理办法》", OpenType.UNCONDITIONAL, null,
            OpenBasis.DESENSITISED, "脱敏处理说明 2026-01", UpdateFrequency.DAILY, LocalDate.of(2026, 1, 5),
            List.of(new ResourceCode("101001/000002")), List.of("企业", "登记"), BaseDatabase.LEGAL_PERSON, "营商环境主题库",
            PriorityCategory.DIGITAL_ECONOMY, RegionCode.JIANGXI, Grade.general(2), EntryStatus.PUBLISHED, 3,
            Instant.parse("2026-11-27T08:00:00Z"), "alice");

    private static final CatalogEntry SECOND = new CatalogEntry(new ResourceCode("301002/000007"),
            new ClassificationCode("301002"), "不动产抵押登记", CITY, "=HYPERLINK(\"http://example.invalid\")",
            ResourceFormat.FILE,
            List.of(new DataItem("不动产单元号", DataType.STRING, 28, false, SensitiveType.NONE, Grade.IMPORTANT, OTHER),
                    new DataItem("抵押金额", DataType.DECIMAL, null, false, SensitiveType.NONE, Grade.general(1), OTHER),
                    new DataItem("登记日期", DataType.DATE, null, false, SensitiveType.NONE, Grade.general(1), CITY)),
            ShareType.NOT_SHARED, null, null, "《不动产登记暂行条例》", OpenType.NOT_OPEN, null, null, null,
            UpdateFrequency.IRREGULAR, null, List.of(), List.of(), null, null, null, new RegionCode("360100"), Grade.IMPORTANT,
            EntryStatus.DRAFT, 1, Instant.parse("2026-11-26T00:00:00Z"), "bob");

    private static final List<CatalogEntry> ENTRIES = List.of(FIRST, SECOND);

    // ---------------------------------------------------------------------------------------------
    // Round trips
    // ---------------------------------------------------------------------------------------------

    @Test
    void csvExportReadsBackAsTheEntriesDrafts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogExchange.writeCsv(ENTRIES, AGENCY_NAME, out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("信息资源代码,提供方名称,资源分类代码,信息资源名称").contains("江西省市场监督管理局")
                .contains("无条件开放").contains("一般数据（2级）").contains("'=HYPERLINK");

        CatalogExchange.Parsed parsed = CatalogExchange.readCsv(new ByteArrayInputStream(bytes));

        assertThat(parsed.problems()).isEmpty();
        assertRoundTrip(parsed);
    }

    @Test
    void xlsxExportReadsBackAsTheEntriesDrafts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogExchange.writeXlsx(ENTRIES, AGENCY_NAME, out);

        CatalogExchange.Parsed parsed = CatalogExchange.readXlsx(new ByteArrayInputStream(out.toByteArray()));

        assertThat(parsed.problems()).isEmpty();
        assertRoundTrip(parsed);
    }

    private static void assertRoundTrip(CatalogExchange.Parsed parsed) {
        assertThat(parsed.drafts()).hasSize(2);
        assertThat(normalise(parsed.drafts().get(0))).isEqualTo(normalise(EntryDraft.of(FIRST)));
        assertThat(normalise(parsed.drafts().get(1))).isEqualTo(normalise(EntryDraft.of(SECOND)));
        // header row 1; the first entry takes rows 2-3, the second rows 4-6
        assertThat(parsed.firstRows()).containsExactly(2, 4);
        assertThat(parsed.itemRows()).containsExactly(List.of(2, 3), List.of(4, 5, 6));
    }

    /** A draft with enums as constant names, grades as codes, booleans as true/false and no null lists. */
    private static EntryDraft normalise(EntryDraft d) {
        return new EntryDraft(d.classification(), d.name(), d.provider(), d.summary(), term(ResourceFormat.class, d.format()),
                d.items() == null ? List.of() : d.items().stream().map(i -> new EntryDraft.ItemDraft(i.name(),
                        term(DataType.class, i.dataType()), i.length(), bool(i.identifiesPerson()),
                        term(SensitiveType.class, i.sensitiveType()), grade(i.grade()), i.collectingAgency())).toList(),
                term(ShareType.class, d.shareType()), d.shareConditions(), term(ShareMethod.class, d.shareMethod()), d.legalBasis(),
                term(OpenType.class, d.openType()), d.openConditions(), term(OpenBasis.class, d.openBasis()), d.openBasisNote(),
                term(UpdateFrequency.class, d.updateFrequency()), d.relatedCodes() == null ? List.of() : d.relatedCodes(),
                d.keywords() == null ? List.of() : d.keywords(), term(BaseDatabase.class, d.baseDatabase()), d.thematicDatabase(),
                term(PriorityCategory.class, d.priorityCategory()), d.scope(), grade(d.grade()));
    }

    private static <E extends Enum<E> & Labelled> String term(Class<E> type, String text) {
        return Labelled.parse(type, text).map(Enum::name).orElse(text);
    }

    private static String grade(String text) {
        return text == null ? null : Grade.parse(text).code();
    }

    private static String bool(String text) {
        return Boolean.toString(text != null && (text.equals("是") || text.equalsIgnoreCase("true")));
    }

    // ---------------------------------------------------------------------------------------------
    // Reading templates
    // ---------------------------------------------------------------------------------------------

    private static CatalogExchange.Parsed csv(String text) {
        return CatalogExchange.readCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void continuationRowsAddItemsToThePreviousEntry() {
        String text = String.join("\n",
                "信息资源名称,provider,信息项名称,数据类型,keywords,分级",
                "企业登记信息, 91110000600037341L ,企业名称,字符型,企业；登记 ; 市场主体,",
                ",,统一社会信用代码,字符型,,",
                ",,,,,",
                "企业登记信息,91110000600037341L,登记状态,字符型,企业；登记 ; 市场主体,",
                "不动产登记,91110108551385082Q,,,,重要数据",
                ",,不动产单元号,字符型,,",
                "");

        CatalogExchange.Parsed parsed = csv(text);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.drafts()).hasSize(2);
        EntryDraft first = parsed.drafts().get(0);
        assertThat(first.provider()).isEqualTo("91110000600037341L");
        assertThat(first.keywords()).containsExactly("企业", "登记", "市场主体");
        assertThat(first.grade()).isNull();
        assertThat(first.summary()).isNull();
        assertThat(first.items()).extracting(EntryDraft.ItemDraft::name).containsExactly("企业名称", "统一社会信用代码", "登记状态");
        EntryDraft second = parsed.drafts().get(1);
        assertThat(second.grade()).isEqualTo("重要数据");
        assertThat(second.items()).extracting(EntryDraft.ItemDraft::name).containsExactly("不动产单元号");
        assertThat(parsed.firstRows()).containsExactly(2, 6);
        assertThat(parsed.itemRows()).containsExactly(List.of(2, 3, 5), List.of(7));
    }

    @Test
    void catalogViolationsAreTranslatedIntoSpreadsheetRows() {
        CatalogExchange.Parsed parsed = csv(String.join("\n",
                "信息资源名称,信息项名称,信息项分级",
                "企业登记信息,企业名称,一般数据（1级）",
                "不动产登记,,",
                ",不动产单元号,",
                ",抵押金额,极高"));

        List<Violation> rows = parsed.toSheetRows(List.of(new Violation("rows[2].items[2].grade", "无法识别的分级", "unknown grade"),
                new Violation("rows[2].summary", "信息资源摘要不能为空", "summary is required"),
                new Violation("rows", "没有可导入的信息资源", "no entries")));

        assertThat(rows).extracting(Violation::field).containsExactly("row 5.itemGrade", "row 3.summary", "rows");
        assertThat(rows.get(0).messageZh()).isEqualTo("第 5 行（信息项分级）：无法识别的分级");
    }

    @Test
    void gbkFileIsReportedAsNotUtf8() {
        String text = "信息资源名称,信息项名称\n企业登记信息,企业名称\n";

        CatalogExchange.Parsed parsed = CatalogExchange.readCsv(new ByteArrayInputStream(text.getBytes(Charset.forName("GBK"))));

        assertThat(parsed.drafts()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(v -> {
            assertThat(v.messageZh()).isEqualTo(CatalogExchange.NOT_UTF8_ZH);
            assertThat(v.messageEn()).contains("UTF-8");
        });
    }

    @Test
    void unknownHeaderIsReported() {
        CatalogExchange.Parsed parsed = csv("信息资源名称,信息项名称,备注\n企业登记信息,企业名称,x\n");

        assertThat(parsed.drafts()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("header");
            assertThat(v.messageZh()).contains("备注").contains("C");
        });
    }

    @Test
    void exportOnlyColumnsAreIgnored() {
        CatalogExchange.Parsed parsed = csv("信息资源代码,提供方名称,信息资源名称,信息项名称,状态,版本\n101001/000001,某局,企业登记信息,企业名称,已发布,3\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.drafts()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("企业登记信息"));
    }

    @Test
    void missingRequiredHeadersAreReported() {
        CatalogExchange.Parsed parsed = csv("资源分类代码,数据类型\n101001,字符型\n");

        assertThat(parsed.drafts()).isEmpty();
        assertThat(parsed.problems()).extracting(Violation::field).containsExactly("header", "header");
        assertThat(parsed.problems()).extracting(Violation::messageZh)
                .anySatisfy(m -> assertThat(m).contains("信息资源名称"))
                .anySatisfy(m -> assertThat(m).contains("信息项名称"));
    }

    @Test
    void rowsThatBelongNowhereAreReported() {
        CatalogExchange.Parsed parsed = csv(String.join("\n",
                "信息资源名称,信息项名称",
                ",孤立的信息项",
                "企业登记信息,企业名称,多余的值"));

        assertThat(parsed.problems()).extracting(Violation::field).containsExactly("row 2", "row 3");
        assertThat(parsed.problems().get(1).messageZh()).contains("第 C 列");
    }

    @Test
    void continuationRowWithDifferentEntryColumnsIsReported() {
        CatalogExchange.Parsed parsed = csv(String.join("\n",
                "信息资源名称,资源分类代码,信息项名称",
                "企业登记信息,101001,企业名称",
                ",101002,登记状态"));

        assertThat(parsed.problems()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("row 3");
            assertThat(v.messageZh()).contains("资源分类代码");
        });
    }

    @Test
    void brokenXlsxIsReported() {
        CatalogExchange.Parsed notZip = CatalogExchange.readXlsx(new ByteArrayInputStream("信息资源名称".getBytes(StandardCharsets.UTF_8)));
        CatalogExchange.Parsed truncated = CatalogExchange.readXlsx(new ByteArrayInputStream(
                java.util.Arrays.copyOf(CatalogExchange.templateXlsx(), 200)));

        assertThat(notZip.problems()).singleElement().satisfies(v -> assertThat(v.messageZh()).contains(".xlsx"));
        assertThat(truncated.problems()).singleElement().satisfies(v -> assertThat(v.messageZh()).contains(".xlsx"));
    }

    // ---------------------------------------------------------------------------------------------
    // Templates
    // ---------------------------------------------------------------------------------------------

    @Test
    void templatesHaveTheHeaderAndReadAsEmpty() throws IOException {
        CatalogExchange.Parsed csv = csv(CatalogExchange.templateCsv());
        byte[] xlsx = CatalogExchange.templateXlsx();
        CatalogExchange.Parsed parsed = CatalogExchange.readXlsx(new ByteArrayInputStream(xlsx));

        assertThat(CatalogExchange.templateCsv()).startsWith("\uFEFF资源分类代码,信息资源名称,");
        assertThat(csv.problems()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.drafts()).isEmpty();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheets().map(Sheet::getName)).containsExactly(CatalogExchange.SHEET, CatalogExchange.HELP_SHEET);
            Sheet help = wb.findSheet(CatalogExchange.HELP_SHEET).orElseThrow();
            List<String> text = help.read().stream().flatMap(r -> r.stream()).filter(c -> c != null).map(c -> c.getText()).toList();
            assertThat(text).contains("企业登记信息", "itemCollectingAgency", "无条件开放（UNCONDITIONAL）、有条件开放（CONDITIONAL）、不予开放（NOT_OPEN）");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // DCAT-AP
    // ---------------------------------------------------------------------------------------------

    @Test
    void dcatIsJsonLdWithEuVocabularies() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogExchange.writeDcat(ENTRIES, AGENCY_NAME, "https://data.jiangxi.gov.cn/", out);

        JsonNode root = new ObjectMapper().readTree(out.toByteArray());

        assertThat(root.path("@type").asText()).isEqualTo("dcat:Catalog");
        assertThat(root.path("@context").path("dct").asText()).isEqualTo("http://purl.org/dc/terms/");
        assertThat(root.path("dct:title").get(0).path("@value").asText()).isEqualTo("江西省公共数据资源目录");
        assertThat(root.path("dct:publisher").path("foaf:name").asText()).isEqualTo("江西省数据局");
        JsonNode first = root.path("dcat:dataset").get(0);
        assertThat(first.path("@id").asText()).isEqualTo("https://data.jiangxi.gov.cn/api/catalog/entries/101001/000001");
        assertThat(first.path("@type").asText()).isEqualTo("dcat:Dataset");
        assertThat(first.path("dct:identifier").asText()).isEqualTo("101001/000001");
        assertThat(first.path("dct:title").get(0).path("@language").asText()).isEqualTo("zh");
        assertThat(first.path("dct:accrualPeriodicity").path("@id").asText())
                .isEqualTo("http://publications.europa.eu/resource/authority/frequency/DAILY");
        assertThat(first.path("dct:publisher").path("foaf:name").asText()).isEqualTo("江西省市场监督管理局");
        assertThat(first.path("dct:publisher").path("dct:identifier").asText()).isEqualTo(PROVINCE.value());
        assertThat(first.path("dct:accessRights").path("@id").asText())
                .isEqualTo("http://publications.europa.eu/resource/authority/access-right/PUBLIC");
        assertThat(first.path("dct:accessRights").path("skos:prefLabel").findValuesAsText("@value"))
                .containsExactly("无条件开放", "open without conditions");
        assertThat(first.path("dct:issued").path("@value").asText()).isEqualTo("2026-01-05");
        assertThat(first.path("dct:issued").path("@type").asText()).isEqualTo("xsd:date");
        assertThat(first.path("dct:spatial").path("@id").asText()).isEqualTo("urn:poyang:region:360000");
        assertThat(first.path("dct:relation").get(0).path("@id").asText()).endsWith("/api/catalog/entries/101001/000002");
        assertThat(first.path("dcat:keyword").findValuesAsText("@value")).containsExactly("企业", "登记");
        JsonNode second = root.path("dcat:dataset").get(1);
        assertThat(second.path("dct:accessRights").path("@id").asText()).endsWith("/access-right/NON_PUBLIC");
        assertThat(second.has("dct:issued")).isFalse();
        assertThat(second.has("dcat:keyword")).isFalse();
    }
}
