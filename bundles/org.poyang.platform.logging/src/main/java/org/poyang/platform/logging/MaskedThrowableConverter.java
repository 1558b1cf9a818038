package org.poyang.platform.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %maskedEx}: stack traces with personal numbers masked: an exception's message may quote
 * the value that failed (a constraint violation, a parse error).
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMasking.mask(super.convert(event));
    }
}
