package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poyang.platform.calendar.internal.TestData.parse;
import static org.poyang.platform.calendar.internal.TestData.year;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poyang.platform.calendar.CalendarDataException;

/** Parsing, validation and merging of holiday data behind the Art. 18/19/23 working-day deadlines. */
class CalendarDataTest {

    @Test
    @DisplayName("a valid one-year file parses into that year's holidays and make-up days")
    void parsesValidFile() {
        CalendarData data = parse(TestData.SYNTHETIC_2027);
        assertThat(data.knownYears()).containsExactly(2027);
        assertThat(data.years().get(2027).source()).isEqualTo("synthetic test notice");
        assertThat(data.years().get(2027).holidays())
                .containsExactly(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 3));
        assertThat(data.isHoliday(LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(data.isHoliday(LocalDate.of(2027, 1, 4))).isFalse();
    }

    @ParameterizedTest(name = "invalid date {0}")
    @DisplayName("a bad date string is rejected, naming the string")
    @ValueSource(strings = {"\"2026-13-01\"", "\"2026-02-30\"", "\"26-10-01\"", "\"2026/10/01\"", "20261001", "null"})
    void rejectsBadDate(String element) {
        assertThatThrownBy(() -> parse(year("2026", element, "")))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("无效日期")
                .hasMessageContaining("invalid date")
                .hasMessageContaining(element.replace("\"", ""));
    }

    @ParameterizedTest(name = "year key {0}")
    @DisplayName("a year key that is not 4 digits is rejected")
    @ValueSource(strings = {"26", "20260", "year", "２０２６"})
    void rejectsBadYearKey(String key) {
        assertThatThrownBy(() -> parse(year(key, "", "")))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("不是四位数字")
                .hasMessageContaining("is not 4 digits")
                .hasMessageContaining(key);
    }

    @Test
    @DisplayName("a date listed both as holiday and as make-up working day is rejected")
    void rejectsDateInBothLists() {
        assertThatThrownBy(() -> parse(year("2026", "\"2026-10-10\"", "\"2026-10-10\"")))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("同时被列为节假日和调休上班日")
                .hasMessageContaining("both as a holiday and as a make-up working day")
                .hasMessageContaining("2026-10-10");
    }

    @Test
    @DisplayName("a make-up working day on a plain weekday is rejected")
    void rejectsMakeupOnWeekday() {
        // 2026-10-09 is a Friday.
        assertThatThrownBy(() -> parse(year("2026", "", "\"2026-10-09\"")))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("星期五")
                .hasMessageContaining("Friday")
                .hasMessageContaining("2026-10-09");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("malformed JSON is rejected as calendar data error")
    @ValueSource(strings = {"{\"years\": {\"2027\": {\"holidays\": [\"2027-01-01\"", "not json", "{} {}",
        "{\"years\": {\"2027\": {\"holidays\": [], \"makeupWorkdays\": []}, \"2027\": {\"holidays\": [], \"makeupWorkdays\": []}}}"})
    void rejectsMalformedJson(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("不是有效的 JSON")
                .hasMessageContaining("is not valid JSON");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @DisplayName("a file without usable years is rejected")
    @ValueSource(strings = {"", "[]", "{}", "{\"years\": []}", "{\"years\": {}}", "{\"years\": {\"2027\": []}}",
        "{\"years\": {\"2027\": {\"holidays\": []}}}", "{\"years\": {\"2027\": {\"holidays\": {}, \"makeupWorkdays\": []}}}"})
    void rejectsMissingStructure(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(CalendarDataException.class).hasMessageContaining("(");
    }

    @Test
    @DisplayName("a date listed twice in one list, or far from its year, is rejected as a likely typo")
    void rejectsTypos() {
        assertThatThrownBy(() -> parse(year("2026", "\"2026-10-01\", \"2026-10-01\"", "")))
                .isInstanceOf(CalendarDataException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse(year("2026", "\"2062-10-01\"", "")))
                .isInstanceOf(CalendarDataException.class).hasMessageContaining("2062-10-01");
    }

    @Test
    @DisplayName("a day of the previous year in a notice is accepted (the 2024 notice lists 2023-12-30)")
    void acceptsAdjacentYearDate() {
        CalendarData data = parse(year("2024", "\"2023-12-30\", \"2024-01-01\"", ""));
        assertThat(data.isHoliday(LocalDate.of(2023, 12, 30))).isTrue();
        assertThat(data.knownYears()).containsExactly(2024);
    }

    @Test
    @DisplayName("merge adds new years and replaces the years both contain")
    void mergeAddsAndReplaces() {
        CalendarData shipped = CalendarData.shipped();
        CalendarData replacement2026 = parse(year("2026", "\"2026-01-01\"", ""));

        CalendarData merged = shipped.merge(parse(TestData.SYNTHETIC_2027)).merge(replacement2026);

        assertThat(merged.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026, 2027);
        assertThat(merged.isHoliday(LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(merged.years().get(2026).holidays()).containsExactly(LocalDate.of(2026, 1, 1));
        assertThat(merged.isHoliday(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(merged.years().get(2025)).isEqualTo(shipped.years().get(2025));
        // the inputs are unchanged
        assertThat(shipped.knownYears()).doesNotContain(2027);
        assertThat(shipped.isHoliday(LocalDate.of(2026, 10, 1))).isTrue();
    }

    @Test
    @DisplayName("merge rejects a date that one year's notice makes a holiday and another a make-up day")
    void mergeRejectsCrossYearConflict() {
        // The shipped 2023 notice lists 2022-12-31 (Sat) as a holiday.
        CalendarData conflicting = parse(year("2022", "", "\"2022-12-31\""));
        assertThatThrownBy(() -> CalendarData.shipped().merge(conflicting))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("2022-12-31")
                .hasMessageContaining("2023");
    }
}
