package org.poyang.platform.calendar;

import java.time.LocalDate;
import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * 工作日 (working days) as mainland China counts them, for the deadlines of the Jiangxi Public
 * Data Management Measures: an application for conditional open data (Art. 18), an objection
 * (Art. 19) and a conditional sharing request (Art. 23) must be answered "within 10 working
 * days of receipt", and the day of receipt is not counted.
 * <p>
 * Working days follow the State Council's yearly holiday notice: a date is a working day when
 * it is Monday to Friday and not a listed public holiday, or when it is listed as a make-up
 * working day (调休上班日), which can fall on a Saturday or Sunday. The notice for a year is
 * published each November; until it is loaded, that year is unknown and every method that
 * needs one of its days throws {@link UnknownYearException} instead of guessing.
 */
@ProviderType
public interface WorkingDayCalendar {

    /**
     * Tells whether a date is a working day.
     *
     * @param date the date to classify
     * @return {@code true} for Monday to Friday that is not a public holiday, and for a listed
     *         make-up working day
     * @throws UnknownYearException if the calendar holds no holiday notice for the date's year
     */
    boolean isWorkingDay(LocalDate date);

    /**
     * Computes the deadline that lies the given number of working days after receipt, as in
     * "within 10 working days of receipt" (Art. 18, 19, 23). The day of receipt is never
     * counted, even when it is itself a working day; the result is always a working day.
     *
     * @param receipt the day the application, objection or request was received
     * @param workingDays how many working days are allowed, at least 1
     * @return the last day of the period
     * @throws IllegalArgumentException if {@code workingDays} is less than 1
     * @throws UnknownYearException if the receipt day, or any day up to the deadline, is in a
     *         year the calendar holds no holiday notice for
     */
    LocalDate addWorkingDays(LocalDate receipt, int workingDays);

    /**
     * Counts the working days after one date up to and including another, e.g. the working
     * days already used of a deadline period.
     *
     * @param fromExclusive the first date, not counted (typically the day of receipt)
     * @param toInclusive the last date, counted
     * @return the number of working days in {@code (fromExclusive, toInclusive]}; 0 when
     *         {@code toInclusive} is not after {@code fromExclusive}
     * @throws UnknownYearException if a day in the range is in a year the calendar holds no
     *         holiday notice for
     */
    int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive);

    /**
     * Lists the years whose holiday notice the calendar holds.
     *
     * @return the known years in ascending order, unmodifiable
     */
    SortedSet<Integer> knownYears();
}
