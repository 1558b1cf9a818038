package org.poyang.platform.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poyang.platform.calendar.internal.TestData.write;
import static org.poyang.platform.calendar.internal.TestData.year;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell commands an operator uses to check Art. 18/19/23 deadlines and add a year. */
class CalendarCommandsTest {

    @TempDir
    Path dir;

    private final WorkingDayCalendarService service = new WorkingDayCalendarService(CalendarData.shipped());
    private final CalendarCommands commands = new CalendarCommands(service);

    @Test
    @DisplayName("years lists every known year with its notice")
    void years() {
        assertThat(commands.years())
                .contains("2022", "2023", "2024", "2025", "2026")
                .contains("国办发明电〔2024〕12号")
                .doesNotContain("2027");
    }

    @Test
    @DisplayName("check says whether and why a day is a working day")
    void check() {
        assertThat(commands.check("2026-10-01")).contains("非工作日", "public holiday", "not a working day");
        assertThat(commands.check("2026-10-10")).contains("工作日", "make-up working day").doesNotContain("not a");
        assertThat(commands.check("2026-03-07")).contains("weekend", "not a working day");
        assertThat(commands.check("2026-03-09")).contains("Monday to Friday").doesNotContain("not a");
        assertThat(commands.check("2027-01-04")).startsWith("错误").contains("2027");
        assertThat(commands.check("2026-13-01")).startsWith("错误").contains("invalid date");
    }

    @Test
    @DisplayName("Art. 18/19/23: deadline computes N working days after receipt")
    void deadline() {
        assertThat(commands.deadline("2026-09-30", 10)).contains("2026-10-20", "Tuesday");
        assertThat(commands.deadline("2026-12-24", 10)).startsWith("错误").contains("2027");
        assertThat(commands.deadline("2026-09-30", 0)).startsWith("错误").contains("at least 1");
    }

    @Test
    @DisplayName("load merges a file and warns that it lasts only until restart unless configured")
    void load() {
        Path file = write(dir, "2027.json", TestData.SYNTHETIC_2027);

        String output = commands.load(file.toString());

        assertThat(output).contains("[2027]", "dataFiles", "restart");
        assertThat(service.knownYears()).contains(2027);
        assertThat(commands.deadline("2026-12-24", 6)).contains("2027-01-04");
    }

    @Test
    @DisplayName("load reports an invalid file and changes nothing")
    void loadInvalid() {
        Path file = write(dir, "bad.json", year("2027", "", "\"2027-01-05\""));

        assertThat(commands.load(file.toString())).startsWith("错误").contains("2027-01-05");
        assertThat(service.knownYears()).doesNotContain(2027);
    }
}
