package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 18: the answer is due 10 working days after the day of receipt, the day of receipt being a day
 * in China Standard Time: holidays are skipped, make-up working days (Sunday 2026-09-20, Saturday
 * 2026-10-10) count, and a deadline in a year whose holidays are not published yet is provisional.
 */
class DeadlineTest extends OpenTestBase {

    @Test
    void deadlinesCountWorkingDaysAfterTheDayOfReceiptInChinaStandardTime() {
        String citizen = p.people.citizen("calendar");
        // received at (China time) -> day of receipt, deadline, provisional
        Object[][] cases = {
            {"2026-09-30", "00:30", "2026-09-30", "2026-10-20", false}, // still 09-29 in UTC, which would give 10-19
            {"2026-09-29", "23:30", "2026-09-29", "2026-10-19", false}, // already 09-30 in UTC, which would give 10-20
            {"2026-09-18", "10:00", "2026-09-18", "2026-10-09", false}, // Sunday 09-20 counts; 09-25..27 and 10-01..07 do not
            {"2026-10-03", "10:00", "2026-10-03", "2026-10-20", false}, // received on a holiday
            {"2026-10-09", "16:00", "2026-10-09", "2026-10-22", false}, // Saturday 10-10 counts
            {"2026-12-28", "10:00", "2026-12-28", "2027-01-11", true},  // 2027 not published: Monday to Friday assumed
        };
        List<String> wrong = new ArrayList<>();
        for (Object[] c : cases) {
            clockAt(LocalDate.parse((String) c[0]), LocalTime.parse((String) c[1]));
            JsonNode a = apply(citizen, form(p.conditional, List.of(p.name), "OPEN_API"));
            String got = a.path("receivedOn").asText() + " " + a.path("deadline").asText() + " " + a.path("provisional").asBoolean();
            String expected = c[2] + " " + c[3] + " " + c[4];
            if (!got.equals(expected)) {
                wrong.add("received " + c[0] + "T" + c[1] + " China time: expected " + expected + ", got " + got);
            }
            withdraw(a.path("id").asText(), citizen);
        }
        assertThat(wrong).isEmpty();
    }
}
