package org.poyang.platform.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.poyang.platform.calendar.CalendarDataException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Immutable, validated holiday notices by year, parsed from the cn-workdays.json format. */
public final class CalendarData {

    /** Classpath name of the copy shipped in this bundle. */
    static final String SHIPPED_RESOURCE = "cn-workdays.json";

    private static final Pattern YEAR_KEY = Pattern.compile("\\d{4}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    // A duplicated year key would otherwise silently keep the last entry.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * One year's State Council notice.
     *
     * @param source the notice it was taken from, empty when the file does not say
     * @param holidays the public holidays it lists, possibly including days of the adjacent years
     * @param makeupWorkdays the weekend days it declares working days (调休上班日)
     */
    public record YearNotice(String source, SortedSet<LocalDate> holidays, SortedSet<LocalDate> makeupWorkdays) {

        /** Copies the sets so the notice stays immutable. */
        public YearNotice {
            Objects.requireNonNull(source, "source");
            holidays = Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
            makeupWorkdays = Collections.unmodifiableSortedSet(new TreeSet<>(makeupWorkdays));
        }
    }

    private final SortedMap<Integer, YearNotice> years;
    // Membership is by date across all notices: the 2023 notice lists 2022-12-31, for example.
    private final Map<LocalDate, Integer> holidays = new HashMap<>();
    private final Map<LocalDate, Integer> makeupWorkdays = new HashMap<>();

    /**
     * Creates calendar data from notices that are each already valid on their own.
     *
     * @param years the notices by year
     * @throws CalendarDataException if one notice's holiday is another notice's make-up day
     */
    public CalendarData(Map<Integer, YearNotice> years) {
        this.years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
        for (Map.Entry<Integer, YearNotice> entry : this.years.entrySet()) {
            int year = entry.getKey();
            for (LocalDate day : entry.getValue().holidays()) {
                holidays.putIfAbsent(day, year);
            }
            for (LocalDate day : entry.getValue().makeupWorkdays()) {
                makeupWorkdays.putIfAbsent(day, year);
            }
        }
        for (Map.Entry<LocalDate, Integer> holiday : holidays.entrySet()) {
            Integer makeupYear = makeupWorkdays.get(holiday.getKey());
            if (makeupYear != null) {
                throw new CalendarDataException(holiday.getKey() + " 在 " + holiday.getValue()
                        + " 年的安排中是节假日，在 " + makeupYear + " 年的安排中却是调休上班日 (" + holiday.getKey()
                        + " is a holiday in the notice for " + holiday.getValue()
                        + " but a make-up working day in the notice for " + makeupYear + ")");
            }
        }
    }

    /**
     * Reads the copy of cn-workdays.json shipped in this bundle.
     *
     * @return the shipped calendar data
     */
    public static CalendarData shipped() {
        try (InputStream in = CalendarData.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new CalendarDataException("本模块缺少内置的工作日日历数据 " + SHIPPED_RESOURCE
                        + " (the bundle lacks its shipped working-day calendar data " + SHIPPED_RESOURCE + ")");
            }
            return parse(in, "bundle:" + SHIPPED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and validates a data file.
     *
     * @param file a JSON file in the cn-workdays.json format
     * @return its calendar data
     * @throws CalendarDataException if the file is missing, unreadable or malformed
     */
    public static CalendarData read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new CalendarDataException("找不到工作日日历数据文件 " + file
                    + " (working-day calendar data file " + file + " not found)", e);
        } catch (IOException e) {
            throw new CalendarDataException("无法读取工作日日历数据文件 " + file + "：" + e.getMessage()
                    + " (cannot read working-day calendar data file " + file + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses and validates data in the cn-workdays.json format.
     *
     * @param in the JSON text, UTF-8; not closed
     * @param sourceName names the data in error messages, e.g. the file path
     * @return the calendar data
     * @throws CalendarDataException if the data is malformed
     */
    public static CalendarData parse(InputStream in, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new CalendarDataException("工作日日历数据 " + sourceName + " 不是有效的 JSON：" + e.getOriginalMessage()
                    + " (working-day calendar data " + sourceName + " is not valid JSON: " + e.getOriginalMessage()
                    + ")", e);
        } catch (IOException e) {
            throw new CalendarDataException("无法读取工作日日历数据 " + sourceName + "：" + e.getMessage()
                    + " (cannot read working-day calendar data " + sourceName + ": " + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CalendarDataException("工作日日历数据 " + sourceName + " 不是 JSON 对象 (working-day calendar data "
                    + sourceName + " is not a JSON object)");
        }
        JsonNode yearsNode = root.get("years");
        if (yearsNode == null || !yearsNode.isObject()) {
            throw new CalendarDataException(sourceName + " 缺少 \"years\" 对象 (" + sourceName
                    + " has no \"years\" object)");
        }
        if (yearsNode.isEmpty()) {
            throw new CalendarDataException(sourceName + " 中没有任何年份 (" + sourceName + " lists no years)");
        }
        JsonNode sources = root.path("sources");
        Map<Integer, YearNotice> years = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : yearsNode.properties()) {
            String key = entry.getKey();
            if (!YEAR_KEY.matcher(key).matches()) {
                throw new CalendarDataException(sourceName + " 中的年份键 \"" + key + "\" 不是四位数字 (year key \"" + key
                        + "\" in " + sourceName + " is not 4 digits)");
            }
            int year = Integer.parseInt(key);
            JsonNode source = sources.path(key);
            years.put(year, parseYear(year, entry.getValue(), source.isTextual() ? source.asText() : "", sourceName));
        }
        return new CalendarData(years);
    }

    private static YearNotice parseYear(int year, JsonNode node, String source, String sourceName) {
        if (!node.isObject()) {
            throw new CalendarDataException(sourceName + " 中 " + year + " 年的安排不是 JSON 对象 (the entry for " + year
                    + " in " + sourceName + " is not a JSON object)");
        }
        SortedSet<LocalDate> holidays = parseDates(year, node, "holidays", sourceName);
        SortedSet<LocalDate> makeups = parseDates(year, node, "makeupWorkdays", sourceName);
        for (LocalDate day : makeups) {
            if (holidays.contains(day)) {
                throw new CalendarDataException(sourceName + " 中 " + year + " 年的 " + day
                        + " 同时被列为节假日和调休上班日 (" + day + " is listed both as a holiday and as a make-up working day in "
                        + year + " of " + sourceName + ")");
            }
            DayOfWeek dayOfWeek = day.getDayOfWeek();
            if (dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY) {
                throw new CalendarDataException(sourceName + " 中 " + year + " 年的调休上班日 " + day + " 是"
                        + dayOfWeek.getDisplayName(TextStyle.FULL, Locale.CHINA) + "，调休上班日只能是周六或周日 (make-up working day "
                        + day + " in " + year + " of " + sourceName + " is a "
                        + dayOfWeek.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + "; a make-up working day must be a Saturday or Sunday)");
            }
        }
        return new YearNotice(source, holidays, makeups);
    }

    private static SortedSet<LocalDate> parseDates(int year, JsonNode yearNode, String field, String sourceName) {
        JsonNode array = yearNode.get(field);
        if (array == null || !array.isArray()) {
            throw new CalendarDataException(sourceName + " 中 " + year + " 年缺少 \"" + field + "\" 数组 (the entry for "
                    + year + " in " + sourceName + " has no \"" + field + "\" array)");
        }
        SortedSet<LocalDate> dates = new TreeSet<>();
        for (JsonNode element : array) {
            LocalDate date = parseDate(year, field, element, sourceName);
            // A notice names a few days of the neighbouring years (2024 lists 2023-12-30); further is a typo.
            if (Math.abs(date.getYear() - year) > 1) {
                throw new CalendarDataException(sourceName + " 中 " + year + " 年的 \"" + field + "\" 含有日期 " + date
                        + "，不在该年或相邻年份 (\"" + field + "\" of " + year + " in " + sourceName + " holds " + date
                        + ", which is not in that year or an adjacent one)");
            }
            if (!dates.add(date)) {
                throw new CalendarDataException(sourceName + " 中 " + year + " 年的 \"" + field + "\" 重复列出 " + date
                        + " (\"" + field + "\" of " + year + " in " + sourceName + " lists " + date + " twice)");
            }
        }
        return dates;
    }

    private static LocalDate parseDate(int year, String field, JsonNode element, String sourceName) {
        String text = element.isTextual() ? element.asText() : element.toString();
        if (element.isTextual() && ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // falls through to the common message: well-formed but impossible, e.g. 2026-02-30
            }
        }
        throw new CalendarDataException(sourceName + " 中 " + year + " 年的 \"" + field + "\" 含有无效日期 " + text
                + "，应为 yyyy-MM-dd (\"" + field + "\" of " + year + " in " + sourceName + " holds the invalid date "
                + text + ", expected yyyy-MM-dd)");
    }

    /**
     * Combines this data with another; a year present in both is taken wholly from the other.
     *
     * @param other data whose years replace or extend these
     * @return the combined data; this and {@code other} are unchanged
     * @throws CalendarDataException if the result lists a date both as a holiday and as a
     *         make-up working day in different years' notices
     */
    public CalendarData merge(CalendarData other) {
        Map<Integer, YearNotice> merged = new TreeMap<>(years);
        merged.putAll(other.years);
        return new CalendarData(merged);
    }

    /**
     * The notices by year.
     *
     * @return unmodifiable, ascending by year
     */
    public SortedMap<Integer, YearNotice> years() {
        return years;
    }

    /**
     * The years whose notice is present.
     *
     * @return unmodifiable, ascending
     */
    public SortedSet<Integer> knownYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(years.keySet()));
    }

    boolean isKnownYear(int year) {
        return years.containsKey(year);
    }

    boolean isHoliday(LocalDate date) {
        return holidays.containsKey(date);
    }

    boolean isMakeupWorkday(LocalDate date) {
        return makeupWorkdays.containsKey(date);
    }
}
