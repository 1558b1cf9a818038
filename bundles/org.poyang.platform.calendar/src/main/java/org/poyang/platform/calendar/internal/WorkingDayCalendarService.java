package org.poyang.platform.calendar.internal;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.SortedSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.platform.calendar.CalendarDataException;
import org.poyang.platform.calendar.UnknownYearException;
import org.poyang.platform.calendar.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The working-day calendar: shipped holiday data with operator files merged over it. */
@Component(service = {WorkingDayCalendar.class, WorkingDayCalendarService.class}, configurationPid = "org.poyang.platform.calendar")
@Designate(ocd = WorkingDayCalendarService.Config.class)
public class WorkingDayCalendarService implements WorkingDayCalendar {

    /** Configuration: operator files that add or correct years without a rebuild. */
    @ObjectClassDefinition(name = "Poyang working-day calendar",
            description = "Working days (工作日) for the 10-working-day deadlines of Art. 18, 19 and 23.")
    public @interface Config {

        /**
         * Operator data files.
         *
         * @return paths of JSON files in the cn-workdays.json format, merged in order over the shipped copy
         */
        @AttributeDefinition(name = "Data files",
                description = "Paths of JSON files in the cn-workdays.json format, e.g. next year's State Council"
                        + " holiday notice; each year they contain replaces the shipped one. A missing or invalid"
                        + " file fails the component.")
        String[] dataFiles() default {};
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendarService.class);

    // Replaced as a whole, so a reader sees either the old data or the new, never a mix.
    private volatile CalendarData data;

    /**
     * Activates with the shipped data and the configured operator files.
     *
     * @param config the component configuration
     * @throws CalendarDataException if an operator file is missing or invalid
     */
    @Activate
    public WorkingDayCalendarService(Config config) {
        this.data = loadConfigured(config);
    }

    /**
     * Creates a calendar over given data, for tests and tools outside the framework.
     *
     * @param data the calendar data to answer from
     */
    public WorkingDayCalendarService(CalendarData data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    @Modified
    synchronized void modified(Config config) {
        this.data = loadConfigured(config);
    }

    /**
     * Validates a file and merges it over the running data until the next restart or
     * configuration change.
     */
    synchronized CalendarData load(Path file) {
        try {
            CalendarData loaded = CalendarData.read(file);
            data = data.merge(loaded);
            LOG.info("Working-day calendar: merged {} (years {}); known years now {}", file, loaded.knownYears(),
                    data.knownYears());
            return loaded;
        } catch (CalendarDataException e) {
            LOG.error("Working-day calendar: not loading {}: {}", file, e.getMessage());
            throw e;
        }
    }

    CalendarData data() {
        return data;
    }

    private static CalendarData loadConfigured(Config config) {
        CalendarData result = CalendarData.shipped();
        for (String file : config.dataFiles()) {
            // Configuration consoles submit an emptied list field as one blank entry.
            if (file.isBlank()) {
                continue;
            }
            try {
                result = result.merge(CalendarData.read(Path.of(file.trim())));
            } catch (CalendarDataException e) {
                LOG.error("Working-day calendar: configured data file {} is unusable, the calendar is not (re)started: {}",
                        file, e.getMessage());
                throw e;
            }
        }
        LOG.info("Working-day calendar: known years {}", result.knownYears());
        return result;
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return isWorkingDay(data, Objects.requireNonNull(date, "date"));
    }

    @Override
    public LocalDate addWorkingDays(LocalDate receipt, int workingDays) {
        Objects.requireNonNull(receipt, "receipt");
        if (workingDays < 1) {
            throw new IllegalArgumentException("工作日数必须至少为 1，实际为 " + workingDays
                    + " (the number of working days must be at least 1, was " + workingDays + ")");
        }
        // One snapshot for the whole count, so a concurrent reload cannot mix two calendars.
        CalendarData snapshot = data;
        requireKnown(snapshot, receipt);
        LocalDate day = receipt;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(snapshot, day)) {
                counted++;
            }
        }
        return day;
    }

    @Override
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromExclusive, "fromExclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        CalendarData snapshot = data;
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(snapshot, day)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public SortedSet<Integer> knownYears() {
        return data.knownYears();
    }

    private static boolean isWorkingDay(CalendarData calendar, LocalDate date) {
        requireKnown(calendar, date);
        if (calendar.isMakeupWorkday(date)) {
            return true;
        }
        if (calendar.isHoliday(date)) {
            return false;
        }
        DayOfWeek dayOfWeek = date.getDayOfWeek();
        return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY;
    }

    private static void requireKnown(CalendarData calendar, LocalDate date) {
        if (!calendar.isKnownYear(date.getYear())) {
            throw new UnknownYearException(date.getYear());
        }
    }
}
