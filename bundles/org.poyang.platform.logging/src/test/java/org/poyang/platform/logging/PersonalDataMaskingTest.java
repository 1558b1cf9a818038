package org.poyang.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Personal numbers never reach a log line (Art. 35). */
class PersonalDataMaskingTest {

    private static final Pattern RAW_ID = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    private static final Pattern RAW_MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final int[] W = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    static String idNumber(Random r) {
        StringBuilder b = new StringBuilder("360102");
        b.append(1950 + r.nextInt(70)).append(String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)));
        b.append(String.format("%03d", r.nextInt(1000)));
        int s = 0;
        for (int i = 0; i < 17; i++) {
            s += (b.charAt(i) - '0') * W[i];
        }
        return b.append("10X98765432".charAt(s % 11)).toString();
    }

    static String mobile(Random r) {
        return "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
    }

    @Test
    void identityNumbersMobilesAndLongDigitRunsAreMasked() {
        assertThat(PersonalDataMasking.mask("申请人 36010219900307123X 提交")).isEqualTo("申请人 360102********123X 提交");
        assertThat(PersonalDataMasking.mask("tel:13812345678;+8613912345678")).isEqualTo("tel:138****5678;+86139****5678");
        assertThat(PersonalDataMasking.mask("card 6222021234567890123")).isEqualTo("card 6222***********0123");
        assertThat(PersonalDataMasking.mask("Published REST /api/catalog/import (request bodies up to 67108864 bytes)"))
                .as("ordinary numbers stay").isEqualTo("Published REST /api/catalog/import (request bodies up to 67108864 bytes)");
        assertThat(PersonalDataMasking.mask("entry 101001/000123 at 1732712345678 ms")).isEqualTo("entry 101001/000123 at 1732712345678 ms");
        assertThat(PersonalDataMasking.mask("credit code 91110000600037341L")).as("erring on the side of privacy")
                .isEqualTo("credit code 9111*********7341L");
        assertThat(PersonalDataMasking.mask(null)).isNull();
    }

    /** Issue 4's property for log lines: 100,000 generated lines, messages and exceptions, no raw number. */
    @Test
    void propertyNoRawIdNumberOrMobileIn100000LogLines() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskedMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", MaskedThrowableConverter::new);
        layout.setPattern("%level %logger - %maskedMsg%n%maskedEx");
        layout.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("org.poyang.test");
        String[] glue = {"", " ", "，", ":", "号码", "（", "/", "的", "tel:", "+86", "86-"};
        Random r = new Random(20261127);
        for (int i = 0; i < 100_000; i++) {
            String id = idNumber(r);
            String mobile = mobile(r);
            Throwable failure = i % 10 == 0 ? new IllegalArgumentException("value " + id + " refused; call " + mobile) : null;
            LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "申请 {}" + glue[r.nextInt(glue.length)] + "{}{}",
                    failure, new Object[] {id, glue[r.nextInt(glue.length)], mobile});
            String line = layout.doLayout(event);
            assertThat(RAW_ID.matcher(line).find()).as(line).isFalse();
            assertThat(RAW_MOBILE.matcher(line).find()).as(line).isFalse();
            if (failure != null) {
                assertThat(line).contains("IllegalArgumentException");
            }
        }
    }
}
