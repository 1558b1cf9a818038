package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.poyang.platform.calendar.WorkingDayCalendar;

/** Deadlines "within 10 working days of receipt", receipt day not counted (Art. 18, 19, 23). */
class AddWorkingDaysTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendarService(CalendarData.shipped());

    @Test
    @DisplayName("Art. 18/19/23: received on an ordinary Monday, 10 working days end on the Monday two weeks later")
    void ordinaryMonday() {
        // 2026-03-02 (Mon): 03-03..03-06 are 1-4, 03-09..03-13 are 5-9, 03-16 (Mon) is 10.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 3, 2), 10)).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(calendar.addWorkingDays(LocalDate.of(2025, 3, 3), 10)).isEqualTo(LocalDate.of(2025, 3, 17));
    }

    @Test
    @DisplayName("Art. 18/19/23: received the day before National Day 2026, the deadline is 2026-10-20")
    void dayBeforeNationalDay2026() {
        // Received 2026-09-30 (Wed). 10-01..10-07 are holidays. Then 10-08 Thu = 1, 10-09 Fri = 2,
        // 10-10 Sat is a make-up working day = 3, 10-11 Sun is off, 10-12..10-16 Mon-Fri = 4-8,
        // 10-17/18 weekend, 10-19 Mon = 9, 10-20 Tue = 10.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 30), 10)).isEqualTo(LocalDate.of(2026, 10, 20));
    }

    @Test
    @DisplayName("Art. 18/19/23: received on a holiday (2026-02-16, Spring Festival), counting starts after the holiday")
    void receivedOnHoliday() {
        // Holidays run to 02-23 (Mon). 02-24..02-27 Tue-Fri = 1-4, 02-28 make-up Sat = 5,
        // 03-02..03-06 Mon-Fri = 6-10.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 16), 10)).isEqualTo(LocalDate.of(2026, 3, 6));
        // 10-03 (Sat inside National Day): 10-08, 10-09, 10-10 (make-up), 10-12..10-16, 10-19, 10-20.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 3), 10)).isEqualTo(LocalDate.of(2026, 10, 20));
    }

    @Test
    @DisplayName("Art. 18/19/23: received on a make-up Saturday (2026-10-10), that day itself is not counted")
    void receivedOnMakeupSaturday() {
        // 10-10 is a working day but the receipt day; 10-12..10-16 = 1-5, 10-19..10-23 = 6-10.
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 10), 10)).isEqualTo(LocalDate.of(2026, 10, 23));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 10), 1)).isEqualTo(LocalDate.of(2026, 10, 12));
    }

    @Test
    @DisplayName("Art. 18/19/23: received on a Friday, the period starts the next Monday")
    void receivedOnFriday() {
        // 2026-03-06 (Fri): 03-09..03-13 = 1-5, 03-16..03-20 = 6-10.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 3, 6), 10)).isEqualTo(LocalDate.of(2026, 3, 20));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 3, 6), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    @DisplayName("Art. 18/19/23: received on a working day, that day is not counted: 1 working day is the next one")
    void receiptDayNeverCounted() {
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 3, 3), 1)).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    @DisplayName("Art. 18/19/23: the result is always a working day and lies exactly N working days after receipt")
    void consistentWithWorkingDaysBetween() {
        int checked = 0;
        for (LocalDate receipt = LocalDate.of(2022, 1, 1); receipt.isBefore(LocalDate.of(2026, 12, 1));
                receipt = receipt.plusDays(1)) {
            LocalDate deadline = calendar.addWorkingDays(receipt, 10);
            assertThat(calendar.isWorkingDay(deadline)).as("deadline for %s", receipt).isTrue();
            assertThat(calendar.workingDaysBetween(receipt, deadline)).as("deadline for %s", receipt).isEqualTo(10);
            assertThat(calendar.workingDaysBetween(receipt, deadline.minusDays(1))).isEqualTo(9);
            checked++;
        }
        assertThat(checked).isGreaterThan(1700);
    }

    @Test
    @DisplayName("Art. 18/19/23: fewer than 1 working day is rejected")
    void rejectsNonPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2026, 3, 2), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2026, 3, 2), -10));
    }
}
