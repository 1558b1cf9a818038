package org.poyang.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers in log text before it is written (Art. 35: the platform operator must not
 * leak personal information; log files are kept 180 days): mainland identity numbers (18
 * characters, masked as {@code 360102********123X}), mobile numbers with or without {@code +86}
 * ({@code 138****5678}), and any other run of 15 or more digits (bank cards, identity numbers glued
 * to other digits), of which the first 4 and last 4 stay. This is the logging layer's own net: the
 * security module masks data on its output paths with its full detectors.
 */
public final class PersonalDataMasking {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)((?:\\+?86[- ]?)?1[3-9]\\d)\\d{4}(\\d{4})(?!\\d)");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{15,}");

    private PersonalDataMasking() {
    }

    /** The text with every identity number, mobile and long digit run masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        boolean digits = false;
        for (int i = 0; i < text.length() && !digits; i++) {
            digits = Character.isDigit(text.charAt(i));
        }
        if (!digits) {
            return text;
        }
        String s = ID_NUMBER.matcher(text).replaceAll("$1********$2");
        s = MOBILE.matcher(s).replaceAll("$1****$2");
        Matcher m = LONG_DIGITS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            m.appendReplacement(out, run.substring(0, 4) + "*".repeat(run.length() - 8) + run.substring(run.length() - 4));
        }
        m.appendTail(out);
        return out.toString();
    }
}
