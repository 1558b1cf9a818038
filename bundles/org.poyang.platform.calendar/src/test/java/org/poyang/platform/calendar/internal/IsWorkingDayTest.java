package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.poyang.platform.calendar.WorkingDayCalendar;

/** Which days count as 工作日 for the 10-working-day deadlines of Art. 18, 19 and 23, per the shipped notices. */
class IsWorkingDayTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendarService(CalendarData.shipped());

    @ParameterizedTest(name = "{0} ({1}) working day: {2}")
    @DisplayName("Art. 18/19/23: ordinary weekdays are working days, weekends are not (2025, 2026)")
    @CsvSource({
        "2025-03-03, Mon, true",
        "2025-03-07, Fri, true",
        "2025-03-08, Sat, false",
        "2025-03-09, Sun, false",
        "2026-03-02, Mon, true",
        "2026-03-06, Fri, true",
        "2026-03-07, Sat, false",
        "2026-03-08, Sun, false",
    })
    void plainWeekdaysAndWeekends(LocalDate date, String dayOfWeek, boolean expected) {
        assertThat(date.getDayOfWeek().name()).startsWith(dayOfWeek.toUpperCase());
        assertThat(calendar.isWorkingDay(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ({1}) is a holiday")
    @DisplayName("Art. 18/19/23: 2026 Spring Festival holidays 02-15..02-23 are not working days, weekdays included")
    @CsvSource({
        "2026-02-15, Sun", "2026-02-16, Mon", "2026-02-17, Tue", "2026-02-18, Wed", "2026-02-19, Thu",
        "2026-02-20, Fri", "2026-02-21, Sat", "2026-02-22, Sun", "2026-02-23, Mon",
    })
    void springFestival2026(LocalDate date, String dayOfWeek) {
        assertThat(date.getDayOfWeek().name()).startsWith(dayOfWeek.toUpperCase());
        assertThat(calendar.isWorkingDay(date)).isFalse();
    }

    @ParameterizedTest(name = "{0} ({1}) is a make-up working day")
    @DisplayName("Art. 18/19/23: 2026 make-up working days (调休上班日) on weekends count as working days")
    @CsvSource({
        "2026-01-04, Sun",
        "2026-02-14, Sat",
        "2026-02-28, Sat",
        "2026-09-20, Sun",
        "2026-10-10, Sat",
    })
    void makeupDays2026(LocalDate date, String dayOfWeek) {
        assertThat(date.getDayOfWeek().name()).startsWith(dayOfWeek.toUpperCase());
        assertThat(calendar.isWorkingDay(date)).isTrue();
    }

    @Test
    @DisplayName("Art. 18/19/23: around the 2026 Spring Festival, the plain days before and after are working days")
    void aroundSpringFestival2026() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 13))).as("Fri before").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 24))).as("Tue after").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 1))).as("Sun after the make-up Sat").isFalse();
    }

    @ParameterizedTest(name = "{0} ({1}) working day: {2}")
    @DisplayName("Art. 18/19/23: 2026 Mid-Autumn (09-25..09-27) and National Day (10-01..10-07) with make-up 09-20 and 10-10")
    @CsvSource({
        "2026-09-20, Sun, true",
        "2026-09-24, Thu, true",
        "2026-09-25, Fri, false",
        "2026-09-26, Sat, false",
        "2026-09-27, Sun, false",
        "2026-09-28, Mon, true",
        "2026-09-30, Wed, true",
        "2026-10-01, Thu, false",
        "2026-10-02, Fri, false",
        "2026-10-03, Sat, false",
        "2026-10-04, Sun, false",
        "2026-10-05, Mon, false",
        "2026-10-06, Tue, false",
        "2026-10-07, Wed, false",
        "2026-10-08, Thu, true",
        "2026-10-09, Fri, true",
        "2026-10-10, Sat, true",
        "2026-10-11, Sun, false",
        "2026-10-12, Mon, true",
    })
    void nationalDay2026(LocalDate date, String dayOfWeek, boolean expected) {
        assertThat(date.getDayOfWeek().name()).startsWith(dayOfWeek.toUpperCase());
        assertThat(calendar.isWorkingDay(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ({1}) working day: {2}")
    @DisplayName("Art. 18/19/23: 2025 National Day 10-01..10-08 with make-up 09-28 (Sun) and 10-11 (Sat)")
    @CsvSource({
        "2025-09-28, Sun, true",
        "2025-09-30, Tue, true",
        "2025-10-01, Wed, false",
        "2025-10-03, Fri, false",
        "2025-10-06, Mon, false",
        "2025-10-08, Wed, false",
        "2025-10-09, Thu, true",
        "2025-10-11, Sat, true",
        "2025-10-12, Sun, false",
    })
    void nationalDay2025(LocalDate date, String dayOfWeek, boolean expected) {
        assertThat(date.getDayOfWeek().name()).startsWith(dayOfWeek.toUpperCase());
        assertThat(calendar.isWorkingDay(date)).isEqualTo(expected);
    }

    @Test
    @DisplayName("Art. 18/19/23: a holiday listed in the next year's notice (2022-12-31 in 2023) still counts")
    void holidayListedInNextYearsNotice() {
        // 2022-12-31 is a Saturday anyway, so check the membership the calendar relies on directly.
        assertThat(CalendarData.shipped().isHoliday(LocalDate.of(2022, 12, 31))).isTrue();
        assertThat(CalendarData.shipped().years().get(2022).holidays()).doesNotContain(LocalDate.of(2022, 12, 31));
        assertThat(calendar.isWorkingDay(LocalDate.of(2022, 12, 31))).isFalse();
    }

    @Test
    @DisplayName("2022 to 2026 are the shipped known years")
    void knownYears() {
        assertThat(calendar.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
    }
}
