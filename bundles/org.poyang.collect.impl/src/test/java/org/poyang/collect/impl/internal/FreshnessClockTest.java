package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poyang.collect.impl.internal.StubCatalog.item;
import static org.poyang.collect.impl.internal.TestClock.china;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.UpdateFrequency;

/**
 * When an entry's next delivery is due (数据时效, Art. 13, 41), over the shipped 2026 working-day
 * data: daily entries by the end of the next working day in China Standard Time, weekends and
 * public holidays skipped, make-up working days counted; longer periods moved to a working day;
 * irregular entries never due.
 */
class FreshnessClockTest {

    private static final ShippedCalendar CALENDAR = ShippedCalendar.load();
    private final FreshnessClock clock = new FreshnessClock(CALENDAR);

    private static CatalogEntry entry(UpdateFrequency f, LocalDate publishedOn) {
        return StubCatalog.entry("101001/000001", "测试信息", f, publishedOn, List.of(item("编号", DataType.STRING, 20)));
    }

    private Instant due(UpdateFrequency f, String lastDeliveryChina) {
        return clock.dueBy(entry(f, LocalDate.of(2026, 1, 5)), china(lastDeliveryChina), china("2030-01-01T00:00")).orElseThrow();
    }

    /** The test data is the real notice: 2026 is known, with National Day 10-01..10-07 and make-up Saturday 10-10. */
    @Test
    void theCalendarIsTheShipped2026Notice() {
        assertThat(CALENDAR.knownYears()).contains(2026).doesNotContain(2027);
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 3, 7))).isFalse();
    }

    /** Art. 41: a daily entry delivered any time on Friday, Saturday or Sunday is due by the end of Monday (Tuesday 00:00 China time). */
    @ParameterizedTest
    @CsvSource({"2026-03-06T00:00", "2026-03-06T10:00", "2026-03-06T23:59:59", "2026-03-07T12:00", "2026-03-08T23:00"})
    void art41DailyDeliveredFridayOrAtTheWeekendIsDueByTheEndOfMonday(String delivered) {
        assertThat(due(UpdateFrequency.DAILY, delivered)).isEqualTo(china("2026-03-10T00:00"));
    }

    /** Art. 41: delivered on Monday, due by the end of Tuesday. */
    @Test
    void art41DailyDeliveredOnAWeekdayIsDueByTheEndOfTheNextDay() {
        assertThat(due(UpdateFrequency.DAILY, "2026-03-09T08:00")).isEqualTo(china("2026-03-11T00:00"));
    }

    /** Art. 41: days are China's: 01:00 on Friday in Beijing (Thursday in UTC) is a Friday delivery. */
    @Test
    void art41DaysAreDaysInChinaStandardTime() {
        Instant fridayInChina = Instant.parse("2026-03-05T17:00:00Z");
        assertThat(clock.dueBy(entry(UpdateFrequency.DAILY, null), fridayInChina, fridayInChina)).contains(china("2026-03-10T00:00"));
    }

    /** Art. 41: across the 2026 National Day holiday (10-01..10-07) the first working day after it is 10-08. */
    @ParameterizedTest
    @CsvSource({"2026-09-30T16:00", "2026-10-01T09:00", "2026-10-05T12:00", "2026-10-07T23:00"})
    void art41DailyAcrossNationalDayIsDueByTheEndOfOctober8(String delivered) {
        assertThat(due(UpdateFrequency.DAILY, delivered)).isEqualTo(china("2026-10-09T00:00"));
    }

    /** Art. 41: make-up working days count: Saturday 2026-10-10, Sunday 2026-09-20 and Saturday 2026-02-14. */
    @ParameterizedTest
    @CsvSource({"2026-10-09T10:00, 2026-10-11T00:00", "2026-09-19T10:00, 2026-09-21T00:00", "2026-02-13T10:00, 2026-02-15T00:00"})
    void art41AMakeUpWorkingDayIsAWorkingDay(String delivered, String dueBy) {
        assertThat(due(UpdateFrequency.DAILY, delivered)).isEqualTo(china(dueBy));
    }

    /** Art. 41: delivered on the make-up Saturday before the Spring Festival, due by the end of the first day after it (02-24). */
    @Test
    void art41TheSpringFestivalIsSkipped() {
        assertThat(due(UpdateFrequency.DAILY, "2026-02-14T10:00")).isEqualTo(china("2026-02-25T00:00"));
    }

    /** Art. 41: the Mid-Autumn holiday (09-25..09-27) is skipped too. */
    @Test
    void art41TheMidAutumnHolidayIsSkipped() {
        assertThat(due(UpdateFrequency.DAILY, "2026-09-24T10:00")).isEqualTo(china("2026-09-29T00:00"));
    }

    /** Art. 41: weekly, monthly, quarterly and yearly periods that end on a day off move to the next working day. */
    @ParameterizedTest
    @CsvSource({
        "WEEKLY,    2026-03-02T10:00, 2026-03-10T00:00",
        "WEEKLY,    2026-09-30T10:00, 2026-10-09T00:00",
        "MONTHLY,   2026-01-31T10:00, 2026-03-01T00:00",
        "MONTHLY,   2026-03-05T10:00, 2026-04-08T00:00",
        "QUARTERLY, 2026-07-01T10:00, 2026-10-09T00:00",
        "YEARLY,    2025-10-01T10:00, 2026-10-09T00:00"})
    void art41LongerPeriodsEndOnAWorkingDay(UpdateFrequency f, String delivered, String dueBy) {
        assertThat(due(f, delivered)).isEqualTo(china(dueBy));
    }

    /** Art. 41: a real-time entry is due 15 minutes after its last delivery. */
    @Test
    void art41RealTimeIsDueFifteenMinutesLater() {
        Instant last = china("2026-10-03T12:00");
        assertThat(clock.dueBy(entry(UpdateFrequency.REAL_TIME, null), last, last)).contains(last.plus(Duration.ofMinutes(15)));
    }

    /** Art. 41: an irregular entry (or one without a frequency) is never due. */
    @Test
    void art41IrregularIsNeverDue() {
        assertThat(clock.dueBy(entry(UpdateFrequency.IRREGULAR, LocalDate.of(2020, 1, 1)), null, china("2030-01-01T00:00"))).isEmpty();
        assertThat(clock.dueBy(entry(null, LocalDate.of(2020, 1, 1)), china("2026-03-06T10:00"), china("2030-01-01T00:00"))).isEmpty();
    }

    /** Art. 41: before the first delivery the publication date counts as the last delivery. */
    @Test
    void art41WithoutADeliveryThePublicationDateCounts() {
        assertThat(clock.dueBy(entry(UpdateFrequency.DAILY, LocalDate.of(2026, 3, 6)), null, china("2026-04-01T00:00")))
                .contains(china("2026-03-10T00:00"));
        assertThat(clock.dueBy(entry(UpdateFrequency.DAILY, LocalDate.of(2026, 9, 30)), null, china("2026-12-01T00:00")))
                .contains(china("2026-10-09T00:00"));
    }

    /** Art. 41: an entry with neither delivery nor publication date is measured from now. */
    @Test
    void art41WithNeitherDeliveryNorPublicationNowCounts() {
        assertThat(clock.dueBy(entry(UpdateFrequency.DAILY, null), null, china("2026-03-06T10:00"))).contains(china("2026-03-10T00:00"));
    }

    /** Art. 41: in a year whose notice is not loaded (2027) Monday to Friday count, so monitoring goes on. */
    @Test
    void art41AnUnknownYearCountsMondayToFriday() {
        // 2026-12-31 is a Thursday; 2027-01-01 (a Friday) is unknown to the calendar and counted as working
        assertThat(due(UpdateFrequency.DAILY, "2026-12-31T10:00")).isEqualTo(china("2027-01-02T00:00"));
        // Friday 2027-01-08 → Monday 2027-01-11
        assertThat(due(UpdateFrequency.DAILY, "2027-01-08T10:00")).isEqualTo(china("2027-01-12T00:00"));
    }
}
