package org.poyang.collect.impl.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.platform.calendar.WorkingDayCalendar;

/**
 * When an entry's next delivery is due (数据时效, Art. 13, 41), from the update frequency it declares
 * and its last delivery (or, before the first, its publication):
 * <ul>
 * <li>real time: 15 minutes after the last delivery;</li>
 * <li>daily: by the end of the next working day, so a Friday delivery is due by Monday night and a
 * delivery before a holiday by the end of the first working day after it (make-up Saturdays are
 * working days);</li>
 * <li>weekly, monthly, quarterly, yearly: 7 days, 1, 3 or 12 months later, moved to the end of the
 * next working day when that day is not one;</li>
 * <li>irregular: never due.</li>
 * </ul>
 * Days are days in China Standard Time. For a year the working-day calendar does not know yet (its
 * notice not loaded), Monday to Friday count as working days, so that monitoring goes on; the
 * operator's guide says to load each year's notice in time.
 */
final class FreshnessClock {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final WorkingDayCalendar calendar;

    FreshnessClock(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** When the next delivery is due, or empty when the entry is irregular. */
    Optional<Instant> dueBy(CatalogEntry e, Instant lastDelivery, Instant now) {
        UpdateFrequency f = e.updateFrequency();
        if (f == null || f == UpdateFrequency.IRREGULAR) {
            return Optional.empty();
        }
        Instant base = lastDelivery;
        if (base == null) {
            base = e.publishedOn() == null ? now : e.publishedOn().atStartOfDay(CHINA).toInstant();
        }
        if (f == UpdateFrequency.REAL_TIME) {
            return Optional.of(base.plus(f.longestInterval().orElseThrow()));
        }
        LocalDate day = base.atZone(CHINA).toLocalDate();
        LocalDate due = switch (f) {
            case DAILY -> nextWorkingDay(day);
            case WEEKLY -> onOrAfter(day.plusWeeks(1));
            case MONTHLY -> onOrAfter(day.plusMonths(1));
            case QUARTERLY -> onOrAfter(day.plusMonths(3));
            case YEARLY -> onOrAfter(day.plusYears(1));
            default -> throw new IllegalStateException(f.name());
        };
        return Optional.of(due.plusDays(1).atStartOfDay(CHINA).toInstant());
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!working(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private LocalDate onOrAfter(LocalDate day) {
        return working(day) ? day : nextWorkingDay(day);
    }

    private boolean working(LocalDate d) {
        if (calendar.knownYears().contains(d.getYear())) {
            return calendar.isWorkingDay(d);
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
