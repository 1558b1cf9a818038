package org.poyang.share.impl.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Leak tracing (泄露溯源) for watermarked shared data.
 *
 * <p>Enforcement side of Article 24 of the Jiangxi Public Data Management Measures (共享数据不得转让:
 * shared data must be used only for the granted purpose and must not be passed on). Given the
 * text of a leaked file, {@link #numbers(String)} extracts the numbers whatever the format, and
 * {@link #trace(Map, Collection)} tests every candidate recipient's {@link Watermark} against
 * them and names the recipient the copy was delivered to, or nobody.
 *
 * <p>Detection is blind (the original data is not needed): for every distinct anchor the
 * candidate's key selects, the observed last-digit parity either matches the candidate's bit or
 * not. Unmarked or foreign data matches half the time, the true recipient's data always; the
 * evidence is the exact one-sided binomial tail {@code P(Binomial(n, 1/2) >= m)}, corrected for
 * the number of candidates tried (Bonferroni).
 */
public final class LeakTrace {

    /** Minimum number of selected distinct anchors before anybody is named. */
    static final int MIN_SELECTED = 20;
    /** Minimum match ratio {@code m / n} before anybody is named. */
    static final double MIN_MATCH_RATIO = 0.9;
    /** Maximum family-wise p-value ({@code p * candidates}) before anybody is named. */
    static final double MAX_CORRECTED_P = 1e-6;

    /** Exponents beyond this are not plain table values; the token is dropped. */
    private static final int MAX_EXPONENT = 100;
    /** Tail terms this many natural-log units below the first one no longer matter. */
    private static final double NEGLIGIBLE_LOG_TERM = -45.0;
    private static final double LN10 = Math.log(10.0);
    private static final byte MIXED = 2;

    private LeakTrace() {
    }

    /**
     * Evidence for one candidate recipient.
     *
     * @param recipient the candidate
     * @param selected n, the distinct anchors in the file that the candidate's key selects
     * @param matches m, how many of those carry the candidate's bit in every occurrence
     * @param log10P log10 of {@code P(Binomial(n, 1/2) >= m)}
     * @param confidence {@code 1 - min(1, p * candidates)}
     */
    public record Evidence(String recipient, int selected, int matches, double log10P,
            double confidence) {

        @Override
        public String toString() {
            return String.format("%s n=%d m=%d log10p=%.2f conf=%.9f", recipient, selected,
                    matches, log10P, confidence);
        }
    }

    /**
     * Verdict of a trace.
     *
     * @param recipient the recipient the leak is attributed to, or null if nobody is named
     * @param confidence the named recipient's confidence, 0 if nobody is named
     * @param evidence per-candidate evidence, best first
     * @param numbersExamined how many numbers were examined
     * @param carriers how many of those were carriers (fractional part after stripping zeros)
     * @param distinctAnchors how many distinct anchors the carriers have
     */
    public record Result(String recipient, double confidence, List<Evidence> evidence,
            int numbersExamined, int carriers, int distinctAnchors) {

        /** Copies the evidence list. */
        public Result {
            evidence = List.copyOf(evidence);
        }

        /** Whether a recipient is named. */
        public boolean named() {
            return recipient != null;
        }

        @Override
        public String toString() {
            return "Result[recipient=" + recipient
                    + String.format(", confidence=%.9f", confidence)
                    + ", numbers=" + numbersExamined + ", carriers=" + carriers
                    + ", anchors=" + distinctAnchors + ", candidates=" + evidence.size()
                    + ", top=" + evidence.subList(0, Math.min(3, evidence.size())) + "]";
        }
    }

    // ---------------------------------------------------------------- number extraction

    /**
     * Extracts every number-like token from a leaked file's text, as plain decimal strings.
     *
     * <p>The text is NFKC-normalised first (full-width digits and punctuation become ASCII).
     * Accepted: an optional leading {@code -}/{@code +} (a {@code +} is dropped), digits with
     * optional thousands separators in groups of exactly three ({@code 12,345,678.25}; only where
     * such numbers are written, see {@link #mayGroup}, since elsewhere the comma separates fields), an
     * optional fraction, and an optional exponent ({@code 1.2345E3}, converted to plain). A
     * token must not be glued to a digit, a (non-Han) letter, {@code _} or a dot followed by a
     * digit on either side, so IP addresses, dotted dates, version strings and ID numbers with
     * a check letter yield nothing. Han characters and currency signs around a number are
     * ordinary separators ({@code ¥1,234.50元}).
     *
     * @param text the leaked file's text, may be null
     * @return the tokens in order of appearance
     */
    public static List<String> numbers(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<String> tokens = new ArrayList<>();
        StringBuilder sb = new StringBuilder(32);
        int len = t.length();
        int i = 0;
        while (i < len) {
            if (!isDigit(t.charAt(i))) {
                i++;
            } else if (!startAllowed(t, i)) {
                i = skipBlob(t, i);
            } else {
                i = scanToken(t, i, sb, tokens);
            }
        }
        return tokens;
    }

    /**
     * Scans a token whose first digit is at {@code start}; adds it to {@code tokens} if it is
     * well delimited.
     *
     * @return the index where scanning continues
     */
    private static int scanToken(String t, int start, StringBuilder sb, List<String> tokens) {
        int len = t.length();
        sb.setLength(0);
        if (hasSign(t, start) && t.charAt(start - 1) != '+') {
            sb.append('-');
        }
        int j = digitsEnd(t, start);
        sb.append(t, start, j);
        boolean grouped = false;
        if (j - start <= 3 && t.charAt(start) != '0' && mayGroup(t, start)) {
            while (isThousandsGroup(t, j)) {
                sb.append(t, j + 1, j + 4);
                j += 4;
                grouped = true;
            }
        }
        if (j + 1 < len && t.charAt(j) == '.' && isDigit(t.charAt(j + 1))) {
            int fracEnd = digitsEnd(t, j + 1);
            sb.append(t, j, fracEnd);
            j = fracEnd;
        }
        String exponent = null;
        if (!grouped && j < len && (t.charAt(j) == 'e' || t.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < len && (t.charAt(k) == '+' || t.charAt(k) == '-')) {
                k++;
            }
            if (k < len && isDigit(t.charAt(k))) {
                int expEnd = digitsEnd(t, k);
                exponent = t.substring(j + 1, expEnd);
                j = expEnd;
            }
        }
        if (!endAllowed(t, j)) {
            return skipBlob(t, j);
        }
        if (exponent == null) {
            tokens.add(sb.toString());
        } else {
            String plain = exponentToPlain(sb, exponent);
            if (plain != null) {
                tokens.add(plain);
            }
        }
        return j;
    }

    private static String exponentToPlain(StringBuilder mantissa, String exponent) {
        int digits = exponent.length() - (isDigit(exponent.charAt(0)) ? 0 : 1);
        if (digits > 3 || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
            return null;
        }
        return new BigDecimal(mantissa.append('E').append(exponent).toString()).toPlainString();
    }

    /**
     * Whether the token starting at {@code start} may take thousands groups: only where a grouped number
     * is written in text, after a quote (a CSV or JSON string), a space or tab, an opening bracket or colon,
     * a currency sign, or a Han character ({@code 金额1,234.50元}). At the start of the text or of a line,
     * or after a comma, semicolon, bar or square bracket, the comma separates fields (unquoted CSV such as
     * {@code 3,123.4}, JSON arrays, {@code 1,23,456}), so the token takes none.
     */
    private static boolean mayGroup(String t, int start) {
        int b = start - 1;
        if (b >= 0 && (t.charAt(b) == '-' || t.charAt(b) == '+' || t.charAt(b) == '\u2212')) {
            b--;
        }
        if (b < 0) {
            return false;
        }
        char p = t.charAt(b);
        return switch (p) {
            case '"', '\'', '\u201c', '\u2018', ' ', '\t', '(', ':', '=', '$', '\u00a5' -> true;
            default -> p > 127 && Character.UnicodeScript.of(p) == Character.UnicodeScript.HAN;
        };
    }

    private static boolean isThousandsGroup(String t, int j) {
        return j + 3 < t.length() && t.charAt(j) == ','
                && isDigit(t.charAt(j + 1)) && isDigit(t.charAt(j + 2)) && isDigit(t.charAt(j + 3))
                && (j + 4 == t.length() || !isDigit(t.charAt(j + 4)));
    }

    /** Whether a sign character directly before {@code start} belongs to the number. */
    private static boolean hasSign(String t, int start) {
        if (start == 0) {
            return false;
        }
        char s = t.charAt(start - 1);
        if (s != '-' && s != '+' && s != '\u2212') {
            return false;
        }
        if (start == 1) {
            return true;
        }
        char before = t.charAt(start - 2);
        return !isDigit(before) && !isGlue(before) && before != '.';
    }

    private static boolean startAllowed(String t, int i) {
        if (i == 0) {
            return true;
        }
        char p = t.charAt(i - 1);
        return !isDigit(p) && !isGlue(p) && p != '.';
    }

    private static boolean endAllowed(String t, int j) {
        if (j >= t.length()) {
            return true;
        }
        char c = t.charAt(j);
        if (isDigit(c) || isGlue(c)) {
            return false;
        }
        return !(c == '.' && j + 1 < t.length() && isDigit(t.charAt(j + 1)));
    }

    /** Skips the rest of a run of digits, letters and dots that did not form a clean token. */
    private static int skipBlob(String t, int i) {
        int j = i;
        while (j < t.length()) {
            char c = t.charAt(j);
            if (!isDigit(c) && !isGlue(c) && c != '.') {
                break;
            }
            j++;
        }
        return Math.max(j, i + 1);
    }

    private static int digitsEnd(String t, int i) {
        int j = i;
        while (j < t.length() && isDigit(t.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Characters that glue to a number: letters (except Han characters, which in Chinese text
     * sit directly against numbers: {@code 面积35.5平方米}) and the underscore.
     */
    private static boolean isGlue(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isLetter(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN;
    }

    // ---------------------------------------------------------------- detection

    /**
     * Traces a leak against candidate recipients.
     *
     * @param candidateKeys recipient to its key from {@link Watermark#recipientKey}
     * @param numbers the numbers found in the leaked file, e.g. from {@link #numbers(String)}
     * @return the verdict with per-candidate evidence, best first
     */
    public static Result trace(Map<String, byte[]> candidateKeys, Collection<String> numbers) {
        Objects.requireNonNull(candidateKeys, "candidateKeys");
        Objects.requireNonNull(numbers, "numbers");
        Observations obs = Observations.of(numbers);
        double[] logFactorial = logFactorials(obs.anchors.size());
        int candidates = candidateKeys.size();
        double logCandidates = Math.log(Math.max(1, candidates));
        List<Evidence> evidence = new ArrayList<>(candidates);
        for (Map.Entry<String, byte[]> e : candidateKeys.entrySet()) {
            evidence.add(evaluate(e.getKey(), new Watermark(e.getValue()), obs, logFactorial,
                    logCandidates));
        }
        evidence.sort(Comparator.comparingDouble(Evidence::log10P)
                .thenComparing(Evidence::matches, Comparator.reverseOrder())
                .thenComparing(Evidence::recipient));
        Evidence best = evidence.isEmpty() ? null : evidence.get(0);
        boolean named = best != null && accepts(best, logCandidates);
        return new Result(named ? best.recipient() : null, named ? best.confidence() : 0.0,
                evidence, numbers.size(), obs.carriers, obs.anchors.size());
    }

    private static boolean accepts(Evidence e, double logCandidates) {
        return e.selected() >= MIN_SELECTED
                && e.matches() >= MIN_MATCH_RATIO * e.selected()
                && e.log10P() * LN10 + logCandidates <= Math.log(MAX_CORRECTED_P);
    }

    private static Evidence evaluate(String recipient, Watermark w, Observations obs,
            double[] logFactorial, double logCandidates) {
        int n = 0;
        int m = 0;
        for (int a = 0; a < obs.anchors.size(); a++) {
            byte[] anchor = obs.anchors.get(a);
            int bit = w.bitFor(anchor, anchor.length);
            if (bit >= 0) {
                n++;
                if (obs.parity[a] == bit) {
                    m++;
                }
            }
        }
        double logP = logUpperTail(n, m, logFactorial);
        double corrected = logP + logCandidates;
        double confidence = corrected >= 0 ? 0.0 : -Math.expm1(corrected);
        return new Evidence(recipient, n, m, logP / LN10, confidence);
    }

    /** Natural log of {@code P(Binomial(n, 1/2) >= m)}, exact up to double rounding. */
    static double logUpperTail(int n, int m, double[] logFactorial) {
        if (m <= 0) {
            return 0.0;
        }
        if (m > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (2L * m > n) {
            return logDecreasingTail(n, m, logFactorial);
        }
        // P(X >= m) = 1 - P(X <= m - 1) = 1 - P(X >= n - m + 1) by symmetry; that tail < 1/2.
        double q = Math.exp(logDecreasingTail(n, n - m + 1, logFactorial));
        return Math.log1p(-q);
    }

    /** Log of the tail sum from {@code from > n/2}, where the terms decrease. */
    private static double logDecreasingTail(int n, int from, double[] logFactorial) {
        double first = logTerm(n, from, logFactorial);
        double sum = 1.0;
        for (int k = from + 1; k <= n; k++) {
            double rel = logTerm(n, k, logFactorial) - first;
            if (rel < NEGLIGIBLE_LOG_TERM) {
                break;
            }
            sum += Math.exp(rel);
        }
        return first + Math.log(sum);
    }

    private static double logTerm(int n, int k, double[] logFactorial) {
        return logFactorial[n] - logFactorial[k] - logFactorial[n - k] - n * Math.log(2.0);
    }

    static double[] logFactorials(int max) {
        double[] lf = new double[max + 1];
        for (int i = 2; i <= max; i++) {
            lf[i] = lf[i - 1] + Math.log(i);
        }
        return lf;
    }

    /**
     * The distinct anchors of a file's carriers with their observed parity (0, 1 or
     * {@link #MIXED} when occurrences disagree); computed once, shared by all candidates.
     */
    private static final class Observations {
        private final List<byte[]> anchors = new ArrayList<>();
        private byte[] parity = new byte[64];
        private int carriers;

        static Observations of(Collection<String> numbers) {
            Observations o = new Observations();
            DecimalAnchor parser = new DecimalAnchor();
            Map<String, Integer> index = new HashMap<>();
            for (String s : numbers) {
                if (parser.parse(s)) {
                    o.add(parser, index);
                }
            }
            return o;
        }

        private void add(DecimalAnchor parser, Map<String, Integer> index) {
            carriers++;
            byte observed = (byte) (parser.lastDigit() & 1);
            String key = new String(parser.bytes(), 0, parser.length(),
                    StandardCharsets.ISO_8859_1);
            Integer known = index.putIfAbsent(key, anchors.size());
            if (known == null) {
                if (anchors.size() == parity.length) {
                    parity = Arrays.copyOf(parity, parity.length * 2);
                }
                parity[anchors.size()] = observed;
                anchors.add(Arrays.copyOf(parser.bytes(), parser.length()));
            } else if (parity[known] != observed) {
                parity[known] = MIXED;
            }
        }
    }
}
