package org.poyang.share.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the decimal watermark (Article 24, no onward transfer of shared data). */
final class WatermarkTest {

    private static final Random RND = new Random(20_240_501L);

    private static byte[] master() {
        byte[] m = new byte[32];
        RND.nextBytes(m);
        return m;
    }

    /** Reference anchor straight from the specification, via BigDecimal. */
    private static String referenceAnchor(String s) {
        BigDecimal d = referenceCarrier(s);
        if (d == null) {
            return null;
        }
        BigInteger u = d.unscaledValue().abs();
        return d.signum() + "|" + u.divide(BigInteger.TEN) + "|" + d.scale();
    }

    /** The stripped value if {@code s} is a plain decimal carrier, else null. */
    private static BigDecimal referenceCarrier(String s) {
        if (s == null || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s).stripTrailingZeros();
            return d.scale() > 0 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String randomCarrier(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(5) == 0) {
            sb.append('-');
        }
        sb.append(r.nextInt(4) == 0 ? r.nextInt(10) : r.nextInt(1_000_000));
        sb.append('.');
        int scale = 1 + r.nextInt(4);
        for (int i = 0; i < scale; i++) {
            sb.append(r.nextInt(10));
        }
        if (referenceCarrier(sb.toString()) == null) {
            sb.setCharAt(sb.length() - 1, (char) ('1' + r.nextInt(9)));
        }
        return sb.toString();
    }

    private static List<String> nonCarriers(Random r) {
        List<String> values = new ArrayList<>(List.of("", " ", "   ", "abc", "1.2.3", "1e5",
                "1.25E3", "1.5e-3", " 12.5", "12.5 ", "12,5", "1,234.5", "--1.5", "+-1", ".", "-",
                "1500", "1500.00", "0.0", "-0.000", "12", "-7", "0", "NaN", "Infinity", "一二.五",
                "１２．５", "12.5元", "¥12.5"));
        for (int i = 0; i < 2_000; i++) {
            values.add(Integer.toString(r.nextInt() / 1000));
            values.add(BigDecimal.valueOf(r.nextInt(100_000)).setScale(1 + r.nextInt(3))
                    .toPlainString());
        }
        return values;
    }

    @Test
    void nonCarriersAreReturnedAsTheSameString() {
        Watermark w = Watermark.forRecipient(master(), "grt_abc123");
        assertThat(w.mark(null)).isNull();
        for (String v : nonCarriers(new Random(7))) {
            assertThat(w.mark(v)).as("non-carrier %s", v).isSameAs(v);
        }
    }

    @Test
    void anchorParserAgreesWithTheBigDecimalDefinition() {
        DecimalAnchor a = new DecimalAnchor();
        Random r = new Random(11);
        List<String> values = new ArrayList<>(nonCarriers(r));
        values.addAll(List.of("0.5", "-0.75", "+3.25", "007.50", ".5", "5.", "-.05", "0.001",
                "123456789012345678901234567890.123456789", "1.23456789012"));
        for (int i = 0; i < 20_000; i++) {
            values.add(randomCarrier(r));
        }
        for (String v : values) {
            String expected = referenceAnchor(v);
            boolean carrier = a.parse(v);
            assertThat(carrier).as("carrier? %s", v).isEqualTo(expected != null);
            if (carrier) {
                assertThat(new String(a.bytes(), 0, a.length(), StandardCharsets.UTF_8))
                        .as("anchor of %s", v).isEqualTo(expected);
                BigInteger u = referenceCarrier(v).unscaledValue().abs();
                assertThat(a.lastDigit()).as("last digit of %s", v)
                        .isEqualTo(u.mod(BigInteger.TEN).intValue());
            }
        }
    }

    @Test
    void carriersChangeByAtMostOneUnitDeterministicallyAndAboutOneInEight() {
        byte[] master = master();
        byte[] key = Watermark.recipientKey(master, "grt_0123456789ab");
        Watermark w1 = new Watermark(key);
        Watermark w2 = Watermark.forRecipient(master, "grt_0123456789ab");
        Watermark other = Watermark.forRecipient(master, "grt_ba9876543210");
        Random r = new Random(42);
        int total = 20_000;
        int changed = 0;
        int differsFromOther = 0;
        for (int i = 0; i < total; i++) {
            String in = randomCarrier(r);
            String out = w1.mark(in);
            assertThat(w2.mark(in)).as("deterministic for %s", in).isEqualTo(out);
            assertThat(w1.mark(in)).as("repeatable for %s", in).isEqualTo(out);
            BigDecimal before = new BigDecimal(in);
            BigDecimal after = new BigDecimal(out);
            assertThat(after.scale()).as("scale of %s -> %s", in, out).isEqualTo(before.scale());
            BigDecimal strippedIn = before.stripTrailingZeros();
            BigDecimal strippedOut = after.stripTrailingZeros();
            assertThat(strippedOut.scale()).as("last digit of %s -> %s never 0", in, out)
                    .isEqualTo(strippedIn.scale());
            assertThat(referenceAnchor(out)).as("anchor kept %s -> %s", in, out)
                    .isEqualTo(referenceAnchor(in));
            BigDecimal diff = after.subtract(before).abs();
            if (diff.signum() != 0) {
                assertThat(diff).as("one unit in last place %s -> %s", in, out)
                        .isEqualByComparingTo(BigDecimal.ONE.movePointLeft(strippedIn.scale()));
                assertThat(out).hasSameSizeAs(in);
                changed++;
            } else {
                assertThat(out).as("unchanged value keeps its string").isSameAs(in);
            }
            if (!out.equals(other.mark(in))) {
                differsFromOther++;
            }
        }
        double ratio = changed / (double) total;
        assertThat(ratio).as("changed ratio %s", ratio).isBetween(0.08, 0.17);
        assertThat(differsFromOther).as("another recipient marks other values").isPositive();
    }

    @Test
    void recipientKeysAreDeterministicAndDistinct() {
        byte[] master = master();
        assertThat(Watermark.recipientKey(master, "grt_abc123"))
                .hasSize(32)
                .isEqualTo(Watermark.recipientKey(master, "grt_abc123"))
                .isNotEqualTo(Watermark.recipientKey(master, "grt_abc124"))
                .isNotEqualTo(Watermark.recipientKey(master(), "grt_abc123"));
        assertThatThrownBy(() -> new Watermark(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marksKeepFormattingOfPaddedValues() {
        Watermark w = Watermark.forRecipient(master(), "agency:91360100MA35XXXX0X");
        Random r = new Random(5);
        int changed = 0;
        for (int i = 0; i < 5_000; i++) {
            String in = BigDecimal.valueOf(10_000 + r.nextInt(990_000), 2).toPlainString() + "0";
            String out = w.mark(in);
            assertThat(out).hasSameSizeAs(in).endsWith("0");
            assertThat(out.substring(0, out.indexOf('.'))).isEqualTo(in.substring(0, in.indexOf('.')));
            if (!out.equals(in)) {
                changed++;
            }
        }
        assertThat(changed).isPositive();
    }
}
