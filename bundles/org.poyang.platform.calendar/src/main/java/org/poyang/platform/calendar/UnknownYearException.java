package org.poyang.platform.calendar;

/**
 * Thrown when the {@link WorkingDayCalendar} needs a day of a year whose State Council holiday
 * notice it does not hold. Working days of such a year are never guessed: the operator adds the
 * year's data instead.
 */
public class UnknownYearException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int year;

    /**
     * Creates the exception for a year that is not in the calendar.
     *
     * @param year the missing year
     */
    public UnknownYearException(int year) {
        super("工作日日历中没有 " + year + " 年的节假日安排 (the working-day calendar has no holiday notice for "
                + year + ")");
        this.year = year;
    }

    /**
     * Tells which year is missing.
     *
     * @return the year the calendar holds no holiday notice for
     */
    public int year() {
        return year;
    }
}
