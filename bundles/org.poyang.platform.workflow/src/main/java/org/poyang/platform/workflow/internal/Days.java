package org.poyang.platform.workflow.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.poyang.platform.calendar.UnknownYearException;
import org.poyang.platform.calendar.WorkingDayCalendar;

/**
 * Working-day arithmetic for case clocks. A day of a year whose holiday notice is not loaded counts as
 * a working day when it is Monday to Friday, and the result says it is provisional: a case received in
 * late December still gets a deadline, which is recomputed once the next year's notice arrives. The
 * calendar itself never guesses; only this clock does, and it says so.
 */
final class Days {

    /** A date and whether it relied on an unknown year. */
    record Result(LocalDate date, int days, boolean provisional) {
    }

    private final WorkingDayCalendar calendar;

    Days(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** The day {@code n} working days after {@code from} (from itself not counted); {@code from} when n is 0. */
    Result add(LocalDate from, int n) {
        try {
            return new Result(calendar.addWorkingDays(from, n), n, false);
        } catch (UnknownYearException | IllegalArgumentException e) {
            LocalDate d = from;
            boolean provisional = false;
            for (int left = n; left > 0;) {
                d = d.plusDays(1);
                int[] known = {0};
                if (working(d, known)) {
                    left--;
                }
                provisional |= known[0] == 0;
            }
            return new Result(d, n, provisional);
        }
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    Result between(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return new Result(to, 0, false);
        }
        int n = 0;
        boolean provisional = false;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            int[] known = {0};
            if (working(d, known)) {
                n++;
            }
            provisional |= known[0] == 0;
        }
        return new Result(to, n, provisional);
    }

    /** Whether d is a working day; known[0] is 1 when the calendar knew its year. */
    private boolean working(LocalDate d, int[] known) {
        try {
            boolean w = calendar.isWorkingDay(d);
            known[0] = 1;
            return w;
        } catch (UnknownYearException e) {
            return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
        }
    }
}
