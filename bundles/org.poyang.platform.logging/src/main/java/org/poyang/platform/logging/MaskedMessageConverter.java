package org.poyang.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %maskedMsg}: the log message with personal numbers masked ({@link PersonalDataMasking}). */
public final class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMasking.mask(super.convert(event));
    }
}
