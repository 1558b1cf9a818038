package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskRule;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/** The masking policy (Art. 13, 31): sensitive type x grade x consumer x route, and what leaves. */
class DefaultMaskingPolicyTest {

    private final DefaultMasker masker = new DefaultMasker("test-masking-key-0123456789abcdef".getBytes());
    private final DefaultMaskingPolicy policy = new DefaultMaskingPolicy(masker);
    private final Subject citizen = new Subject(Subject.Kind.ACCOUNT, "c", SubjectType.NATURAL_PERSON, null, Set.of(), Set.of(), true);
    private final Subject agency = new Subject(Subject.Kind.ACCOUNT, "a", SubjectType.AGENCY_STAFF, "11360100MB1234567X", Set.of(), Set.of(), true);

    private MaskRule.Algorithm rule(String type, String grade, boolean granted, Route route) {
        return policy.ruleFor(new ItemClass("x", type, grade, granted), route.name().startsWith("OPEN") ? citizen : agency, route).algorithm();
    }

    @Test
    void openRoutesDesensitisePersonalItemsAndRedactImportantOnesArt13And17() {
        assertThat(rule("ID_NUMBER", "GENERAL_2", false, Route.OPEN_API)).isEqualTo(MaskRule.Algorithm.KEEP_ENDS);
        assertThat(rule("ADDRESS", "GENERAL_2", true, Route.OPEN_DOWNLOAD)).as("a grant does not unmask open data")
                .isEqualTo(MaskRule.Algorithm.ADDRESS_TO_DISTRICT);
        assertThat(rule("NONE", "GENERAL_1", false, Route.OPEN_API)).isEqualTo(MaskRule.Algorithm.KEEP);
        assertThat(rule("NONE", "IMPORTANT", false, Route.OPEN_API)).isEqualTo(MaskRule.Algorithm.REDACT);
        assertThat(rule("HEALTH", "GENERAL_3", false, Route.OPEN_API)).isEqualTo(MaskRule.Algorithm.REDACT);
    }

    @Test
    void coreDataNeverLeavesInClearArt31() {
        for (Route r : new Route[] {Route.OPEN_API, Route.OPEN_DOWNLOAD, Route.SHARE_API, Route.SHARE_DOWNLOAD}) {
            assertThat(rule("NONE", "CORE", true, r)).as(r.name()).isEqualTo(MaskRule.Algorithm.REDACT);
        }
        assertThat(rule("NONE", "CORE", false, Route.MODEL_RESULT)).as("aggregates under disclosure control").isEqualTo(MaskRule.Algorithm.KEEP);
    }

    @Test
    void sharedItemsTheGrantNamesAreKeptOthersMaskedOrHashedArt22And24() {
        assertThat(rule("ID_NUMBER", "GENERAL_3", true, Route.SHARE_API)).isEqualTo(MaskRule.Algorithm.KEEP);
        assertThat(rule("NONE", "IMPORTANT", true, Route.SHARE_API)).isEqualTo(MaskRule.Algorithm.KEEP);
        assertThat(rule("ID_NUMBER", "GENERAL_3", false, Route.SHARE_API)).isEqualTo(MaskRule.Algorithm.KEEP_ENDS);
        assertThat(rule("NONE", "IMPORTANT", false, Route.SHARE_DOWNLOAD)).as("still joins").isEqualTo(MaskRule.Algorithm.KEYED_HASH);
        assertThat(rule("NONE", "GENERAL_2", false, Route.SHARE_API)).isEqualTo(MaskRule.Algorithm.KEEP);
    }

    @Test
    void operatorRulesComeFirstAndBadOnesAreRefused() {
        DefaultMaskingPolicy custom = new DefaultMaskingPolicy(masker, "OPEN_*|GENERAL_*|ADDRESS=REDACT", "*|*|MOBILE=KEEP_ENDS:0:4");
        assertThat(custom.ruleFor(new ItemClass("a", "ADDRESS", "GENERAL_1", false), citizen, Route.OPEN_API).algorithm())
                .isEqualTo(MaskRule.Algorithm.REDACT);
        assertThat(custom.ruleFor(new ItemClass("a", "ADDRESS", "GENERAL_1", false), agency, Route.SHARE_API).algorithm())
                .isEqualTo(MaskRule.Algorithm.ADDRESS_TO_DISTRICT);
        MaskRule mobile = custom.ruleFor(new ItemClass("m", "MOBILE", "GENERAL_1", true), agency, Route.SHARE_API);
        assertThat(mobile).isEqualTo(MaskRule.keepEnds(0, 4));
        assertThatThrownBy(() -> new DefaultMaskingPolicy(masker, "OPEN_API|*=REDACT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultMaskingPolicy(masker, "*|*|*=SCRAMBLE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlanMasksEachColumnAndFreeTextButNotWhatAGrantNames() {
        List<ItemClass> items = List.of(new ItemClass("身份证号", "ID_NUMBER", "GENERAL_3", true), new ItemClass("手机", "MOBILE", "GENERAL_3", false),
                new ItemClass("备注", "NONE", "GENERAL_1", false));
        String[] row = {"36010219900307123X", "13812345678", "联系人身份证36010219900307123X"};
        String[] shared = policy.plan(items, agency, Route.SHARE_API).apply(row);
        assertThat(shared[0]).isEqualTo("36010219900307123X");
        assertThat(shared[1]).isEqualTo("138****5678");
        assertThat(shared[2]).doesNotContain("36010219900307123X");
        String[] open = policy.plan(items, citizen, Route.OPEN_API).apply(row);
        assertThat(open[0]).isEqualTo("360102********123X");
        assertThat(row[0]).as("the input row is not changed").isEqualTo("36010219900307123X");
        assertThatThrownBy(() -> policy.plan(items, citizen, Route.OPEN_API).apply(new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Art. 13, 31: a grant of open data (an approved application, an emergency opening) names items but
     * never lifts the detectors from free text, while a grant of shared data to an agency does for the
     * items it names (Art. 24).
     */
    @Test
    void aGrantOfOpenDataNeverLetsAPersonalNumberInFreeTextThrough() {
        List<ItemClass> granted = List.of(new ItemClass("备注", "NONE", "GENERAL_1", true));
        String[] row = {"联系人身份证36010219900307123X，电话13812345678"};
        for (Route open : new Route[] {Route.OPEN_API, Route.OPEN_DOWNLOAD}) {
            String out = policy.plan(granted, citizen, open).apply(row)[0];
            assertThat(out).as(open.name()).doesNotContain("36010219900307123X").doesNotContain("13812345678").startsWith("联系人身份证");
        }
        assertThat(policy.plan(granted, agency, Route.SHARE_API).apply(row)[0]).as("granted to an agency").isEqualTo(row[0]);
    }

    /**
     * The property of issue 4 for rows leaving by the open and (ungranted) share routes: over 100,000
     * generated records, no raw 18-digit identity number or 11-digit mobile survives, whether in its
     * declared column or typed into a free-text column declared not sensitive.
     */
    @Test
    void propertyNoRawIdNumberOrMobileLeavesInAnyOf100000MaskedRows() {
        Random r = new Random(20261127);
        Pattern rawId = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
        Pattern rawMobile = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
        List<ItemClass> items = List.of(new ItemClass("身份证号", "ID_NUMBER", "GENERAL_3", false),
                new ItemClass("手机", "MOBILE", "GENERAL_2", false), new ItemClass("姓名", "NAME", "GENERAL_2", false),
                new ItemClass("备注", "NONE", "GENERAL_1", false), new ItemClass("等级", "NONE", "IMPORTANT", false));
        MaskingPolicy.MaskPlan open = policy.plan(items, citizen, Route.OPEN_API);
        MaskingPolicy.MaskPlan share = policy.plan(items, agency, Route.SHARE_DOWNLOAD);
        for (int i = 0; i < 100_000; i++) {
            String id = DefaultMaskerTest.idNumber(r);
            String mobile = DefaultMaskerTest.mobile(r);
            String[] row = {id, mobile, "张三", "备注：身份证" + DefaultMaskerTest.idNumber(r) + "，电话" + DefaultMaskerTest.mobile(r), id + mobile};
            for (MaskingPolicy.MaskPlan plan : new MaskingPolicy.MaskPlan[] {open, share}) {
                String out = String.join("|", plan.apply(row));
                assertThat(rawId.matcher(out).find()).as(String.join("|", row) + " -> " + out).isFalse();
                assertThat(rawMobile.matcher(out).find()).as(String.join("|", row) + " -> " + out).isFalse();
            }
        }
    }
}
