package org.poyang.collect.impl.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.collect.api.CollectSettings.Cleaning;

/**
 * Cleaning and checking of one delivered value (数据清洗与校验, Art. 13): the configured cleaning
 * steps, then the item's type, length, check characters and code table. The result is the value
 * as stored (String, Long, BigDecimal, LocalDate, LocalDateTime, Boolean), or a {@link Rejected}
 * naming the reason in Chinese and English.
 */
final class Cleaner {

    /** Longest text stored for a string item that declares no length. */
    static final int DEFAULT_MAX_LENGTH = 4000;
    /** Digits kept after the decimal point of decimal items. */
    static final int DECIMAL_SCALE = 8;
    /** Digits of a decimal item in all. */
    static final int DECIMAL_PRECISION = 31;

    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern YMD_COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Item names by whether they name a credit code item; bounded, since names come from the catalog. */
    private static final Map<String, Boolean> CREDIT_CODE_ITEMS = new ConcurrentHashMap<>();
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private Cleaner() {
    }

    /** A value that fails a check. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final String zh;
        final String en;

        Rejected(String zh, String en) {
            super(en, null, false, false);
            this.zh = zh;
            this.en = en;
        }
    }

    /** Whether the raw value counts as an empty cell (after trimming, when trimming is on). */
    static boolean empty(String raw, Cleaning cleaning) {
        return raw == null || (cleaning.trim() ? strip(raw).isEmpty() : raw.isEmpty());
    }

    /**
     * The stored value of {@code raw} for {@code item}, or null for an empty cell.
     *
     * @param codeTable value as sent to stored code, or null when the item has none
     */
    static Object clean(DataItem item, String raw, Cleaning cleaning, Map<String, String> codeTable) throws Rejected {
        if (raw == null) {
            return null;
        }
        if (raw.indexOf('\uFFFD') >= 0) {
            throw new Rejected("含有无法识别的字符（U+FFFD），可能是编码错误，例如以 UTF-8 发送了 GBK 文本",
                    "contains U+FFFD replacement characters: wrong encoding (GBK text sent as UTF-8?)");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw new Rejected("含有控制字符", "contains control characters");
            }
        }
        String v = raw;
        if (cleaning.trim()) {
            v = strip(v);
        }
        boolean identifier = item.dataType() != DataType.STRING || identifierLike(item.sensitiveType()) || codeTable != null;
        if (cleaning.fullWidthToHalfWidth()) {
            v = identifier ? halfWidth(v) : halfWidthAlphanumerics(v);
        }
        if (v.isEmpty()) {
            return null;
        }
        if (codeTable != null) {
            String code = codeTable.get(v);
            if (code == null && !codeTable.containsValue(v)) {
                throw new Rejected("“" + abbreviate(v) + "”不在代码表中", "'" + abbreviate(v) + "' is not in the code table");
            }
            v = code == null ? v : code;
        }
        return switch (item.dataType()) {
            case STRING -> text(item, v);
            case INTEGER -> integer(v, cleaning);
            case DECIMAL -> decimal(v, cleaning);
            case DATE -> date(v, cleaning);
            case DATETIME -> dateTime(v, cleaning);
            case BOOLEAN -> bool(v);
            case BINARY -> binary(v);
        };
    }

    private static boolean identifierLike(SensitiveType t) {
        return switch (t) {
            case ID_NUMBER, MOBILE, BANK_CARD, LICENCE_PLATE, EMAIL -> true;
            default -> false;
        };
    }

    private static String text(DataItem item, String value) throws Rejected {
        String v = value;
        int max = item.length() == null ? DEFAULT_MAX_LENGTH : Math.min(item.length(), DEFAULT_MAX_LENGTH);
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            throw new Rejected("长度 " + length + " 超过上限 " + max, "length " + length + " exceeds the limit of " + max);
        }
        switch (item.sensitiveType()) {
            case ID_NUMBER -> v = idNumber(v);
            case MOBILE -> {
                if (!MOBILE.matcher(v).matches()) {
                    throw new Rejected("不是有效的手机号码", "not a valid mobile number");
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(v).matches()) {
                    throw new Rejected("不是有效的电子邮箱", "not a valid e-mail address");
                }
            }
            default -> {
            }
        }
        if (creditCodeItem(item)) {
            try {
                CreditCode.parse(v);
            } catch (InvalidIdentifierException e) {
                throw new Rejected("统一社会信用代码无效（GB 32100）", "invalid unified social credit code (GB 32100)");
            }
        }
        return v;
    }

    /** Whether the item holds unified social credit codes, by its name (looked up once a name: its normalisation costs more than the check). */
    private static boolean creditCodeItem(DataItem item) {
        Boolean known = CREDIT_CODE_ITEMS.get(item.name());
        if (known == null) {
            known = DataItem.key(item.name()).contains("统一社会信用代码");
            if (CREDIT_CODE_ITEMS.size() < 10_000) {
                CREDIT_CODE_ITEMS.put(item.name(), known);
            }
        }
        return known;
    }

    /**
     * GB 11643: 18 characters, a real date of birth and the right check character; returns the
     * number with its check character upper-case, so that {@code ...x} and {@code ...X} are one person.
     */
    static String idNumber(String v) throws Rejected {
        if (v.length() != 18 || !v.substring(0, 17).chars().allMatch(Character::isDigit)) {
            throw new Rejected("公民身份号码应为 18 位（GB 11643）", "an identity number has 18 characters (GB 11643)");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (v.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        char expected = ID_CHECK.charAt(sum % 11);
        if (Character.toUpperCase(v.charAt(17)) != expected) {
            throw new Rejected("公民身份号码校验位错误（GB 11643）", "wrong check character in the identity number (GB 11643)");
        }
        try {
            LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)), Integer.parseInt(v.substring(12, 14)));
        } catch (java.time.DateTimeException e) {
            throw new Rejected("公民身份号码中的出生日期无效", "the date of birth in the identity number is not a date");
        }
        return v.toUpperCase(java.util.Locale.ROOT);
    }

    private static Long integer(String v, Cleaning cleaning) throws Rejected {
        String s = cleaning.normaliseNumbers() ? ungroup(v) : v;
        if (!integerDigits(s)) {
            throw new Rejected("“" + abbreviate(v) + "”不是整数", "'" + abbreviate(v) + "' is not an integer");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new Rejected("整数超出范围", "integer out of range");
        }
    }

    /** What {@code [+-]?\d+} matches (ASCII digits), without a regular expression: it runs for every integer cell. */
    private static boolean integerDigits(String s) {
        int from = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (from == s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal decimal(String v, Cleaning cleaning) throws Rejected {
        String s = cleaning.normaliseNumbers() ? ungroup(v) : v;
        BigDecimal d;
        try {
            d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new Rejected("“" + abbreviate(v) + "”不是数值", "'" + abbreviate(v) + "' is not a number");
        }
        d = d.stripTrailingZeros();
        if (d.scale() > DECIMAL_SCALE) {
            throw new Rejected("小数位数超过 " + DECIMAL_SCALE, "more than " + DECIMAL_SCALE + " decimal places");
        }
        if (d.precision() - d.scale() > DECIMAL_PRECISION - DECIMAL_SCALE) {
            throw new Rejected("数值超出范围", "number out of range");
        }
        return d;
    }

    private static String ungroup(String v) {
        return v.indexOf(',') >= 0 && GROUPED.matcher(v).matches() ? v.replace(",", "") : v;
    }

    private static LocalDate date(String v, Cleaning cleaning) throws Rejected {
        try {
            if (!cleaning.normaliseDates()) {
                return LocalDate.parse(v);
            }
            if (isoDate(v)) { // the common yyyy-MM-dd, which YMD also matches, read without the expression
                return LocalDate.of(digits(v, 0, 4), digits(v, 5, 7), digits(v, 8, 10));
            }
            Matcher m = YMD.matcher(v);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = YMD_COMPACT.matcher(v);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            // fall through to the rejection
        }
        throw new Rejected("“" + abbreviate(v) + "”不是有效日期", "'" + abbreviate(v) + "' is not a valid date");
    }

    private static boolean isoDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = v.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }

    private static LocalDateTime dateTime(String v, Cleaning cleaning) throws Rejected {
        try {
            if (!cleaning.normaliseDates()) {
                return LocalDateTime.parse(v);
            }
            String s = v.replace('T', ' ');
            int space = s.indexOf(' ');
            if (space < 0) {
                return date(s, cleaning).atStartOfDay();
            }
            LocalDate d = date(s.substring(0, space), cleaning);
            // 8时30分[15秒] reads as 8:30[:15]
            String time = s.substring(space).strip().replace('时', ':').replace('分', ':').replace("秒", "");
            Matcher t = TIME.matcher(time.endsWith(":") ? time.substring(0, time.length() - 1) : time);
            if (t.matches()) {
                int nanos = t.group(4) == null ? 0 : Integer.parseInt((t.group(4) + "000000000").substring(0, 9));
                return d.atTime(LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
                        t.group(3) == null ? 0 : Integer.parseInt(t.group(3)), nanos));
            }
        } catch (java.time.DateTimeException | Rejected e) {
            // fall through to the rejection
        }
        throw new Rejected("“" + abbreviate(v) + "”不是有效的日期时间", "'" + abbreviate(v) + "' is not a valid date and time");
    }

    private static Boolean bool(String v) throws Rejected {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "y", "yes", "是" -> Boolean.TRUE;
            case "false", "0", "n", "no", "否" -> Boolean.FALSE;
            default -> throw new Rejected("“" + abbreviate(v) + "”不是布尔值（是/否）", "'" + abbreviate(v) + "' is not a boolean (true/false)");
        };
    }

    private static String binary(String v) throws Rejected {
        try {
            Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new Rejected("二进制值应为 Base64 编码", "binary values are sent Base64-encoded");
        }
        if (v.length() > DEFAULT_MAX_LENGTH * 8) {
            throw new Rejected("二进制值过大", "binary value too large");
        }
        return v;
    }

    /** Trims ASCII and ideographic blanks and no-break spaces. */
    static String strip(String v) {
        int b = 0;
        int e = v.length();
        while (b < e && blank(v.charAt(b))) {
            b++;
        }
        while (e > b && blank(v.charAt(e - 1))) {
            e--;
        }
        return v.substring(b, e);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || c == '\u3000' || c == '\u00A0' || c == '\uFEFF';
    }

    /** Every full-width ASCII form (U+FF01..U+FF5E) and the ideographic space to half width. */
    static String halfWidth(String v) {
        return halfWidth(v, false);
    }

    /**
     * Only full-width letters and digits to half width: Chinese text keeps its full-width
     * punctuation (，。：), which is correct there.
     */
    static String halfWidthAlphanumerics(String v) {
        return halfWidth(v, true);
    }

    private static String halfWidth(String v, boolean alphanumericsOnly) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            char h = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                boolean alnum = (c >= '\uFF10' && c <= '\uFF19') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A');
                h = !alphanumericsOnly || alnum ? (char) (c - 0xFEE0) : c;
            } else if (c == '\u3000' && !alphanumericsOnly) {
                h = ' ';
            }
            if (h != c && sb == null) {
                sb = new StringBuilder(v.substring(0, i));
            }
            if (sb != null) {
                sb.append(h);
            }
        }
        return sb == null ? v : sb.toString();
    }

    static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
