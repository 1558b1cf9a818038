package org.poyang.platform.calendar.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builders for calendar data files and configurations used by the tests. */
final class TestData {

    /** A 2027 notice that is not real: New Year 2027-01-01..01-03, no make-up days. */
    static final String SYNTHETIC_2027 = """
            {
              "sources": { "2027": "synthetic test notice" },
              "years": {
                "2027": {
                  "holidays": ["2027-01-01", "2027-01-02", "2027-01-03"],
                  "makeupWorkdays": []
                }
              }
            }
            """;

    private TestData() {
    }

    static CalendarData parse(String json) {
        return CalendarData.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** A file with one year; the date lists are JSON array bodies, e.g. {@code "\"2027-01-01\""}. */
    static String year(String year, String holidays, String makeupWorkdays) {
        return "{\"years\": {\"" + year + "\": {\"holidays\": [" + holidays + "], \"makeupWorkdays\": ["
                + makeupWorkdays + "]}}}";
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WorkingDayCalendarService.Config config(String... dataFiles) {
        return new WorkingDayCalendarService.Config() {
            @Override
            public String[] dataFiles() {
                return dataFiles.clone();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WorkingDayCalendarService.Config.class;
            }
        };
    }
}
