package org.poyang.share.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.poyang.share.impl.internal.LeakTrace.Evidence;
import org.poyang.share.impl.internal.LeakTrace.Result;
import org.poyang.share.impl.internal.SyntheticData.Row;

/**
 * Acceptance scenario for leak tracing (Article 24: shared data must not be passed on): one
 * entry of 1,000 rows delivered to 100 recipients; a re-formatted leak of one delivery names
 * that recipient, unrelated files name nobody.
 */
final class LeakTraceAcceptanceTest {

    private static final int RECIPIENTS = 100;
    private static final int LEAKER = 37;

    private static List<Row> original;
    private static List<String> recipients;
    private static Map<String, byte[]> keys;
    private static List<List<Row>> deliveries;

    @BeforeAll
    static void deliver() {
        Random rnd = new Random(0x5EED_2024L);
        byte[] master = new byte[32];
        rnd.nextBytes(master);
        original = SyntheticData.rows(1_000, rnd);
        recipients = new ArrayList<>();
        keys = new LinkedHashMap<>();
        deliveries = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < RECIPIENTS; i++) {
            byte[] id = new byte[6];
            rnd.nextBytes(id);
            String recipient = "grt_" + hex.formatHex(id);
            recipients.add(recipient);
            keys.put(recipient, Watermark.recipientKey(master, recipient));
            deliveries.add(SyntheticData.deliver(original, Watermark.forRecipient(master, recipient)));
        }
        assertThat(keys).hasSize(RECIPIENTS);
        assertThat(deliveries.get(LEAKER)).isNotEqualTo(original).isNotEqualTo(deliveries.get(0));
    }

    /** JSON leak: rows shuffled, name/ID/subsidy dropped, keys renamed, area padded, mixed forms. */
    private static String jsonLeak(List<Row> delivery, Random rnd) {
        List<Row> rows = new ArrayList<>(delivery);
        Collections.shuffle(rows, rnd);
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String area = new BigDecimal(r.area()).setScale(3).toPlainString();
            String areaJson = i % 2 == 0
                    ? SyntheticData.jsonString(SyntheticData.fullWidth(area))
                    : area;
            sb.append("  {\"住址\": ").append(SyntheticData.jsonString(r.address()))
                    .append(", \"建筑面积(m²)\": ").append(areaJson)
                    .append(", \"payDate\": ").append(SyntheticData.jsonString(
                            SyntheticData.chineseDate(r.payDate())))
                    .append(", \"household_size\": ").append(r.household())
                    .append(i + 1 < rows.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    /** CSV leak: rows shuffled, area dropped, amounts as {@code "1,234.50"}. */
    private static String csvLeak(List<Row> delivery, Random rnd) {
        List<Row> rows = new ArrayList<>(delivery);
        Collections.shuffle(rows, rnd);
        StringBuilder sb = new StringBuilder("序号,姓名,身份证号码,家庭住址,补贴金额（元）,发放日期,家庭人口\n");
        int no = 1;
        for (Row r : rows) {
            sb.append(no++).append(',').append(r.name()).append(",'").append(r.idNumber())
                    .append(",\"").append(r.address()).append("\",\"")
                    .append(SyntheticData.thousands(r.subsidy())).append("\",")
                    .append(r.payDate().replace('-', '/')).append(',').append(r.household())
                    .append("\r\n");
        }
        return sb.toString();
    }

    private static Evidence evidenceFor(Result result, String recipient) {
        return result.evidence().stream().filter(e -> e.recipient().equals(recipient))
                .findFirst().orElseThrow();
    }

    private static void assertNamesLeaker(Result result, String format) {
        String leaker = recipients.get(LEAKER);
        Evidence right = evidenceFor(result, leaker);
        Evidence bestWrong = result.evidence().stream()
                .filter(e -> !e.recipient().equals(leaker)).findFirst().orElseThrow();
        System.err.println("[" + format + "] numbers=" + result.numbersExamined() + " carriers="
                + result.carriers() + " anchors=" + result.distinctAnchors() + " right: " + right
                + " | best wrong: " + bestWrong);
        assertThat(result.evidence()).hasSize(RECIPIENTS);
        assertThat(result.recipient()).as("%s: %s", format, result).isEqualTo(leaker);
        assertThat(result.confidence()).as("%s: %s", format, result).isGreaterThanOrEqualTo(0.999999);
        assertThat(result.evidence().get(0)).isEqualTo(right);
        assertThat(right.matches()).as("all selected anchors match").isEqualTo(right.selected());
        assertThat(result.evidence().get(1).confidence()).as("%s second best: %s", format, result)
                .isLessThan(0.5);
    }

    @Test
    void jsonLeakOfAreaOnlyNamesTheRecipient() {
        String leak = jsonLeak(deliveries.get(LEAKER), new Random(1));
        assertThat(leak).contains("年").contains("\uFF0E").doesNotContain(original.get(0).idNumber());
        List<String> numbers = LeakTrace.numbers(leak);
        Result result = LeakTrace.trace(keys, numbers);
        assertThat(result.carriers()).as("full-width areas are read too").isGreaterThan(900);
        assertNamesLeaker(result, "json");
    }

    @Test
    void csvLeakOfAmountsWithThousandsSeparatorsNamesTheRecipient() {
        String leak = csvLeak(deliveries.get(LEAKER), new Random(2));
        assertThat(leak).containsPattern("\"\\d,\\d{3}\\.\\d{2}\"");
        Result result = LeakTrace.trace(keys, LeakTrace.numbers(leak));
        assertNamesLeaker(result, "csv");
    }

    @Test
    void freshRowsThatWereNeverDeliveredNameNobody() {
        List<Row> fresh = SyntheticData.rows(1_000, new Random(99));
        Result result = LeakTrace.trace(keys, LeakTrace.numbers(SyntheticData.csv(fresh)));
        assertThat(result.carriers()).isGreaterThan(1_500);
        assertThat(result.recipient()).as("%s", result).isNull();
        assertThat(result.confidence()).isZero();
        assertThat(result.evidence().get(0).selected()).isGreaterThan(100);
    }

    @Test
    void providersOwnUnmarkedCopyNamesNobody() {
        Result result = LeakTrace.trace(keys, LeakTrace.numbers(SyntheticData.csv(original)));
        assertThat(result.carriers()).isGreaterThan(1_500);
        assertThat(result.recipient()).as("%s", result).isNull();
        Evidence leaker = evidenceFor(result, recipients.get(LEAKER));
        assertThat((double) leaker.matches() / leaker.selected()).isLessThan(0.7);
    }

    @Test
    void fewerThanTwentySelectedAnchorsNameNobodyEvenIfAllMatch() {
        List<Row> rows = deliveries.get(LEAKER).subList(0, 30);
        StringBuilder sb = new StringBuilder("面积\n");
        rows.forEach(r -> sb.append(r.area()).append('\n'));
        Result result = LeakTrace.trace(keys, LeakTrace.numbers(sb.toString()));
        Evidence leaker = evidenceFor(result, recipients.get(LEAKER));
        assertThat(leaker.selected()).isPositive().isLessThan(LeakTrace.MIN_SELECTED);
        assertThat(leaker.matches()).isEqualTo(leaker.selected());
        assertThat(result.recipient()).as("%s", result).isNull();
    }

    @Test
    void noCandidatesNameNobody() {
        Result result = LeakTrace.trace(Map.of(), List.of("1.5", "2.25"));
        assertThat(result.recipient()).isNull();
        assertThat(result.evidence()).isEmpty();
        assertThat(result.carriers()).isEqualTo(2);
    }
}
