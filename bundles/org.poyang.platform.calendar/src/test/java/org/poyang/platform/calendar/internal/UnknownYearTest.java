package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.poyang.platform.calendar.UnknownYearException;
import org.poyang.platform.calendar.WorkingDayCalendar;

/** A year without a holiday notice is an error, never a guess (Art. 18, 19, 23 deadlines). */
class UnknownYearTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendarService(CalendarData.shipped());

    @Test
    @DisplayName("Art. 18/19/23: a deadline that runs from 2026 into unknown 2027 throws for 2027")
    void deadlineRunsIntoUnknownYear() {
        // 2026-12-24 (Thu): 12-25 = 1, 12-28..12-31 = 2-5; the 6th would be in 2027.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 24), 5)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2026, 12, 24), 6))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2027);
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2026, 12, 24), 10))
                .isInstanceOf(UnknownYearException.class)
                .hasMessage("工作日日历中没有 2027 年的节假日安排 (the working-day calendar has no holiday notice for 2027)");
    }

    @Test
    @DisplayName("Art. 18/19/23: isWorkingDay in unknown 2027 and 2021 throws with that year")
    void isWorkingDayInUnknownYear() {
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.of(2027, 1, 4)))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2027);
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.of(2021, 6, 1)))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2021);
    }

    @Test
    @DisplayName("Art. 18/19/23: a receipt day in an unknown year throws even when the days counted are known")
    void receiptInUnknownYear() {
        // 2022-01-04 would be the answer if 2021-12-31 were accepted; the receipt year must be known too.
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2021, 12, 31), 1))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2021);
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2027, 3, 1), 10))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2027);
    }

    @Test
    @DisplayName("Art. 18/19/23: counting working days across into an unknown year throws")
    void betweenIntoUnknownYear() {
        assertThatThrownBy(() -> calendar.workingDaysBetween(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 5)))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2027);
        assertThatThrownBy(() -> calendar.workingDaysBetween(LocalDate.of(2021, 12, 20), LocalDate.of(2022, 1, 5)))
                .asInstanceOf(type(UnknownYearException.class))
                .extracting(UnknownYearException::year).isEqualTo(2021);
    }
}
