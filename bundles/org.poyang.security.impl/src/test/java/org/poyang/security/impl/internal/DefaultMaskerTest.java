package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.poyang.platform.persistence.RecordIds;
import org.poyang.security.api.MaskRule;
import org.poyang.security.api.MaskRule.Algorithm;
import org.poyang.security.api.Masker.Detection;

/** Masking (脱敏, Art. 13, 31): each algorithm, the detectors, and a property test over 100,000 records. */
class DefaultMaskerTest {

    private final DefaultMasker masker = new DefaultMasker(new byte[32]);
    private static final String[] REGIONS = {"360102", "360103", "360111", "360203", "360302", "360403", "360702", "361102", "110101", "440305"};

    /** A valid 18-character identity number (GB 11643 check character). */
    static String idNumber(Random r) {
        String body = REGIONS[r.nextInt(REGIONS.length)] + (1950 + r.nextInt(70)) + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
                + String.format("%03d", r.nextInt(1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String mobile(Random r) {
        return "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
    }

    static String bankCard(Random r) {
        StringBuilder sb = new StringBuilder("6222");
        while (sb.length() < 18) {
            sb.append(r.nextInt(10));
        }
        for (int d = 0; d < 10; d++) {
            if (DefaultMasker.luhn(sb.toString() + d)) {
                return sb.toString() + d;
            }
        }
        throw new AssertionError();
    }

    @Test
    void textWithoutAnyDetectorsCueSkipsTheDetectorsAndTextWithOneDoesNot() {
        // No run of 11 digits, no @, no province character: nothing a detector could match (Art. 35).
        for (String plain : new String[] {"按时办结，材料齐全", "1,234,567.50", "2026-03-05 08:30", "JX0000012345", "电话0791-8888888"}) {
            assertThat(DefaultMasker.mayHoldPersonalData(plain)).as(plain).isFalse();
            assertThat(masker.maskText(plain)).isSameAs(plain);
        }
        for (String cue : new String[] {"联系13912345678", "a@b.cn", "车牌赣A12345", "卡号6222021234567890123"}) {
            assertThat(DefaultMasker.mayHoldPersonalData(cue)).as(cue).isTrue();
            assertThat(masker.maskText(cue)).as(cue).isNotEqualTo(cue);
        }
    }

    @Test
    void eachAlgorithm() {
        String id = "36010219900307123X";
        assertThat(masker.mask(id, MaskRule.keepEnds(6, 4))).isEqualTo("360102********123X");
        assertThat(masker.mask("13812345678", masker.defaultRule("MOBILE"))).isEqualTo("138****5678");
        assertThat(masker.mask("张三丰", masker.defaultRule("NAME"))).isEqualTo("张**");
        assertThat(masker.mask("张", masker.defaultRule("NAME"))).isEqualTo("*");
        assertThat(masker.mask("赣A12345", masker.defaultRule("LICENCE_PLATE"))).isEqualTo("赣A****5");
        assertThat(masker.mask("江西省南昌市东湖区八一大道123号", masker.defaultRule("ADDRESS"))).isEqualTo("江西省南昌市东湖区****");
        assertThat(masker.mask("2026-03-15", MaskRule.of(Algorithm.DATE_TO_MONTH))).isEqualTo("2026-03");
        assertThat(masker.mask("2026年3月15日", MaskRule.of(Algorithm.DATE_TO_YEAR))).isEqualTo("2026");
        assertThat(masker.mask("0123456789", new MaskRule(Algorithm.MASK_RANGE, 2, 5, null))).isEqualTo("01***56789");
        assertThat(masker.mask("秘密", new MaskRule(Algorithm.REPLACE, 0, 0, "[已脱敏]"))).isEqualTo("[已脱敏]");
        assertThat(masker.mask("任何内容", masker.defaultRule("HEALTH"))).isEqualTo("******");
        assertThat(masker.mask("公开内容", masker.defaultRule("NONE"))).isEqualTo("公开内容");
        assertThat(masker.mask(null, MaskRule.of(Algorithm.REDACT))).isNull();
    }

    @Test
    void keyedHashesJoinButDependOnTheKey() {
        String a = masker.mask("36010219900307123X", MaskRule.of(Algorithm.KEYED_HASH));
        assertThat(a).hasSize(32).isEqualTo(masker.mask("36010219900307123X", MaskRule.of(Algorithm.KEYED_HASH)));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new DefaultMasker(other).mask("36010219900307123X", MaskRule.of(Algorithm.KEYED_HASH))).isNotEqualTo(a);
        assertThat(masker.mask("36010219900307124X", MaskRule.of(Algorithm.KEYED_HASH))).isNotEqualTo(a);
    }

    @Test
    void detectorsFindEachKindInFreeText() {
        Random r = new Random(1);
        String id = idNumber(r);
        String card = bankCard(r);
        String text = "申请人身份证号" + id + "，手机+86 13912345678，银行卡" + card + "，邮箱 li.si@example.cn，车辆赣A1B234。";
        assertThat(masker.detect(text)).extracting(Detection::kind).containsExactly("ID_NUMBER", "MOBILE", "BANK_CARD", "EMAIL", "LICENCE_PLATE");
        String masked = masker.maskText(text);
        assertThat(masked).doesNotContain(id).doesNotContain("13912345678").doesNotContain(card).doesNotContain("li.si@")
                .contains("l***@example.cn").contains(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(masker.detect("订单号 2026112712345678901234 不是证件号")).isEmpty();
    }

    @Test
    void propertyNoRawIdNumberOrMobileSurvivesMaskingOf100000Records() {
        Pattern rawId = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?![\\dXx])");
        Pattern rawMobile = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
        String[] glue = {"", " ", "，", ":", "号码", "（", "/", "\n", "的", "tel:"};
        Random r = new Random(20261127);
        for (int i = 0; i < 100_000; i++) {
            String id = idNumber(r);
            if (r.nextInt(10) == 0) { // a mistyped check character must not escape either
                id = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
            }
            String mobile = mobile(r);
            String record = "记录" + i + glue[r.nextInt(glue.length)] + id + glue[r.nextInt(glue.length)] + "联系电话" + glue[r.nextInt(glue.length)]
                    + (r.nextBoolean() ? "+86" : "") + mobile + glue[r.nextInt(glue.length)] + "卡号" + bankCard(r);
            String masked = masker.maskText(record);
            assertThat(rawId.matcher(masked).find()).as(record + " -> " + masked).isFalse();
            assertThat(rawMobile.matcher(masked).find()).as(record + " -> " + masked).isFalse();
            assertThat(masked).doesNotContain(id).doesNotContain(mobile);
        }
        assertThat(masker.maskText(null)).isNull();
        assertThat(masker.maskText("")).isEmpty();
    }

    /**
     * Art. 30, 35: an audit detail names the records it is about; the masking of free text must leave
     * every record identifier as it is, or the audit record could not be found by it.
     */
    @Test
    void recordIdentifiersPassTheMaskingOfFreeTextUnchanged() {
        for (int i = 0; i < 50_000; i++) {
            String id = RecordIds.random(i % 2 == 0 ? "ana_" : "case_", i % 2 == 0 ? 8 : 10);
            String detail = "analysis " + id + " released";
            assertThat(masker.maskText(detail)).as(id).isEqualTo(detail);
        }
    }
}
