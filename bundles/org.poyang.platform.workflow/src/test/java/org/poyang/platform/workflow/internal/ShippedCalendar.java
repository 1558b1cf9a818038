package org.poyang.platform.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.poyang.platform.calendar.UnknownYearException;
import org.poyang.platform.calendar.WorkingDayCalendar;

/**
 * A working-day calendar for the tests over the platform's real holiday data
 * ({@code cn-workdays.json} as shipped in the calendar bundle, from the State Council notices),
 * answering as {@link WorkingDayCalendar} specifies: Monday to Friday unless a listed holiday, and
 * every listed make-up working day; a year without a notice is unknown and throws
 * {@link UnknownYearException}.
 * <p>
 * For the provisional-deadline tests a calendar can be narrowed to some of its years
 * ({@link #onlyYears}) or given a year the shipped data does not hold yet ({@link #withYear}).
 */
final class ShippedCalendar implements WorkingDayCalendar {

    static final String RESOURCE = "/org/poyang/platform/calendar/internal/cn-workdays.json";

    private final SortedSet<Integer> years = new TreeSet<>();
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> makeUp = new HashSet<>();

    private ShippedCalendar() {
    }

    static ShippedCalendar load() {
        ShippedCalendar c = new ShippedCalendar();
        try (InputStream in = WorkingDayCalendar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            JsonNode years = new ObjectMapper().readTree(in).get("years");
            for (Iterator<String> it = years.fieldNames(); it.hasNext();) {
                String year = it.next();
                c.years.add(Integer.parseInt(year));
                years.get(year).get("holidays").forEach(d -> c.holidays.add(LocalDate.parse(d.asText())));
                years.get(year).get("makeupWorkdays").forEach(d -> c.makeUp.add(LocalDate.parse(d.asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** A copy that knows only the given years (as before their successors' notices were published). */
    ShippedCalendar onlyYears(Integer... keep) {
        ShippedCalendar c = copy();
        c.years.retainAll(Set.of(keep));
        return c;
    }

    /** A copy that also knows {@code year}, with the given holidays and make-up working days. */
    ShippedCalendar withYear(int year, Collection<LocalDate> yearHolidays, Collection<LocalDate> yearMakeUp) {
        ShippedCalendar c = copy();
        c.years.add(year);
        c.holidays.addAll(yearHolidays);
        c.makeUp.addAll(yearMakeUp);
        return c;
    }

    private ShippedCalendar copy() {
        ShippedCalendar c = new ShippedCalendar();
        c.years.addAll(years);
        c.holidays.addAll(holidays);
        c.makeUp.addAll(makeUp);
        return c;
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        if (!years.contains(date.getYear())) {
            throw new UnknownYearException(date.getYear());
        }
        if (makeUp.contains(date)) {
            return true;
        }
        return !holidays.contains(date) && date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    @Override
    public LocalDate addWorkingDays(LocalDate receipt, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("workingDays < 1");
        }
        if (!years.contains(receipt.getYear())) {
            throw new UnknownYearException(receipt.getYear());
        }
        LocalDate d = receipt;
        for (int n = 0; n < workingDays;) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return d;
    }

    @Override
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        int n = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public SortedSet<Integer> knownYears() {
        return Collections.unmodifiableSortedSet(years);
    }
}
