package org.poyang.platform.calendar;

/**
 * Thrown when working-day calendar data (a holiday file in the shipped format) cannot be read
 * or is malformed: invalid JSON, a year key that is not four digits, a bad date, a date listed
 * both as a public holiday and as a make-up working day, or a make-up working day that is an
 * ordinary weekday. The message names the problem, in Chinese first and then in English.
 */
public class CalendarDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, Chinese first with English in parentheses
     */
    public CalendarDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, Chinese first with English in parentheses
     * @param cause the underlying parse or I/O failure
     */
    public CalendarDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
