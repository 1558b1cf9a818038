package org.poyang.share.impl.internal;

/**
 * Allocation-free parser that reduces a plain decimal string to its watermark <em>anchor</em>
 * and last significant digit.
 *
 * <p>Part of the data watermark that implements Article 24 of the Jiangxi Public Data
 * Management Measures (shared data must only be used for the granted purpose and must not be
 * passed on): the anchor is the part of a decimal value the watermark never changes, so the
 * same anchor can be found again in a leaked copy.
 *
 * <p>For a value {@code d = new BigDecimal(s).stripTrailingZeros()} with {@code d.scale() > 0},
 * {@code u = |d.unscaledValue()|}, the anchor is the UTF-8 string
 * {@code signum + "|" + (u / 10) + "|" + scale}; the last significant digit is {@code u mod 10}
 * (never 0). This class computes exactly that without creating a {@code BigDecimal}. Only plain
 * decimal strings are accepted: an optional sign, digits, an optional point and digits; no
 * exponent, no spaces, no separators.
 *
 * <p>Instances are mutable (the result of the last {@link #parse} is kept in fields and a
 * reused buffer) and must be confined to one thread.
 */
final class DecimalAnchor {

    private byte[] buffer = new byte[64];
    private int length;
    private int lastDigitIndex;
    private int lastDigit;

    /**
     * Parses {@code s}.
     *
     * @return {@code true} if {@code s} is a plain decimal with a non-zero fractional part (a
     *     carrier); then {@link #bytes()}, {@link #length()}, {@link #lastDigit()} and
     *     {@link #lastDigitIndex()} describe it. {@code false} for null, blank, non-plain or
     *     whole values.
     */
    boolean parse(CharSequence s) {
        if (s == null) {
            return false;
        }
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        boolean negative = false;
        char first = s.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i++;
        }
        int intStart = i;
        while (i < len && isDigit(s.charAt(i))) {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < len && s.charAt(i) == '.') {
            i++;
            fracStart = i;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
            }
            fracEnd = i;
        }
        if (i != len || (intEnd == intStart && fracEnd == fracStart)) {
            return false;
        }
        int lastSig = fracEnd - 1;
        while (lastSig >= fracStart && s.charAt(lastSig) == '0') {
            lastSig--;
        }
        if (lastSig < fracStart) {
            return false;
        }
        lastDigitIndex = lastSig;
        lastDigit = s.charAt(lastSig) - '0';
        writeAnchor(s, negative, intStart, intEnd, fracStart, lastSig);
        return true;
    }

    private void writeAnchor(CharSequence s, boolean negative, int intStart, int intEnd,
            int fracStart, int lastSig) {
        int scale = lastSig - fracStart + 1;
        ensureCapacity(3 + (intEnd - intStart) + scale + 12);
        int p = 0;
        if (negative) {
            buffer[p++] = '-';
        }
        buffer[p++] = '1';
        buffer[p++] = '|';
        boolean leading = true;
        for (int k = intStart; k < intEnd; k++) {
            char c = s.charAt(k);
            if (leading && c == '0') {
                continue;
            }
            leading = false;
            buffer[p++] = (byte) c;
        }
        for (int k = fracStart; k < lastSig; k++) {
            char c = s.charAt(k);
            if (leading && c == '0') {
                continue;
            }
            leading = false;
            buffer[p++] = (byte) c;
        }
        if (leading) {
            buffer[p++] = '0';
        }
        buffer[p++] = '|';
        length = writeInt(p, scale);
    }

    private int writeInt(int p, int value) {
        if (value < 10) {
            buffer[p++] = (byte) ('0' + value);
            return p;
        }
        String digits = Integer.toString(value);
        for (int k = 0; k < digits.length(); k++) {
            buffer[p++] = (byte) digits.charAt(k);
        }
        return p;
    }

    private void ensureCapacity(int needed) {
        if (buffer.length < needed) {
            buffer = new byte[Math.max(needed, buffer.length * 2)];
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The anchor bytes of the last successful parse; valid up to {@link #length()}. */
    byte[] bytes() {
        return buffer;
    }

    /** Number of valid bytes in {@link #bytes()}. */
    int length() {
        return length;
    }

    /** The last significant digit (1..9) of the last successful parse. */
    int lastDigit() {
        return lastDigit;
    }

    /** Index in the parsed string of the last significant digit. */
    int lastDigitIndex() {
        return lastDigitIndex;
    }
}
