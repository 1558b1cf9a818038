package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shipped holiday data is the project's shared cn-workdays.json, which the Art. 18/19/23 deadlines rely on. */
class ShippedDataTest {

    @Test
    @DisplayName("the bundle ships the 2022-2026 notices")
    void shippedYears() {
        CalendarData shipped = CalendarData.shipped();
        assertThat(shipped.knownYears()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(shipped.years().values()).allSatisfy(notice -> {
            assertThat(notice.holidays()).isNotEmpty();
            assertThat(notice.makeupWorkdays()).isNotEmpty();
            assertThat(notice.source()).isNotBlank();
        });
    }

    @Test
    @DisplayName("the shipped copy holds the same years as shared/data/cn-workdays.json")
    void shippedEqualsShared() {
        Path shared = sharedFile();
        assumeTrue(shared != null, "shared/data/cn-workdays.json is not available here");

        CalendarData expected = CalendarData.read(shared);

        assertThat(expected.knownYears()).isNotEmpty();
        assertThat(CalendarData.shipped().years()).isEqualTo(expected.years());
    }

    private static Path sharedFile() {
        String property = System.getProperty("poyang.shared.dir");
        return Stream.of(
                        property == null ? null : Path.of(property, "data", "cn-workdays.json"),
                        // shared/ sits beside the checkout; tests run in the module folder
                        Path.of("../../../shared/data/cn-workdays.json"),
                        Path.of("/work/shared/data/cn-workdays.json"))
                .filter(p -> p != null && Files.isRegularFile(p))
                .findFirst()
                .orElse(null);
    }
}
