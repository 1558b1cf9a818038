package org.poyang.catalog.api;

import java.util.Objects;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identifier of
 * every agency (公共管理和服务机构) in the catalog (Art. 6, 9).
 * <p>
 * Checked here: length, the code's character set (digits and capital letters without I, O, S, V,
 * Z), the registration authority (first character), the institution category (second), the
 * six-digit administrative region of registration (third to eighth) and the check character
 * (eighteenth), computed with the weights and modulus 31 of GB 32100. The organisation code in
 * positions 9-17 is not re-checked against GB 11714, whose check digit some registries never
 * issued consistently; refusing a real agency would be worse than accepting it.
 *
 * @param value the canonical form: upper case, no spaces
 */
public record CreditCode(String value) {

    /** The 31 characters a code may use, in the order of their values. */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    /** Registration authorities of GB 32100 table 1: 1-9, A (military), N (agriculture), Y (other). */
    private static final String AUTHORITIES = "123456789ANY";

    public CreditCode {
        Objects.requireNonNull(value, "value");
        check(value);
    }

    /**
     * Parses a code as an agency data officer types it: surrounding spaces are dropped and lower-case
     * letters accepted.
     *
     * @throws InvalidIdentifierException naming what is wrong
     */
    public static CreditCode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException("creditCode", "统一社会信用代码不能为空", "the unified social credit code is required");
        }
        return new CreditCode(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** The registration administration's region of the agency (third to eighth character). */
    public String registrationRegion() {
        return value.substring(2, 8);
    }

    /** The check character that the first seventeen characters call for. */
    static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }

    private static void check(String v) {
        if (v.length() != 18) {
            throw new InvalidIdentifierException("creditCode", "统一社会信用代码应为 18 位，实为 " + v.length() + " 位",
                    "a unified social credit code has 18 characters, this one has " + v.length());
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(v.charAt(i)) < 0) {
                throw new InvalidIdentifierException("creditCode", "第 " + (i + 1) + " 位字符 '" + v.charAt(i) + "' 不属于 GB 32100 字符集",
                        "character " + (i + 1) + " '" + v.charAt(i) + "' is not in the GB 32100 character set");
            }
        }
        if (AUTHORITIES.indexOf(v.charAt(0)) < 0) {
            throw new InvalidIdentifierException("creditCode", "第 1 位登记管理部门代码 '" + v.charAt(0) + "' 无效",
                    "registration authority '" + v.charAt(0) + "' (character 1) is not defined by GB 32100");
        }
        if (v.charAt(1) < '1' || v.charAt(1) > '9') {
            throw new InvalidIdentifierException("creditCode", "第 2 位机构类别代码 '" + v.charAt(1) + "' 无效",
                    "institution category '" + v.charAt(1) + "' (character 2) must be 1-9");
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(v.charAt(i))) {
                throw new InvalidIdentifierException("creditCode", "第 3-8 位应为登记管理机关行政区划码（6 位数字）",
                        "characters 3-8 must be the six-digit region code of the registration office");
            }
        }
        char expected = checkCharacter(v);
        if (v.charAt(17) != expected) {
            throw new InvalidIdentifierException("creditCode", "校验码错误：第 18 位应为 '" + expected + "'，实为 '" + v.charAt(17) + "'",
                    "wrong check character: character 18 should be '" + expected + "', not '" + v.charAt(17) + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
