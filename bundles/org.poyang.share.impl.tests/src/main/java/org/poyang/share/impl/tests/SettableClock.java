package org.poyang.share.impl.tests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A clock the tests move, registered as a {@link Clock} service so that the case workflow's
 * working-day clock runs on it. Times are China Standard Time.
 */
final class SettableClock extends Clock {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private volatile Instant now;

    SettableClock(LocalDate day, LocalTime time) {
        set(day, time);
    }

    /** Moves the clock to {@code time} on {@code day}, China Standard Time. */
    void set(LocalDate day, LocalTime time) {
        now = day.atTime(time).atZone(CHINA).toInstant();
    }

    static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(CHINA).toInstant();
    }

    @Override
    public ZoneId getZone() {
        return CHINA;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(CHINA) ? this : Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public String toString() {
        return "SettableClock[" + now + "]";
    }
}
