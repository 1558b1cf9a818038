package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.collect.api.CollectSettings.Cleaning;

/**
 * Cleaning and checking of single values (数据清洗与校验, Art. 13): trimming (ideographic space
 * included), full-width to half-width forms, dates, date-times, grouped numbers, booleans, GB 11643
 * identity numbers, mobile numbers, code tables and lengths counted in characters.
 */
class CleanerTest {

    private static final DataItem TEXT = StubCatalog.item("名称", DataType.STRING, null);
    private static final DataItem SHORT_TEXT = StubCatalog.item("简称", DataType.STRING, 5);
    private static final DataItem INTEGER = StubCatalog.item("数量", DataType.INTEGER, null);
    private static final DataItem DECIMAL = StubCatalog.item("金额", DataType.DECIMAL, null);
    private static final DataItem DATE = StubCatalog.item("登记日期", DataType.DATE, null);
    private static final DataItem DATETIME = StubCatalog.item("登记时间", DataType.DATETIME, null);
    private static final DataItem BOOLEAN = StubCatalog.item("有效", DataType.BOOLEAN, null);
    private static final DataItem BINARY = StubCatalog.item("附件", DataType.BINARY, null);
    private static final DataItem ID_NUMBER = StubCatalog.personal("公民身份号码", DataType.STRING, 18, SensitiveType.ID_NUMBER);
    private static final DataItem MOBILE = StubCatalog.personal("手机号码", DataType.STRING, 11, SensitiveType.MOBILE);
    private static final DataItem EMAIL = StubCatalog.personal("电子邮箱", DataType.STRING, 100, SensitiveType.EMAIL);
    private static final DataItem CREDIT_CODE = StubCatalog.item("统一社会信用代码", DataType.STRING, 18);

    /** Computed, not a real person's: Nanchang Donghu district, born 1990-03-07. */
    private static final String ID = TestIds.idNumber("360102", "19900307", "123");

    private static Object clean(DataItem item, String raw) throws Cleaner.Rejected {
        return Cleaner.clean(item, raw, Cleaning.ALL, null);
    }

    private static Cleaner.Rejected rejected(DataItem item, String raw, Cleaning cleaning, Map<String, String> codeTable) {
        try {
            Object v = Cleaner.clean(item, raw, cleaning, codeTable);
            return fail("expected '" + raw + "' to be rejected for " + item.name() + ", but it was cleaned to " + v);
        } catch (Cleaner.Rejected r) {
            assertThat(r.zh).isNotBlank();
            assertThat(r.en).isNotBlank();
            return r;
        }
    }

    private static Cleaner.Rejected rejected(DataItem item, String raw) {
        return rejected(item, raw, Cleaning.ALL, null);
    }

    // ------------------------------------------------------------------ trimming and empty cells

    /** Art. 13: blanks around a value go, ideographic space, no-break space and BOM included. */
    @Test
    void art13TrimmingRemovesAsciiIdeographicAndNoBreakBlanks() throws Exception {
        assertThat(clean(TEXT, " \u3000 江西省南昌市\u00A0\t\r\n")).isEqualTo("江西省南昌市");
        assertThat(clean(TEXT, "\uFEFF八一大道")).isEqualTo("八一大道");
        assertThat(clean(TEXT, "江西 南昌")).as("inner blanks stay").isEqualTo("江西 南昌");
        assertThat(Cleaner.strip("\u3000\u3000甲\u3000")).isEqualTo("甲");
        assertThat(clean(INTEGER, "\u3000 42 ")).isEqualTo(42L);
    }

    /** Art. 13: null, empty and (when trimming) blank values are empty cells; without trimming blanks are kept. */
    @Test
    void art13BlankValuesAreEmptyCells() throws Exception {
        assertThat(clean(TEXT, null)).isNull();
        assertThat(clean(TEXT, "")).isNull();
        assertThat(clean(TEXT, " \u3000 ")).isNull();
        assertThat(clean(DATE, "\u3000")).isNull();
        assertThat(Cleaner.empty("\u3000", Cleaning.ALL)).isTrue();
        assertThat(Cleaner.empty("\u3000", Cleaning.NONE)).isFalse();
        assertThat(Cleaner.clean(TEXT, "  甲 ", Cleaning.NONE, null)).isEqualTo("  甲 ");
    }

    // ------------------------------------------------------------------ full width

    /** Art. 13: full-width letters and digits become half width; Chinese punctuation in plain text is kept. */
    @Test
    void art13FullWidthLettersAndDigitsBecomeHalfWidthButChinesePunctuationStays() throws Exception {
        assertThat(clean(TEXT, "ＡＢＣ有限公司，第１２３号。")).isEqualTo("ABC有限公司，第123号。");
        assertThat(clean(TEXT, "（ｘ）：")).isEqualTo("（x）：");
        assertThat(Cleaner.halfWidthAlphanumerics("（１）")).isEqualTo("（1）");
        assertThat(Cleaner.halfWidth("（１２３）ＡＢ\u3000ｃ！")).isEqualTo("(123)AB c!");
        assertThat(Cleaner.halfWidth("no change")).isEqualTo("no change");
    }

    /** Art. 13: identifiers and typed values are folded entirely, punctuation included. */
    @Test
    void art13IdentifiersAndTypedValuesAreFoldedEntirely() throws Exception {
        assertThat(clean(INTEGER, "１２３")).isEqualTo(123L);
        assertThat(clean(DECIMAL, "１，２３４．５")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(clean(DATE, "２０２６／３／５")).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(clean(MOBILE, "１３９１２３４５６７８")).isEqualTo("13912345678");
        String fullWidthId = ID.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat);
        assertThat(clean(ID_NUMBER, fullWidthId)).isEqualTo(ID);
    }

    /** Without the step, full-width forms are left as sent. */
    @Test
    void withoutTheStepFullWidthFormsStay() throws Exception {
        assertThat(Cleaner.clean(TEXT, "ＡＢＣ", new Cleaning(true, false, true, true), null)).isEqualTo("ＡＢＣ");
    }

    // ------------------------------------------------------------------ dates and times

    /** Art. 13: the date forms agencies write are read as the same ISO date. */
    @ParameterizedTest
    @ValueSource(strings = {"2026/3/5", "2026年3月5日", "2026年03月05日", "20260305", "2026-03-05", "2026.3.5", "2026 年 3 月 5 日", "2026-3-5"})
    void art13DatesInTheUsualFormsAreNormalised(String raw) throws Exception {
        assertThat(clean(DATE, raw)).isEqualTo(LocalDate.of(2026, 3, 5));
    }

    /** Art. 13: impossible or unreadable dates are rejected. */
    @ParameterizedTest
    @ValueSource(strings = {"2026/2/30", "2026/13/1", "2026年3月", "5/3/2026", "二〇二六年三月五日", "2026030", "昨天",
        "2026-02-30", "2026-00-05", "2026-13-01", "2026-03-5x", "2026-0３-05x"})
    void art13InvalidDatesAreRejected(String raw) {
        assertThat(rejected(DATE, raw).en).contains("not a valid date");
    }

    /** Without date normalisation only ISO dates are accepted. */
    @Test
    void withoutDateNormalisationOnlyIsoDatesPass() throws Exception {
        Cleaning noDates = new Cleaning(true, true, false, true);
        assertThat(Cleaner.clean(DATE, "2026-03-05", noDates, null)).isEqualTo(LocalDate.of(2026, 3, 5));
        rejected(DATE, "2026/3/5", noDates, null);
    }

    /** Art. 13: date and time forms, with one-digit hours, seconds and fractions. */
    @Test
    void art13DateTimesAreNormalised() throws Exception {
        assertThat(clean(DATETIME, "2026-03-05 8:30")).isEqualTo(LocalDateTime.of(2026, 3, 5, 8, 30));
        assertThat(clean(DATETIME, "2026-03-05T08:30:15")).isEqualTo(LocalDateTime.of(2026, 3, 5, 8, 30, 15));
        assertThat(clean(DATETIME, "2026/3/5 08:30:15.5")).isEqualTo(LocalDateTime.of(2026, 3, 5, 8, 30, 15, 500_000_000));
        assertThat(clean(DATETIME, "2026年3月5日 8时30分15秒")).isEqualTo(LocalDateTime.of(2026, 3, 5, 8, 30, 15));
        assertThat(clean(DATETIME, "2026-03-05")).isEqualTo(LocalDateTime.of(2026, 3, 5, 0, 0));
        assertThat(rejected(DATETIME, "2026-03-05 25:00").en).contains("not a valid date and time");
        rejected(DATETIME, "2026-02-30 08:00");
        rejected(DATETIME, "2026-03-05 八点");
    }

    /** Art. 13: the Chinese hour-and-minute form without seconds (8时30分) is read like 8:30. */
    @Test
    void art13ChineseHoursAndMinutesWithoutSecondsAreRead() throws Exception {
        assertThat(clean(DATETIME, "2026年3月5日 8时30分")).isEqualTo(LocalDateTime.of(2026, 3, 5, 8, 30));
    }

    // ------------------------------------------------------------------ numbers and booleans

    /** Art. 13: thousands separators go; decimals keep their value. */
    @Test
    void art13GroupedNumbersAreNormalised() throws Exception {
        Object v = clean(DECIMAL, "1,234,567.50");
        assertThat(v).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) v).isEqualByComparingTo("1234567.5");
        assertThat(Values.text(v)).isEqualTo("1234567.5");
        assertThat(clean(DECIMAL, "+3.10")).isEqualTo(new BigDecimal("3.1"));
        assertThat(clean(DECIMAL, "-0.125")).isEqualTo(new BigDecimal("-0.125"));
        assertThat(clean(INTEGER, "1,234")).isEqualTo(1234L);
        assertThat(clean(INTEGER, "+42")).isEqualTo(42L);
        assertThat(clean(INTEGER, "-7")).isEqualTo(-7L);
    }

    /** Art. 13: malformed numbers, fractions for integers, too many decimals and overflow are rejected. */
    @Test
    void art13InvalidNumbersAreRejected() {
        assertThat(rejected(INTEGER, "1,23").en).contains("not an integer");
        assertThat(rejected(INTEGER, "1.5").en).contains("not an integer");
        assertThat(rejected(INTEGER, "12abc").en).contains("not an integer");
        for (String sign : List.of("+", "-", "+-5", "--5", "4 2", "٤٢", "0x1F")) {
            assertThat(rejected(INTEGER, sign).en).as(sign).contains("not an integer");
        }
        assertThat(rejected(INTEGER, "9223372036854775808").en).contains("out of range");
        assertThat(rejected(DECIMAL, "1.2.3").en).contains("not a number");
        assertThat(rejected(DECIMAL, "0.123456789").en).contains("decimal places");
        assertThat(rejected(DECIMAL, "1" + "0".repeat(23)).en).contains("out of range");
        rejected(INTEGER, "1,234", new Cleaning(true, true, true, false), null);
    }

    /** Art. 13: 是/否 and the usual English forms are booleans; anything else is rejected. */
    @Test
    void art13BooleansIncludeShiAndFou() throws Exception {
        assertThat(clean(BOOLEAN, "是")).isEqualTo(true);
        assertThat(clean(BOOLEAN, "否")).isEqualTo(false);
        assertThat(clean(BOOLEAN, " 是 ")).isEqualTo(true);
        assertThat(clean(BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(clean(BOOLEAN, "n")).isEqualTo(false);
        assertThat(clean(BOOLEAN, "１")).isEqualTo(true);
        assertThat(clean(BOOLEAN, "0")).isEqualTo(false);
        assertThat(rejected(BOOLEAN, "也许").en).contains("not a boolean");
        rejected(BOOLEAN, "2");
    }

    // ------------------------------------------------------------------ identity and mobile numbers

    /** The test's own check-character arithmetic agrees with GB 11643's published rule (weights mod 11, "10X98765432"). */
    @Test
    void computedIdentityNumbersFollowTheStandard() {
        // sum of digit × weight for 36010219900307123: check it by hand once
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String first17 = "36010219900307123";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        assertThat(ID).hasSize(18).startsWith(first17).endsWith(String.valueOf("10X98765432".charAt(sum % 11)));
        assertThat(TestIds.idNumberEndingInX("360102", "19851224")).endsWith("X");
    }

    /** Art. 13: GB 11643: 18 characters, the right check character and a real date of birth. */
    @Test
    void art13IdentityNumbersAreCheckedByGb11643() throws Exception {
        assertThat(clean(ID_NUMBER, ID)).isEqualTo(ID);
        assertThat(clean(ID_NUMBER, " " + ID + "\u3000")).isEqualTo(ID);
        String x = TestIds.idNumberEndingInX("360102", "19851224");
        assertThat(clean(ID_NUMBER, x)).isEqualTo(x);
        assertThatCode(() -> Cleaner.idNumber(TestIds.idNumber("360102", "20000229", "001"))).doesNotThrowAnyException();

        assertThat(rejected(ID_NUMBER, TestIds.withWrongCheck(ID)).en).contains("wrong check character");
        assertThat(rejected(ID_NUMBER, TestIds.withWrongCheck(ID)).zh).contains("校验位");
        assertThat(rejected(ID_NUMBER, "360102900307123").en).as("15-digit old form").contains("18 characters");
        assertThat(rejected(ID_NUMBER, "36010219900307A23" + "1").en).contains("18 characters");
        assertThat(rejected(ID_NUMBER, TestIds.idNumber("360102", "19901301", "123")).en).contains("date of birth");
        assertThat(rejected(ID_NUMBER, TestIds.idNumber("360102", "19900229", "123")).en).contains("date of birth");
    }

    /** Art. 13: an identity number sent with a lower-case x is stored in the standard form, with X. */
    @Test
    void art13ALowerCaseXInAnIdentityNumberIsStoredAsX() throws Exception {
        String x = TestIds.idNumberEndingInX("360102", "19851224");
        assertThat(clean(ID_NUMBER, x.substring(0, 17) + "x")).isEqualTo(x);
    }

    /** Art. 13: mobile numbers are 11 digits starting 13-19. */
    @Test
    void art13MobileNumbersAreChecked() throws Exception {
        assertThat(clean(MOBILE, "13912345678")).isEqualTo("13912345678");
        assertThat(clean(MOBILE, "19912345678")).isEqualTo("19912345678");
        assertThat(rejected(MOBILE, "12912345678").en).contains("not a valid mobile number");
        rejected(MOBILE, "1391234567");
        rejected(MOBILE, "139123456789");
        rejected(MOBILE, "0791-8888888");
    }

    /** Art. 13: e-mail addresses, unified social credit codes and Base64 binaries are checked too. */
    @Test
    void art13OtherIdentifiersAreChecked() throws Exception {
        assertThat(clean(EMAIL, "zhang.san@example.cn")).isEqualTo("zhang.san@example.cn");
        assertThat(rejected(EMAIL, "zhang.san@example").en).contains("e-mail");
        String code = TestIds.creditCode("11360100MB0000001");
        assertThat(clean(CREDIT_CODE, code)).isEqualTo(code);
        assertThat(rejected(CREDIT_CODE, code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0')).en).contains("GB 32100");
        // the item is known by its name's key: blanks and full-width forms in the name do not hide it
        DataItem spaced = StubCatalog.item("统一社会 信用代码", DataType.STRING, 18);
        assertThat(rejected(spaced, code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0')).en).contains("GB 32100");
        assertThat(clean(BINARY, "AAEC")).isEqualTo("AAEC");
        assertThat(rejected(BINARY, "不是Base64").en).contains("Base64");
    }

    // ------------------------------------------------------------------ lengths, encodings, code tables

    /** Art. 13: lengths count characters (code points), not bytes or UTF-16 units, and apply after trimming. */
    @Test
    void art13LengthLimitsCountCharacters() throws Exception {
        assertThat(clean(SHORT_TEXT, "江西省南昌")).isEqualTo("江西省南昌");
        assertThat(clean(SHORT_TEXT, "  江西省南昌\u3000")).isEqualTo("江西省南昌");
        assertThat(clean(SHORT_TEXT, "𠀀𠀁𠀂𠀃𠀄")).as("five characters outside the BMP").isEqualTo("𠀀𠀁𠀂𠀃𠀄");
        Cleaner.Rejected r = rejected(SHORT_TEXT, "江西省南昌市");
        assertThat(r.en).contains("length 6 exceeds the limit of 5");
        assertThat(r.zh).contains("长度 6");
        assertThat(clean(TEXT, "字".repeat(Cleaner.DEFAULT_MAX_LENGTH))).asString().hasSize(Cleaner.DEFAULT_MAX_LENGTH);
        rejected(TEXT, "字".repeat(Cleaner.DEFAULT_MAX_LENGTH + 1));
    }

    /** Art. 13: U+FFFD (GBK sent as UTF-8) and control characters are rejected; tabs and line breaks in text are not. */
    @Test
    void art13ReplacementAndControlCharactersAreRejected() throws Exception {
        Cleaner.Rejected r = rejected(TEXT, "南\uFFFD\uFFFD昌");
        assertThat(r.en).contains("U+FFFD").contains("GBK");
        assertThat(r.zh).contains("编码");
        assertThat(rejected(INTEGER, "4\uFFFD2").en).contains("U+FFFD");
        assertThat(rejected(TEXT, "甲\u0001乙").en).contains("control characters");
        assertThat(clean(TEXT, "第一行\n第二行\t完")).isEqualTo("第一行\n第二行\t完");
    }

    /** Art. 13: a code table turns values into codes, accepts the codes themselves and rejects the rest. */
    @Test
    void art13CodeTablesMapValuesToCodes() throws Exception {
        Map<String, String> sex = Map.of("男", "1", "女", "2");
        DataItem item = StubCatalog.item("性别", DataType.STRING, 1);
        assertThat(Cleaner.clean(item, "男", Cleaning.ALL, sex)).isEqualTo("1");
        assertThat(Cleaner.clean(item, " 女 ", Cleaning.ALL, sex)).isEqualTo("2");
        assertThat(Cleaner.clean(item, "2", Cleaning.ALL, sex)).isEqualTo("2");
        assertThat(Cleaner.clean(item, "１", Cleaning.ALL, sex)).as("codes are identifiers: folded").isEqualTo("1");
        assertThat(rejected(item, "未知", Cleaning.ALL, sex).en).contains("not in the code table");
        assertThat(rejected(item, "3", Cleaning.ALL, sex).zh).contains("代码表");
    }
}
