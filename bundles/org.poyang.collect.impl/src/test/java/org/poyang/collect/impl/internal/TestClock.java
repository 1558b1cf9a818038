package org.poyang.collect.impl.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets by hand. */
final class TestClock extends Clock {

    private volatile Instant now;

    TestClock(Instant now) {
        this.now = now;
    }

    void set(Instant instant) {
        this.now = instant;
    }

    /** Sets the clock to a wall-clock time in China Standard Time. */
    void setChina(String localDateTime) {
        this.now = china(localDateTime);
    }

    /** The instant of a wall-clock time in China Standard Time, e.g. {@code 2026-03-06T10:00}. */
    static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(FreshnessClock.CHINA).toInstant();
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
