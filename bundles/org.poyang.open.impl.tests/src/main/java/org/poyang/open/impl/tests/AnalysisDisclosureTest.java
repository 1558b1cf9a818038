package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Art. 18, 31: only aggregates leave an analysis, and only those that pass disclosure control: exact
 * counts, sums, averages and quantiles for cells of at least k records, nothing for smaller cells, the
 * next smallest withheld too when only one would be, sums dominated by one record withheld; k may be
 * raised by a request, never lowered. Expectations are computed from the generated rows.
 */
class AnalysisDisclosureTest extends AnalysisTestBase {

    @Test
    void cellsOfAtLeastKRecordsAreExactAndSmallerCellsAreWithheld() {
        Disclosure.Request r = new Disclosure.Request(d.enterprises).groupBy(d.county).count().measure("sum", d.capital).measure("avg", d.capital)
                .quantile(d.capital, 0.5);
        JsonNode result = analyse(r, d.holder);
        Disclosure.assertReleased(result, r, Disclosure.expect(d.enterpriseRows, r, 10), "by county");

        // spelled out: 进贤县 (6) is under k, so the next smallest, 南昌县 (35), goes too; 红谷滩区's sums are dominated
        Map<List<String>, JsonNode> cells = Disclosure.cells(result, r.groupBy);
        assertThat(result.path("k").asInt()).isEqualTo(10);
        assertThat(result.path("scanned").asLong()).isEqualTo(600);
        assertThat(result.path("suppressed").asInt()).isEqualTo(2);
        assertThat(cells.keySet()).containsExactlyInAnyOrder(List.of("东湖区"), List.of("西湖区"), List.of("青云谱区"), List.of("青山湖区"),
                List.of("新建区"), List.of("红谷滩区"));
        assertThat(cells.get(List.of("东湖区")).path("count").asLong()).isEqualTo(150);
        assertThat(cells.get(List.of("红谷滩区")).path("count").asLong()).isEqualTo(49);
        assertThat(Disclosure.measure(cells.get(List.of("红谷滩区")), new Disclosure.Measure("sum", d.capital, null))).isNull();
        assertThat(Disclosure.measure(cells.get(List.of("红谷滩区")), new Disclosure.Measure("avg", d.capital, null))).isNull();
        long eastLake = d.enterpriseRows.stream().filter(x -> x.get(d.county).equals("东湖区")).map(x -> number(x, d.capital))
                .filter(x -> x != null).mapToLong(Long::longValue).sum();
        assertThat(Disclosure.measure(cells.get(List.of("东湖区")), new Disclosure.Measure("sum", d.capital, null))).isEqualTo((double) eastLake);
        assertThat(result.path("notes").size()).as("the answer says what was withheld: %s", result).isGreaterThanOrEqualTo(2);
        assertThat(result.toString()).doesNotContain("进贤县").doesNotContain("南昌县");

        // one cell overall: everything counted
        Disclosure.Request all = new Disclosure.Request(d.enterprises).count().measure("sum", d.capital);
        JsonNode overall = analyse(all, d.holder);
        Disclosure.assertReleased(overall, all, Disclosure.expect(d.enterpriseRows, all, 10), "overall");
        assertThat(overall.path("cells").get(0).path("count").asLong()).isEqualTo(600);
        assertThat(overall.path("suppressed").asInt()).isZero();
    }

    @Test
    void noReleasedCellAggregatesFewerThanKRecordsWhateverTheGroupingAndFilters() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<List<String>> groupings = List.of(List.of(d.industry), List.of(d.county, d.industry), List.of(d.industry, d.county),
                List.of(d.county), List.of());
        for (int round = 0; round < 12; round++) {
            List<String> groupBy = groupings.get(random.nextInt(groupings.size()));
            Disclosure.Request r = new Disclosure.Request(d.enterprises).groupBy(groupBy.toArray(String[]::new)).count();
            if (random.nextBoolean()) {
                r.measure("sum", d.capital);
            }
            if (random.nextBoolean()) {
                r.measure("avg", d.capital);
            }
            if (random.nextInt(3) == 0) {
                r.quantile(d.capital, 0.05 + random.nextInt(90) / 100.0);
            }
            Predicate<Map<String, String>> keep = x -> true;
            switch (random.nextInt(6)) {
                case 0 -> {
                    String day = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(26 * 365)).toString();
                    r.filter(d.founded, "ge", day);
                    keep = x -> x.get(d.founded).compareTo(day) >= 0;
                }
                case 1 -> {
                    long least = 100 + random.nextInt(4900);
                    r.filter(d.capital, "gt", Long.toString(least));
                    keep = x -> number(x, d.capital) != null && number(x, d.capital) > least;
                }
                case 2 -> {
                    String a = AnalysisData.INDUSTRIES.get(random.nextInt(6));
                    String b = AnalysisData.INDUSTRIES.get(random.nextInt(6));
                    r.filter(d.industry, "in", a, b);
                    keep = x -> x.get(d.industry).equals(a) || x.get(d.industry).equals(b);
                }
                case 3 -> {
                    String c = AnalysisData.COUNTIES.get(random.nextInt(8));
                    r.filter(d.county, "ne", c);
                    keep = x -> !x.get(d.county).equals(c);
                }
                case 4 -> {
                    long most = 100 + random.nextInt(4900);
                    String day = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(26 * 365)).toString();
                    r.filter(d.capital, "le", Long.toString(most)).filter(d.founded, "lt", day);
                    keep = x -> number(x, d.capital) != null && number(x, d.capital) <= most && x.get(d.founded).compareTo(day) < 0;
                }
                default -> {
                    // no filter
                }
            }
            JsonNode result = analyse(r, d.holder);
            Disclosure.Expected expected = Disclosure.expect(where(d.enterpriseRows, keep), r, 10);
            Disclosure.assertReleased(result, r, expected, "round " + round + " of seed " + seed);
        }

        // empty cells: grouped together (about 18 enterprises have no capital), and never matched by a filter
        Disclosure.Request byCapital = new Disclosure.Request(d.enterprises).groupBy(d.capital).count();
        JsonNode capitals = analyse(byCapital, d.holder);
        Disclosure.assertReleased(capitals, byCapital, Disclosure.expect(d.enterpriseRows, byCapital, 10), "by capital");
        long empty = d.enterpriseRows.stream().filter(x -> number(x, d.capital) == null).count();
        assertThat(empty).isGreaterThanOrEqualTo(10);
        assertThat(Disclosure.cells(capitals, byCapital.groupBy).get(java.util.Arrays.asList((String) null)).path("count").asLong()).isEqualTo(empty);
        for (String op : List.of("ne", "lt", "le", "gt", "ge")) {
            String v = op.startsWith("g") ? "0" : "99999999";
            Disclosure.Request nonEmpty = new Disclosure.Request(d.enterprises).filter(d.capital, op, op.equals("ne") ? "1" : v).count();
            assertThat(analyse(nonEmpty, d.holder).path("cells").get(0).path("count").asLong()).as("capital %s", op).isEqualTo(600 - empty);
        }

        // a request may raise k: 49, 35 and 6 records are under 50; three cells withheld, no more
        Disclosure.Request raised = new Disclosure.Request(d.enterprises).groupBy(d.county).count().measure("avg", d.capital).k(50);
        JsonNode fifty = analyse(raised, d.holder);
        Disclosure.assertReleased(fifty, raised, Disclosure.expect(d.enterpriseRows, raised, 50), "k = 50");
        assertThat(fifty.path("k").asInt()).isEqualTo(50);
        assertThat(fifty.path("suppressed").asInt()).isEqualTo(3);
        assertThat(fifty.path("cells").size()).isEqualTo(5);
        // ... by industry and county at 50: cells of 50 or more only
        Disclosure.Request raised2 = new Disclosure.Request(d.enterprises).groupBy(d.county, d.industry).count().k(50);
        Disclosure.assertReleased(analyse(raised2, d.holder), raised2, Disclosure.expect(d.enterpriseRows, raised2, 50), "k = 50 by two");

        // never lower it
        for (int low : new int[] {5, 9, 0, -1}) {
            assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.county).count().k(low), d.holder)).as("k = %d", low)
                    .containsExactly("k");
        }
    }

    @Test
    void aFilterNarrowingBelowKRecordsReleasesNoCell() {
        // 进贤县 has 6 enterprises: no cell, whether grouped or not
        Disclosure.Request one = new Disclosure.Request(d.enterprises).filter(d.county, "eq", "进贤县").count().measure("sum", d.capital);
        JsonNode r = analyse(one, d.holder);
        assertThat(r.path("cells").size()).as(r.toString()).isZero();
        assertThat(r.path("suppressed").asInt()).isEqualTo(1);
        Disclosure.Request grouped = new Disclosure.Request(d.enterprises).filter(d.county, "eq", "进贤县").groupBy(d.industry).count();
        JsonNode g = analyse(grouped, d.holder);
        assertThat(g.path("cells").size()).as(g.toString()).isZero();
        assertThat(g.path("suppressed").asInt()).isEqualTo(Disclosure.expect(where(d.enterpriseRows, x -> x.get(d.county).equals("进贤县")),
                grouped, 10).cells());

        // the largest capitals: fewer than 10 above the 9th largest
        List<Long> capitals = new ArrayList<>(d.enterpriseRows.stream().map(x -> number(x, d.capital)).filter(x -> x != null).toList());
        capitals.sort(null);
        long ninth = capitals.get(capitals.size() - 9);
        Disclosure.Request top = new Disclosure.Request(d.enterprises).filter(d.capital, "ge", Long.toString(ninth)).count();
        assertThat(where(d.enterpriseRows, x -> number(x, d.capital) != null && number(x, d.capital) >= ninth)).hasSizeLessThan(10);
        JsonNode t = analyse(top, d.holder);
        assertThat(t.path("cells").size()).as(t.toString()).isZero();

        // one enterprise by its key: nothing
        Disclosure.Request single = new Disclosure.Request(d.enterprises).filter(d.firm, "eq", "Q0001").count().measure("sum", d.capital);
        JsonNode s = analyse(single, d.holder);
        assertThat(s.path("cells").size()).as(s.toString()).isZero();
        assertThat(s.toString()).doesNotContain(d.enterpriseRows.get(0).get(d.founded));
    }
}
