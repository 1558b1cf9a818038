package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.poyang.platform.calendar.WorkingDayCalendar;

/** Working days used of an Art. 18/19/23 deadline period: the range (from, to]. */
class WorkingDaysBetweenTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendarService(CalendarData.shipped());

    @Test
    @DisplayName("Art. 18/19/23: two ordinary weeks after a Monday hold 10 working days")
    void twoOrdinaryWeeks() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 16))).isEqualTo(10);
    }

    @Test
    @DisplayName("Art. 18/19/23: the start day is excluded and the end day included")
    void bounds() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 8))).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 9))).isEqualTo(1);
    }

    @Test
    @DisplayName("Art. 18/19/23: National Day week 2026 holds no working days, the make-up Saturday does")
    void holidaysAndMakeupDays() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 7))).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 11))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 20))).isEqualTo(10);
    }

    @Test
    @DisplayName("Art. 18/19/23: an empty or reversed range holds 0 working days")
    void emptyRange() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3))).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 2))).isZero();
        // Reversed ranges inspect no day, so even unknown years give 0.
        assertThat(calendar.workingDaysBetween(LocalDate.of(2030, 1, 10), LocalDate.of(2030, 1, 1))).isZero();
    }

    @Test
    @DisplayName("Art. 18/19/23: a whole year across the 2022/2023 boundary counts each notice's days")
    void acrossYears() {
        // 2022-12-30 (Fri) to 2023-01-03 (Tue): 12-31, 01-01, 01-02 are holidays; 01-03 is a working day.
        assertThat(calendar.workingDaysBetween(LocalDate.of(2022, 12, 30), LocalDate.of(2023, 1, 3))).isEqualTo(1);
    }
}
