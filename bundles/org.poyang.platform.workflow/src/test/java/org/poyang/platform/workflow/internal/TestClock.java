package org.poyang.platform.workflow.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets by hand; wall-clock times are given in China Standard Time. */
final class TestClock extends Clock {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private volatile Instant now;

    TestClock(Instant now) {
        this.now = now;
    }

    void set(Instant instant) {
        this.now = instant;
    }

    /** Sets the clock to a wall-clock time in China Standard Time, e.g. {@code 2026-09-30T10:00}. */
    void setChina(String localDateTime) {
        this.now = china(localDateTime);
    }

    /** The instant of a wall-clock time in China Standard Time, e.g. {@code 2026-03-06T10:00}. */
    static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
