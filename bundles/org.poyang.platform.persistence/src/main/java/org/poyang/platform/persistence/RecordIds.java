package org.poyang.platform.persistence;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * Random identifiers of stored records (记录编号): a prefix naming the kind of record, then random
 * bytes in hexadecimal, such as {@code case_3f09a1...}.
 * <p>
 * An identifier never holds a run of {@value #MAX_DIGIT_RUN} or more decimal digits. The audit trail
 * masks free text that looks like personal data before it stores it (Art. 30, 35): a run of 11 digits
 * may be a mobile number, 15 or more an identity or bank-card number. Plain random hex has a run of 11
 * or more digits in about one identifier in 60 (8 bytes) or 40 (10 bytes); written into an audit
 * detail, such an identifier may be masked, and the record of what was done to it could no longer be
 * found by it. Such draws are redrawn, which costs less than 0.04 of the 64 or more random bits.
 */
public final class RecordIds {

    /** The shortest run of decimal digits the audit trail's masking may take for personal data. */
    public static final int MAX_DIGIT_RUN = 11;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    /**
     * A new identifier: {@code prefix} then {@code bytes} random bytes in lower-case hexadecimal.
     *
     * @param bytes 8 or more; 8 bytes give 64 random bits
     */
    public static String random(String prefix, int bytes) {
        return random(prefix, bytes, RANDOM);
    }

    /** As {@link #random(String, int)}, drawing from {@code source} (tests give a seeded one). */
    static String random(String prefix, int bytes, Random source) {
        if (bytes < 8) {
            throw new IllegalArgumentException("a record identifier needs at least 8 random bytes, not " + bytes);
        }
        byte[] b = new byte[bytes];
        String hex;
        do {
            source.nextBytes(b);
            hex = HexFormat.of().formatHex(b);
        } while (longestDigitRun(hex) >= MAX_DIGIT_RUN);
        return prefix + hex;
    }

    /** The length of the longest run of decimal digits in {@code s}. */
    static int longestDigitRun(CharSequence s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
