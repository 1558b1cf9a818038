package org.poyang.open.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

import org.poyang.open.api.AnalysisRequest.Filter;
import org.poyang.open.api.AnalysisRequest.Measure;
import org.poyang.open.api.AnalysisResult;

/**
 * Disclosure control of algorithm model results (数据可用不可见, Art. 18): no released cell aggregates
 * fewer than k records, a lone withheld cell cannot be recovered from a total, dominated or thinly
 * supported sums are withheld, no raw row leaves, and every limit stops the analysis.
 */
class AnalyserTest {

    static final List<String> COLUMNS = List.of("区县", "行业", "注册资本", "成立日期");
    static final Analyser.Limits LIMITS = new Analyser.Limits(10, 30_000, 10_000, 1_000_000);

    private static Analyser analyser(List<Filter> filters, List<String> groupBy, List<Measure> measures, Analyser.Limits limits) {
        return new Analyser(COLUMNS, filters, groupBy, measures, limits);
    }

    private static String[] row(String district, String industry, String capital, String date) {
        return new String[] {district, industry, capital, date};
    }

    @Test
    void countsSumsAveragesAndQuantilesPerGroupAreExact() {
        Analyser a = analyser(List.of(), List.of("区县"), List.of(new Measure("count", null, null), new Measure("sum", "注册资本", null),
                new Measure("avg", "注册资本", null), new Measure("quantile", "注册资本", 0.5)), LIMITS);
        for (int i = 1; i <= 20; i++) {
            a.accept(row("东湖区", "制造业", Integer.toString(i * 10), "2020-01-01"));
        }
        for (int i = 1; i <= 11; i++) {
            a.accept(row("西湖区", "零售业", "100", "2021-06-01"));
        }
        Analyser.Released r = a.release();
        assertThat(r.suppressed()).isZero();
        assertThat(r.cells()).hasSize(2);
        AnalysisResult.Cell east = r.cells().stream().filter(c -> c.group().get("区县").equals("东湖区")).findFirst().orElseThrow();
        assertThat(east.count()).isEqualTo(20);
        assertThat(east.measures()).containsEntry("count", 20.0).containsEntry("sum(注册资本)", 2100.0).containsEntry("avg(注册资本)", 105.0)
                .containsEntry("quantile(注册资本,0.5)", 105.0);
        assertThat(a.scanned()).isEqualTo(31);
    }

    @Test
    void noReleasedCellAggregatesFewerThanKRecordsForAnyRandomData() {
        Random random = new Random(18);
        for (int round = 0; round < 200; round++) {
            int k = 5 + random.nextInt(20);
            Analyser a = analyser(List.of(), List.of("区县", "行业"), List.of(new Measure("count", null, null), new Measure("sum", "注册资本", null)),
                    new Analyser.Limits(k, 30_000, 10_000, 1_000_000));
            int rows = random.nextInt(400);
            for (int i = 0; i < rows; i++) {
                a.accept(row("区" + random.nextInt(6), "业" + random.nextInt(4), Integer.toString(random.nextInt(1000)), null));
            }
            Analyser.Released r = a.release();
            for (AnalysisResult.Cell c : r.cells()) {
                assertThat(c.count()).as("round %d, k %d", round, k).isGreaterThanOrEqualTo(k);
                assertThat(c.group().keySet()).containsExactly("区县", "行业");
            }
            assertThat(r.suppressed()).as("never exactly one withheld among several").isNotEqualTo(1);
        }
    }

    @Test
    void aLoneWithheldCellTakesTheNextSmallestWithItSoThatNoTotalRevealsIt() {
        Analyser a = analyser(List.of(), List.of("区县"), List.of(new Measure("count", null, null)), LIMITS);
        add(a, "东湖区", 30);
        add(a, "西湖区", 12);
        add(a, "青山湖区", 3);
        Analyser.Released r = a.release();
        assertThat(r.cells()).extracting(c -> c.group().get("区县")).containsExactly("东湖区");
        assertThat(r.suppressed()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.contains("derived from a total"));
    }

    @Test
    void anOverallCellUnderKIsWithheldEntirely() {
        Analyser a = analyser(List.of(new Filter("区县", "eq", List.of("东湖区"))), List.of(), List.of(new Measure("count", null, null)), LIMITS);
        add(a, "东湖区", 9);
        add(a, "西湖区", 100);
        Analyser.Released r = a.release();
        assertThat(r.cells()).isEmpty();
        assertThat(r.suppressed()).isEqualTo(1);
    }

    @Test
    void aSumDominatedByOneRecordOrSupportedByFewerThanKValuesIsWithheldButTheCountStays() {
        Analyser a = analyser(List.of(), List.of("区县"), List.of(new Measure("count", null, null), new Measure("sum", "注册资本", null),
                new Measure("avg", "注册资本", null)), LIMITS);
        for (int i = 0; i < 12; i++) {
            a.accept(row("东湖区", "制造业", i == 0 ? "1000000" : "10", null)); // one firm holds nearly all the capital
        }
        for (int i = 0; i < 12; i++) {
            a.accept(row("西湖区", "制造业", i < 3 ? "50" : null, null)); // only 3 firms report capital
        }
        for (int i = 0; i < 12; i++) {
            a.accept(row("青山湖区", "制造业", "20", null));
        }
        Map<String, AnalysisResult.Cell> cells = byDistrict(a.release());
        assertThat(cells.get("东湖区").count()).isEqualTo(12);
        assertThat(cells.get("东湖区").measures().get("sum(注册资本)")).isNull();
        assertThat(cells.get("东湖区").measures().get("avg(注册资本)")).isNull();
        assertThat(cells.get("西湖区").measures().get("sum(注册资本)")).isNull();
        assertThat(cells.get("青山湖区").measures()).containsEntry("sum(注册资本)", 240.0).containsEntry("avg(注册资本)", 20.0);
    }

    @Test
    void noRawRowLeavesAResult() {
        Analyser a = analyser(List.of(), List.of("行业"), List.of(new Measure("count", null, null), new Measure("sum", "注册资本", null)), LIMITS);
        List<String> capitals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String capital = Integer.toString(7_000_000 + i * 13);
            capitals.add(capital);
            a.accept(row("东湖区", "制造业", capital, "2019-03-0" + (1 + i % 9)));
        }
        String released = a.release().toString();
        for (String c : capitals) {
            assertThat(released).doesNotContain(c);
        }
        assertThat(released).doesNotContain("东湖区").doesNotContain("2019-03-0");
    }

    @Test
    void filtersCompareNumbersAsNumbersAndIsoDatesAsDatesAndEmptyCellsNeverMatch() {
        Analyser a = analyser(List.of(new Filter("注册资本", "ge", List.of("100")), new Filter("成立日期", "lt", List.of("2021-01-01")),
                new Filter("行业", "in", List.of("制造业", "建筑业"))), List.of(), List.of(new Measure("count", null, null)), LIMITS);
        for (int i = 0; i < 10; i++) {
            a.accept(row("东湖区", "制造业", "100", "2020-12-31")); // counted
            a.accept(row("东湖区", "建筑业", "1000.5", "2019-01-01")); // counted
            a.accept(row("东湖区", "制造业", "99.99", "2020-01-01")); // capital below
            a.accept(row("东湖区", "制造业", "20", "2020-01-01")); // "20" > "100" as text, not as a number
            a.accept(row("东湖区", "零售业", "500", "2020-01-01")); // industry not listed
            a.accept(row("东湖区", "制造业", "500", "2021-01-01")); // date not before
            a.accept(row("东湖区", "制造业", null, "2020-01-01")); // empty capital
        }
        Analyser.Released r = a.release();
        assertThat(r.cells()).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(20));
    }

    @Test
    void tooManyGroupsTooManyRetainedValuesOrTooMuchTimeStopTheAnalysis() {
        Analyser groups = analyser(List.of(), List.of("注册资本"), List.of(new Measure("count", null, null)), new Analyser.Limits(10, 30_000, 100, 1_000));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                groups.accept(row("东湖区", "制造业", Integer.toString(i), null));
            }
        }).isInstanceOf(Analyser.LimitExceeded.class).hasMessageContaining("100 groups");

        Analyser retained = analyser(List.of(), List.of(), List.of(new Measure("quantile", "注册资本", 0.9)), new Analyser.Limits(10, 30_000, 100, 1_000));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1001; i++) {
                retained.accept(row("东湖区", "制造业", Integer.toString(i), null));
            }
        }).isInstanceOf(Analyser.LimitExceeded.class).hasMessageContaining("1000 values");

        Analyser slow = analyser(List.of(), List.of(), List.of(new Measure("count", null, null)), new Analyser.Limits(10, 0, 100, 1_000));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                slow.accept(row("东湖区", "制造业", "1", null));
            }
        }).isInstanceOf(Analyser.LimitExceeded.class).hasMessageContaining("time limit");
    }

    @Test
    void quantilesInterpolateBetweenClosestRanks() {
        assertThat(Analyser.quantile(new double[] {4, 1, 3, 2}, 4, 0.5)).isEqualTo(2.5);
        assertThat(Analyser.quantile(new double[] {10, 20, 30, 40, 50}, 5, 0.9)).isEqualTo(46.0);
        assertThat(Analyser.quantile(new double[] {7}, 1, 0.25)).isEqualTo(7.0);
    }

    private static void add(Analyser a, String district, int n) {
        for (int i = 0; i < n; i++) {
            a.accept(row(district, "制造业", "1", null));
        }
    }

    private static Map<String, AnalysisResult.Cell> byDistrict(Analyser.Released r) {
        Map<String, AnalysisResult.Cell> m = new java.util.HashMap<>();
        r.cells().forEach(c -> m.put(c.group().get("区县"), c));
        return m;
    }

}
