package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Art. 24 (shared data must not be passed on): every download of shared data carries its grant's
 * fingerprint in the decimal values; a leaked copy, however reshuffled, cut and reformatted, is traced
 * over HTTP to the grant it was delivered under, and a file without a fingerprint names nobody. Only the
 * provider, the management department and supervisors trace.
 */
class LeakedCopyIsTracedToItsGrantArt24Test extends ShareTestBase {

    /** The two downloads of this run, made once: B's and C's grants and CSV copies. */
    private static Downloads downloads;

    record Downloads(String run, String grantB, String grantC, List<List<String>> fileB, List<List<String>> fileC) {
    }

    Downloads downloads() {
        synchronized (LeakedCopyIsTracedToItsGrantArt24Test.class) {
            if (downloads != null && downloads.run().equals(p.run)) {
                return downloads;
            }
            List<String> items = List.of(p.household, p.subsidy, p.area, p.members);
            String purposeB = "低保对象就业援助核对 " + p.run;
            String purposeC = "低保对象医疗救助核对 " + p.run;
            String grantB = applyAndApprove(p.officerB, form(p.conditional, purposeB, items, "SHARE_DOWNLOAD"), terms("仅限就业援助核对 " + p.run, null,
                    null)).path("grant").asText();
            String grantC = applyAndApprove(p.officerC, form(p.conditional, purposeC, items, "SHARE_DOWNLOAD"), terms("仅限医疗救助核对 " + p.run, null,
                    null)).path("grant").asText();
            assertThat(Http.texts(heldGrant(p.officerB, grantB).path("routes"))).containsExactly("SHARE_DOWNLOAD");
            downloads = new Downloads(p.run, grantB, grantC, download(purposeB, grantB, p.officerB), download(purposeC, grantC, p.officerC));
            return downloads;
        }
    }

    @Test
    void downloadsCarryEachGrantsFingerprintOfOneUnitInTheLastPlace() {
        Downloads d = downloads();
        assertThat(d.fileB().get(0)).containsExactly(p.household, p.subsidy, p.area, p.members);
        assertThat(d.fileC().get(0)).containsExactlyElementsOf(d.fileB().get(0));
        assertThat(d.fileB()).hasSize(SharePlatform.ROWS + 1);
        assertThat(d.fileC()).hasSize(SharePlatform.ROWS + 1);
        Map<String, Map<String, String>> original = new HashMap<>();
        p.conditionalRows.forEach(r -> original.put(r.get(p.household), r));
        int changedB = changed(d.fileB(), original);
        int changedC = changed(d.fileC(), original);
        assertThat(changedB).as("fingerprinted values in B's copy").isBetween(2 * SharePlatform.ROWS / 50, 2 * SharePlatform.ROWS * 3 / 10);
        assertThat(changedC).as("fingerprinted values in C's copy").isBetween(2 * SharePlatform.ROWS / 50, 2 * SharePlatform.ROWS * 3 / 10);
        assertThat(rowsByKey(d.fileB())).isNotEqualTo(rowsByKey(d.fileC()));
        // as JSON: the four granted items only, the same fingerprinted values
        HttpResponse<String> json = export(p.conditional, "json", "低保对象就业援助核对 " + p.run, d.grantB(), p.officerB);
        JsonNode array = Http.json(json, 200);
        assertThat(array).hasSize(SharePlatform.ROWS);
        Map<String, List<String>> fromCsv = rowsByKey(d.fileB());
        for (JsonNode row : array) {
            assertThat(keys(row)).containsExactly(p.household, p.subsidy, p.area, p.members);
            assertThat(List.of(row.path(p.household).asText(), row.path(p.subsidy).asText(), row.path(p.area).asText(), row.path(p.members)
                    .asText())).isEqualTo(fromCsv.get(row.path(p.household).asText()));
        }
        // a second download under the same grant is the very same copy (deterministic, cannot be averaged)
        assertThat(rowsByKey(download("低保对象就业援助核对 " + p.run, d.grantB(), p.officerB))).isEqualTo(rowsByKey(d.fileB()));
    }

    /**
     * The leaked copy as the brief describes it: rows shuffled, key column dropped, columns swapped to
     * members, area, subsidy, subsidy written as {@code "1,234.50"}.
     */
    @Test
    void reformattedLeakedCopyOfBNamesBsGrant() {
        Downloads d = downloads();
        String leakB = leak(d.fileB(), new Random(7), false);
        assertThat(leakB).contains(",\"1,").doesNotContain("H00001");
        JsonNode traceB = trace(leakB, p.officerA);
        // three numbers a row: members, area, subsidy
        long threeDigitAreas = d.fileB().subList(1, d.fileB().size()).stream().filter(r -> r.get(2).indexOf('.') == 3).count();
        assertThat(traceB.path("numbers").asLong()).as("%s rows have an area of three integer digits after the members column; trace %s",
                threeDigitAreas, traceB).isEqualTo(3L * SharePlatform.ROWS);
        named(traceB, d.grantB(), p.agencyB, d.grantC());
    }

    @Test
    void reformattedLeakedCopyOfCNamesCsGrant() {
        Downloads d = downloads();
        JsonNode traceC = trace(leak(d.fileC(), new Random(11), false), p.reviewer);
        assertThat(traceC.path("numbers").asLong()).as(traceC.toString()).isEqualTo(3L * SharePlatform.ROWS);
        named(traceC, d.grantC(), p.agencyC, d.grantB());
    }

    /** The same reformatting with the amount first, so that no integer column stands before the area: the fingerprint itself holds. */
    @Test
    void leakedCopiesWithTheAmountFirstNameTheirGrants() {
        Downloads d = downloads();
        JsonNode traceB = trace(leak(d.fileB(), new Random(3), true), p.officerA);
        assertThat(traceB.path("numbers").asLong()).as(traceB.toString()).isEqualTo(3L * SharePlatform.ROWS);
        named(traceB, d.grantB(), p.agencyB, d.grantC());
        JsonNode traceC = trace(leak(d.fileC(), new Random(5), true), p.people.supervisor());
        named(traceC, d.grantC(), p.agencyC, d.grantB());
    }

    @Test
    void randomNumbersNameNobodyAndUsingAgenciesDoNotTrace() {
        Downloads d = downloads();
        for (boolean amountFirst : new boolean[] {false, true}) {
            JsonNode none = trace(randomFile(new Random(2026), amountFirst), p.officerA);
            assertThat(none.path("recipient").isNull() || none.path("recipient").isMissingNode()).as(none.toString()).isTrue();
            assertThat(none.path("grant").isNull() || none.path("grant").isMissingNode()).as(none.toString()).isTrue();
            assertThat(none.path("agency").isNull() || none.path("agency").isMissingNode()).as(none.toString()).isTrue();
            assertThat(none.path("confidence").asDouble()).isEqualTo(0.0);
            assertThat(none.path("carriers").asLong()).isPositive();
            assertThat(none.path("note").asText()).isNotBlank();
        }
        String leakB = leak(d.fileB(), new Random(7), true);
        Http.problem(postText("/api/share/traces/" + p.conditional, leakB, "text/csv", p.officerB), 403, "forbidden");
        Http.problem(postText("/api/share/traces/" + p.conditional, leakB, "text/csv", p.officerC), 403, "forbidden");
        Http.problem(postText("/api/share/traces/" + p.conditional, leakB, "text/csv", null), 401, "unauthorized");
    }

    JsonNode trace(String file, String token) {
        return Http.json(postText("/api/share/traces/" + p.conditional, file, "text/csv", token), 200);
    }

    /** Asserts that the trace names {@code grant}, which is held by {@code agency}. */
    void named(JsonNode trace, String grant, String agency, String other) {
        assertThat(trace.path("grant").asText()).as(trace.toString()).isEqualTo(grant);
        assertThat(trace.path("recipient").asText()).isEqualTo(grant);
        assertThat(trace.path("confidence").asDouble()).isGreaterThanOrEqualTo(0.999999);
        assertThat(trace.path("carriers").asLong()).isPositive();
        assertThat(Http.texts(trace.path("candidates"), "recipient")).contains(grant, other);
        assertThat(trace.path("candidates").get(0).path("recipient").asText()).isEqualTo(grant);
        // the grant named leads to the receiving agency
        assertThat(Http.json(http.get("/api/share/grants/" + grant, p.officerA), 200).path("holder").asText()).isEqualTo(agency);
    }

    List<List<String>> download(String purpose, String grant, String token) {
        HttpResponse<String> r = export(p.conditional, "csv", purpose, grant, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).startsWith("\uFEFF");
        return csv(r.body());
    }

    /** Values of subsidy and area that differ from the delivered data, each by one unit in its last place. */
    int changed(List<List<String>> file, Map<String, Map<String, String>> original) {
        int n = 0;
        for (List<String> row : file.subList(1, file.size())) {
            Map<String, String> o = original.get(row.get(0));
            assertThat(o).as("row %s", row).isNotNull();
            assertThat(row.get(3)).isEqualTo(o.get(p.members));
            for (int i : new int[] {1, 2}) {
                BigDecimal was = new BigDecimal(o.get(i == 1 ? p.subsidy : p.area));
                BigDecimal got = new BigDecimal(row.get(i));
                if (got.compareTo(was) != 0) {
                    n++;
                    assertThat(got.subtract(was).abs()).as("%s delivered as %s", was, got).isEqualByComparingTo(BigDecimal.ONE.movePointLeft(
                            Math.max(was.stripTrailingZeros().scale(), got.stripTrailingZeros().scale())));
                }
            }
        }
        return n;
    }

    static Map<String, List<String>> rowsByKey(List<List<String>> file) {
        Map<String, List<String>> m = new HashMap<>();
        file.subList(1, file.size()).forEach(r -> m.put(r.get(0), r));
        return m;
    }

    /**
     * The copy as it might be found: no key column, rows shuffled, subsidy as "1,234.50"; columns members,
     * area, subsidy, or with {@code amountFirst} subsidy, area, members.
     */
    static String leak(List<List<String>> file, Random random, boolean amountFirst) {
        List<List<String>> rows = new ArrayList<>(file.subList(1, file.size()));
        Collections.shuffle(rows, random);
        StringBuilder b = new StringBuilder(amountFirst ? "补助金额（元）,住房面积,家庭人口\r\n" : "家庭人口,住房面积,补助金额（元）\r\n");
        for (List<String> r : rows) {
            line(b, r.get(3), r.get(2), r.get(1), amountFirst);
        }
        return b.toString();
    }

    static void line(StringBuilder b, String members, String area, String subsidy, boolean amountFirst) {
        DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String amount = "\"" + money.format(new BigDecimal(subsidy)) + "\"";
        if (amountFirst) {
            b.append(amount).append(',').append(area).append(',').append(members).append("\r\n");
        } else {
            b.append(members).append(',').append(area).append(',').append(amount).append("\r\n");
        }
    }

    static String randomFile(Random random, boolean amountFirst) {
        StringBuilder b = new StringBuilder(amountFirst ? "补助金额（元）,住房面积,家庭人口\r\n" : "家庭人口,住房面积,补助金额（元）\r\n");
        for (int i = 0; i < SharePlatform.ROWS; i++) {
            int scale = 1 + random.nextInt(3);
            String area = (20 + random.nextInt(140)) + "." + String.format("%0" + scale + "d", 1 + random.nextInt((int) Math.pow(10, scale) - 1));
            String subsidy = (300 + random.nextInt(900)) + "." + String.format("%02d", 1 + random.nextInt(99));
            line(b, Integer.toString(1 + random.nextInt(6)), area, subsidy, amountFirst);
        }
        return b.toString();
    }
}
