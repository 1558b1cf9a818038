package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.AdministrativeLevel;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryDraft.ItemDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.platform.rest.Violation;

/** The content rules of a catalog entry, one test per rule, each naming its article. */
class EntryRulesTest {

    static final String PROVINCE = "91110000600037341L";
    static final String CITY = "91110108551385082Q";
    static final String UNKNOWN = "914403001922038216";

    private static final Map<CreditCode, Agency> AGENCIES = Map.of(
            new CreditCode(PROVINCE), new Agency(new CreditCode(PROVINCE), "江西省数据局", RegionCode.JIANGXI, AdministrativeLevel.PROVINCE, null, Instant.EPOCH),
            new CreditCode(CITY), new Agency(new CreditCode(CITY), "南昌市数据局", new RegionCode("360100"), AdministrativeLevel.CITY, null, Instant.EPOCH));

    static ItemDraft item(String name, String grade, String sensitive) {
        return new ItemDraft(name, "STRING", "50", sensitive == null ? "否" : "是", sensitive, grade, PROVINCE);
    }

    static EntryDraft draft(List<ItemDraft> items) {
        return new EntryDraft("101001", "企业登记信息", CITY, "全市企业的登记事项与变更记录", "DATABASE", items, "UNCONDITIONAL", null,
                "API", null, "UNCONDITIONAL", null, null, null, "DAILY", null, List.of("企业", "登记"), "LEGAL_PERSON", null,
                "DIGITAL_ECONOMY", "360100", null);
    }

    private static EntryDraft with(EntryDraft d, String field, String value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(EntryJson.MAPPER.convertValue(d, Map.class));
        m.put(field, value);
        return EntryJson.MAPPER.convertValue(m, EntryDraft.class);
    }

    private static List<Violation> violations(EntryDraft d, Optional<CatalogEntry> previous) {
        List<Violation> out = new ArrayList<>();
        EntryRules.check(d, new EntryRules.Context(c -> Optional.ofNullable(AGENCIES.get(c)), previous, 4), "", out);
        return out;
    }

    private static List<String> fields(EntryDraft d) {
        return violations(d, Optional.empty()).stream().map(Violation::field).toList();
    }

    private static EntryRules.Content content(EntryDraft d) {
        List<Violation> out = new ArrayList<>();
        return EntryRules.check(d, new EntryRules.Context(c -> Optional.ofNullable(AGENCIES.get(c)), Optional.empty(), 4), "", out)
                .orElseThrow(() -> new AssertionError(out.toString()));
    }

    @Test
    void validDraftPassesAndTakesItsGradeFromTheMostSensitiveItemArt8() {
        EntryRules.Content c = content(draft(List.of(item("企业名称", "GENERAL_1", null), item("注册资本", "一般数据（3级）", null))));
        assertThat(c.grade()).isEqualTo(Grade.general(3));
        assertThat(c.items()).hasSize(2);
    }

    @Test
    void entryGradeBelowAnItemGradeIsRefusedNamingTheItemArt8() {
        List<Violation> v = violations(with(draft(List.of(item("企业名称", "GENERAL_1", null), item("经营异常原因", "IMPORTANT", null))),
                "grade", "GENERAL_2"), Optional.empty());
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("grade");
            assertThat(x.messageZh()).contains("经营异常原因").contains("第八条");
        });
    }

    @Test
    void generalLevelsBeyondTheConfiguredOnesAreRefusedArt8() {
        assertThat(fields(draft(List.of(item("企业名称", "GENERAL_7", null))))).containsExactly("items[1].grade");
    }

    @Test
    void conditionalSharingNeedsLegalBasisAndConditionsArt22() {
        assertThat(fields(with(draft(List.of(item("企业名称", "GENERAL_1", null))), "shareType", "CONDITIONAL")))
                .containsExactlyInAnyOrder("legalBasis", "shareConditions");
        assertThat(fields(with(draft(List.of(item("企业名称", "GENERAL_1", null))), "shareType", "不予共享")))
                .containsExactly("legalBasis");
    }

    @Test
    void conditionalOpeningNeedsItsConditionsArt17And18() {
        assertThat(fields(with(draft(List.of(item("企业名称", "GENERAL_1", null))), "openType", "CONDITIONAL")))
                .containsExactly("openConditions");
    }

    @Test
    void personalItemsAreNotOpenedWithoutARecordedBasisArt17() {
        EntryDraft d = draft(List.of(item("法定代表人姓名", "GENERAL_2", "NAME")));
        assertThat(fields(d)).containsExactly("openBasis");
        assertThat(fields(with(with(d, "openBasis", "DESENSITISED"), "openBasisNote", "赣数脱敏〔2026〕3号"))).isEmpty();
        assertThat(fields(with(d, "openBasis", "CONSENT"))).containsExactly("openBasisNote");
        assertThat(fields(with(d, "openType", "NOT_OPEN"))).isEmpty();
    }

    @Test
    void aNotOpenEntryBecomesOpenOnlyWithARecordedBasisArt17Para3() {
        EntryDraft open = draft(List.of(item("企业名称", "GENERAL_1", null)));
        EntryRules.Content c = content(with(open, "openType", "NOT_OPEN"));
        CatalogEntry previous = JdbcCatalogService.entry(ResourceCode.parse("101001/000001"), c, EntryStatus.PUBLISHED, 3, null,
                Instant.EPOCH, "tester");
        assertThat(previous.openType()).isEqualTo(OpenType.NOT_OPEN);
        assertThat(violations(open, Optional.of(previous))).extracting(Violation::field).containsExactly("openBasis");
        EntryDraft withBasis = with(with(open, "openBasis", "DECLASSIFIED"), "openBasisNote", "赣保密审〔2026〕8号");
        assertThat(violations(withBasis, Optional.of(previous))).isEmpty();
    }

    @Test
    void providerAndCollectorsMustBeRegisteredAgenciesArt9And12() {
        EntryDraft d = with(draft(List.of(new ItemDraft("企业名称", "STRING", "100", null, null, "GENERAL_1", UNKNOWN))), "provider", UNKNOWN);
        assertThat(fields(d)).containsExactlyInAnyOrder("provider", "items[1].collectingAgency");
    }

    @Test
    void scopeIsTheProvinceOrACityContainingTheProviderArt9() {
        EntryDraft d = draft(List.of(item("企业名称", "GENERAL_1", null)));
        assertThat(fields(with(d, "scope", "360000"))).isEmpty();
        assertThat(fields(with(d, "scope", "360700"))).containsExactly("scope");
        assertThat(fields(with(d, "scope", "360102"))).containsExactly("scope");
    }

    @Test
    void everyViolationIsListedAtOnceIncludingUnknownEnumsAndOversizedText() {
        EntryDraft bad = new EntryDraft("9x", "", "not-a-code", "摘".repeat(2001), "VIDEO_TAPE",
                List.of(new ItemDraft("企业名称", "TEXT", null, "maybe", "SECRET", "VERY_HIGH", "bad"),
                        new ItemDraft("企业名称", "INTEGER", "-1", null, null, "GENERAL_1", PROVINCE)),
                "SOMETIMES", null, null, null, "ALWAYS", null, null, null, "HOURLY", List.of("not/a-code"),
                List.of("k".repeat(31)), "DREAMS", null, "URGENT", "99", "GENERAL_X");
        assertThat(fields(bad)).contains("classification", "name", "provider", "summary", "format", "shareType", "openType",
                "updateFrequency", "relatedCodes", "keywords", "baseDatabase", "priorityCategory", "scope", "grade",
                "items[1].dataType", "items[1].identifiesPerson", "items[1].sensitiveType", "items[1].grade",
                "items[1].collectingAgency", "items[2].name", "items[2].length");
        Violation unknownShare = violations(bad, Optional.empty()).stream().filter(v -> v.field().equals("shareType")).findFirst().orElseThrow();
        assertThat(unknownShare.messageZh()).contains("UNCONDITIONAL").contains("有条件共享");
    }

    @Test
    void anEntryHasAtLeastOneItemArt9() {
        assertThat(fields(draft(List.of()))).containsExactly("items");
        assertThat(fields(draft(null))).containsExactly("items");
    }

    @Test
    void chineseLabelsAreAcceptedAsInTheImportTemplate() {
        EntryDraft d = new EntryDraft("1-01-001", "企业登记信息", CITY, "摘要", "数据库", List.of(item("企业名称", "一般数据（1级）", null)),
                "有条件共享", "仅限市场监管用途", "接口调用", "《江西省公共数据管理办法》第二十二条", "无条件开放", null, null, null, "每日",
                null, null, "法人基础数据库", null, null, "360100", null);
        EntryRules.Content c = content(d);
        assertThat(c.classification().value()).isEqualTo("101001");
        assertThat(c.shareType().name()).isEqualTo("CONDITIONAL");
    }
}
