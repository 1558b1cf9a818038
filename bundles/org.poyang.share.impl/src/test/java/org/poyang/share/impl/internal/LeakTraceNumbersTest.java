package org.poyang.share.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Number extraction from leaked files, and the binomial tail used as evidence. */
final class LeakTraceNumbersTest {

    @Test
    void thousandsSeparatorsOnlyWithGroupsOfThree() {
        assertThat(LeakTrace.numbers("合计 1,234.5 元")).containsExactly("1234.5");
        assertThat(LeakTrace.numbers("共 12,345,678.25")).containsExactly("12345678.25");
        assertThat(LeakTrace.numbers("¥1,234.50")).containsExactly("1234.50");
        assertThat(LeakTrace.numbers("1,23,456")).containsExactly("1", "23", "456");
        assertThat(LeakTrace.numbers("1,2345.5")).containsExactly("1", "2345.5");
        assertThat(LeakTrace.numbers("1.5,2.5,3")).containsExactly("1.5", "2.5", "3");
        assertThat(LeakTrace.numbers("1.5,2,345.5")).containsExactly("1.5", "2", "345.5");
        assertThat(LeakTrace.numbers("x,\"2,345.5\"")).containsExactly("2345.5");
    }

    @Test
    void aCommaAfterALineStartOrAFieldSeparatesFieldsOfUnquotedCsv() {
        // members, area, subsidy: the first two fields are not one grouped number
        assertThat(LeakTrace.numbers("3,123.4,\"828.29\"\n5,62.234,\"1,905.16\"\n")).containsExactly("3", "123.4", "828.29", "5", "62.234",
                "1905.16");
        assertThat(LeakTrace.numbers("12,345,678.25")).containsExactly("12", "345", "678.25");
        assertThat(LeakTrace.numbers("[1,234.5]")).as("a JSON array").containsExactly("1", "234.5");
        assertThat(LeakTrace.numbers("a;1,234.5")).containsExactly("1", "234.5");
        assertThat(LeakTrace.numbers("金额 1,234.50 元，面积:1,001.5")).containsExactly("1234.50", "1001.5");
    }

    @Test
    void fullWidthDigitsAndPunctuation() {
        assertThat(LeakTrace.numbers("面积：１２３．４５平方米")).containsExactly("123.45");
        assertThat(LeakTrace.numbers("金额：￥１，２３４．５０")).containsExactly("1234.50");
        assertThat(LeakTrace.numbers("－０．７５")).containsExactly("-0.75");
    }

    @Test
    void signs() {
        assertThat(LeakTrace.numbers("-0.75, +3.25, x -12")).containsExactly("-0.75", "3.25", "-12");
        assertThat(LeakTrace.numbers("[-1.5,-2.5]")).containsExactly("-1.5", "-2.5");
        assertThat(LeakTrace.numbers("2024-05-01")).doesNotContain("-05", "-01").contains("2024");
        assertThat(LeakTrace.numbers("1.5-2.5")).containsExactly("1.5", "2.5");
    }

    @Test
    void exponentNotationBecomesPlain() {
        assertThat(LeakTrace.numbers("{\"a\":1.2345E3,\"b\":-2.5e-3,\"c\":1.5E+2}"))
                .containsExactly("1234.5", "-0.0025", "150");
        assertThat(LeakTrace.numbers("1e999999")).isEmpty();
    }

    @Test
    void dottedAndGluedTokensGiveNothing() {
        assertThat(LeakTrace.numbers("10.1.2.3")).isEmpty();
        assertThat(LeakTrace.numbers("host 192.168.10.25:8080"))
                .doesNotContain("192.168", "10.25", "168.10").containsExactly("8080");
        assertThat(LeakTrace.numbers("2024.05.01")).isEmpty();
        assertThat(LeakTrace.numbers("v1.2.3 and 1.2.3-beta")).isEmpty();
        assertThat(LeakTrace.numbers("12.5kg abc12.5 x_3.5 grt_abc123")).isEmpty();
        assertThat(LeakTrace.numbers("36010219900101123X")).isEmpty();
        assertThat(LeakTrace.numbers("360102199001011234"))
                .containsExactly("360102199001011234")
                .noneMatch(LeakTraceNumbersTest::isCarrier);
        assertThat(LeakTrace.numbers("日期2024年05月01日 面积35.5平方米。"))
                .containsExactly("2024", "05", "01", "35.5");
        assertThat(LeakTrace.numbers("end 12.5. next")).containsExactly("12.5");
    }

    @Test
    void csvQuotingAndJson() {
        String csv = "name,amount,area\n\"张三\",\"1,234.50\",35.5\n李四,\"12,000.00\",\"180.375\"\n";
        assertThat(LeakTrace.numbers(csv)).containsExactly("1234.50", "35.5", "12000.00", "180.375");
        String tsv = "a\tb\n1.25\t-3.5\n";
        assertThat(LeakTrace.numbers(tsv)).containsExactly("1.25", "-3.5");
        String json = "[{\"面积\":\"３５．５００\",\"size\":3},{\"面积\":180.375}]";
        assertThat(LeakTrace.numbers(json)).containsExactly("35.500", "3", "180.375");
        assertThat(LeakTrace.numbers(null)).isEmpty();
        assertThat(LeakTrace.numbers("")).isEmpty();
    }

    private static boolean isCarrier(String s) {
        return new DecimalAnchor().parse(s);
    }

    @Test
    void binomialTailIsExactAndStable() {
        double[] lf = LeakTrace.logFactorials(6_000);
        for (int n = 0; n <= 60; n++) {
            for (int m = 0; m <= n; m++) {
                BigInteger sum = BigInteger.ZERO;
                for (int k = m; k <= n; k++) {
                    sum = sum.add(binomial(n, k));
                }
                double exact = new BigDecimal(sum)
                        .divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL64)
                        .doubleValue();
                double got = Math.exp(LeakTrace.logUpperTail(n, m, lf));
                assertThat(got).as("n=%d m=%d", n, m).isCloseTo(exact,
                        withinPercentage(1e-7));
            }
        }
        assertThat(LeakTrace.logUpperTail(5_000, 5_000, lf)).isCloseTo(-5_000 * Math.log(2),
                offset(1e-6));
        double half = LeakTrace.logUpperTail(5_000, 2_500, lf);
        assertThat(half).isBetween(Math.log(0.5), 0.0);
        assertThat(LeakTrace.logUpperTail(6_000, 0, lf)).isZero();
        assertThat(LeakTrace.logUpperTail(6_000, 5_400, lf)).isFinite().isLessThan(-2_000);
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }
}
