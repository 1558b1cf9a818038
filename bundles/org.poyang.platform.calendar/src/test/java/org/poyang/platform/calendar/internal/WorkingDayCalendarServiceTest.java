package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poyang.platform.calendar.internal.TestData.config;
import static org.poyang.platform.calendar.internal.TestData.write;
import static org.poyang.platform.calendar.internal.TestData.year;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poyang.platform.calendar.CalendarDataException;
import org.poyang.platform.calendar.UnknownYearException;

/** Operator data files add a year's notice without a rebuild, for Art. 18/19/23 deadlines. */
class WorkingDayCalendarServiceTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Art. 18/19/23: without configuration the calendar holds the shipped years")
    void defaultConfiguration() {
        WorkingDayCalendarService service = new WorkingDayCalendarService(config());
        assertThat(service.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(new WorkingDayCalendarService(config(" ")).knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
    }

    @Test
    @DisplayName("Art. 18/19/23: a configured 2027 file makes 2027 known and the year-end deadline computable")
    void configuredFileAddsYear() {
        Path file = write(dir, "2027.json", TestData.SYNTHETIC_2027);
        WorkingDayCalendarService service = new WorkingDayCalendarService(config(file.toString()));

        assertThat(service.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026, 2027);
        // 2026-12-24 (Thu): 12-25, 12-28..12-31 = 1-5; 2027-01-01..01-03 are off; 01-04 (Mon) = 6.
        assertThat(service.addWorkingDays(LocalDate.of(2026, 12, 24), 6)).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(service.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    @DisplayName("a missing configured file fails activation and names the file")
    void missingConfiguredFileFailsActivation() {
        String missing = dir.resolve("absent.json").toString();
        assertThatThrownBy(() -> new WorkingDayCalendarService(config(missing)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("找不到")
                .hasMessageContaining("not found")
                .hasMessageContaining(missing);
    }

    @Test
    @DisplayName("an invalid configured file fails activation")
    void invalidConfiguredFileFailsActivation() {
        Path bad = write(dir, "bad.json", year("2027", "\"2027-02-30\"", ""));
        assertThatThrownBy(() -> new WorkingDayCalendarService(config(bad.toString())))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("2027-02-30");
    }

    @Test
    @DisplayName("a modification reloads the files; a bad one fails and keeps the running data")
    void modifiedReloads() {
        Path file = write(dir, "2027.json", TestData.SYNTHETIC_2027);
        WorkingDayCalendarService service = new WorkingDayCalendarService(config(file.toString()));
        CalendarData before = service.data();

        assertThatThrownBy(() -> service.modified(config(file.toString(), dir.resolve("absent.json").toString())))
                .isInstanceOf(CalendarDataException.class);
        assertThat(service.data()).isSameAs(before);
        assertThat(service.knownYears()).contains(2027);

        service.modified(config());
        assertThat(service.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThatThrownBy(() -> service.isWorkingDay(LocalDate.of(2027, 1, 4))).isInstanceOf(UnknownYearException.class);
    }

    @Test
    @DisplayName("Art. 18/19/23: load merges a valid file into the running calendar")
    void loadMergesValidFile() {
        WorkingDayCalendarService service = new WorkingDayCalendarService(CalendarData.shipped());
        assertThatThrownBy(() -> service.isWorkingDay(LocalDate.of(2027, 1, 4))).isInstanceOf(UnknownYearException.class);

        CalendarData loaded = service.load(write(dir, "2027.json", TestData.SYNTHETIC_2027));

        assertThat(loaded.knownYears()).containsExactly(2027);
        assertThat(service.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026, 2027);
        assertThat(service.isWorkingDay(LocalDate.of(2027, 1, 4))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("load rejects an invalid file and leaves the running data unchanged")
    @ValueSource(strings = {"bad-date", "in-both-lists", "makeup-on-weekday", "malformed-json", "missing"})
    void loadRejectsInvalidFile(String kind) {
        WorkingDayCalendarService service = new WorkingDayCalendarService(CalendarData.shipped());
        CalendarData before = service.data();
        Path file = switch (kind) {
            case "bad-date" -> write(dir, kind, year("2027", "\"2027-1-1\"", ""));
            case "in-both-lists" -> write(dir, kind, year("2027", "\"2027-01-02\"", "\"2027-01-02\""));
            case "makeup-on-weekday" -> write(dir, kind, year("2027", "", "\"2027-01-05\""));
            case "malformed-json" -> write(dir, kind, TestData.SYNTHETIC_2027.replace("]", ""));
            case "missing" -> dir.resolve(kind);
            default -> throw new IllegalArgumentException(kind);
        };

        assertThatThrownBy(() -> service.load(file)).isInstanceOf(CalendarDataException.class);

        assertThat(service.data()).isSameAs(before);
        assertThat(service.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(service.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThatThrownBy(() -> service.isWorkingDay(LocalDate.of(2027, 1, 4))).isInstanceOf(UnknownYearException.class);
    }

    @Test
    @DisplayName("load replaces a year wholesale, e.g. a corrected 2026 notice")
    void loadReplacesYear() {
        WorkingDayCalendarService service = new WorkingDayCalendarService(CalendarData.shipped());
        assertThat(service.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();

        service.load(write(dir, "2026.json", year("2026", "\"2026-01-01\"", "")));

        assertThat(service.isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(service.isWorkingDay(LocalDate.of(2026, 10, 10))).as("make-up Saturday no longer listed").isFalse();
        assertThat(service.isWorkingDay(LocalDate.of(2026, 1, 1))).isFalse();
    }
}
