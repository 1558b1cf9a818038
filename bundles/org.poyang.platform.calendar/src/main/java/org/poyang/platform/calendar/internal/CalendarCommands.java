package org.poyang.platform.calendar.internal;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.calendar.CalendarDataException;
import org.poyang.platform.calendar.UnknownYearException;

/** Gogo shell commands {@code calendar:years|check|deadline|load} for operators. */
@Component(service = CalendarCommands.class, property = {
    "osgi.command.scope=calendar",
    "osgi.command.function=years",
    "osgi.command.function=check",
    "osgi.command.function=deadline",
    "osgi.command.function=load"
})
public class CalendarCommands {

    private final WorkingDayCalendarService calendar;

    /**
     * Creates the commands over the running calendar.
     *
     * @param calendar the calendar service, by its implementation class for {@code load}
     */
    @Activate
    public CalendarCommands(@Reference WorkingDayCalendarService calendar) {
        this.calendar = calendar;
    }

    /**
     * Lists the known years and the notice each comes from.
     *
     * @return one line per year
     */
    public String years() {
        return describeYears(calendar.data());
    }

    /**
     * Tells whether a date is a working day, and why.
     *
     * @param isoDate the date, yyyy-MM-dd
     * @return the answer
     */
    public String check(String isoDate) {
        try {
            LocalDate date = parse(isoDate);
            CalendarData data = calendar.data();
            boolean working = calendar.isWorkingDay(date);
            String reason;
            if (data.isMakeupWorkday(date)) {
                reason = "调休上班日 (make-up working day)";
            } else if (data.isHoliday(date)) {
                reason = "法定节假日 (public holiday)";
            } else if (working) {
                reason = "周一至周五 (Monday to Friday)";
            } else {
                reason = "周末 (weekend)";
            }
            return date + " " + weekday(date) + "：" + (working ? "工作日" : "非工作日") + "，" + reason + " ("
                    + (working ? "working day" : "not a working day") + ")";
        } catch (IllegalArgumentException | UnknownYearException e) {
            return error(e);
        }
    }

    /**
     * Computes the deadline N working days after receipt, the receipt day not counted (Art. 18, 19, 23).
     *
     * @param isoDate the receipt date, yyyy-MM-dd
     * @param workingDays the number of working days, e.g. 10
     * @return the deadline
     */
    public String deadline(String isoDate, int workingDays) {
        try {
            LocalDate receipt = parse(isoDate);
            LocalDate deadline = calendar.addWorkingDays(receipt, workingDays);
            return receipt + " 收到，" + workingDays + " 个工作日（收到当日不计）的期限为 " + deadline + " " + weekday(deadline)
                    + " (received " + receipt + ", receipt day not counted: " + workingDays
                    + " working days end on " + deadline + ", a "
                    + deadline.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
        } catch (IllegalArgumentException | UnknownYearException e) {
            return error(e);
        }
    }

    /**
     * Validates a data file and merges it into the running calendar.
     *
     * @param path the JSON file in the cn-workdays.json format
     * @return what was loaded, with a reminder that it is not persistent
     */
    public String load(String path) {
        try {
            CalendarData loaded = calendar.load(Path.of(path));
            return "已合并 " + path + " 中的年份 " + loaded.knownYears() + " (merged years " + loaded.knownYears()
                    + " from " + path + ")\n"
                    + describeYears(calendar.data()) + "\n"
                    + "注意：此次加载只保留到重启或配置变更；要长期生效，请把该文件加入配置 dataFiles"
                    + " (note: the loaded data is kept only until restart or a configuration change;"
                    + " to keep it, also list the file in the configuration property dataFiles)";
        } catch (CalendarDataException | IllegalArgumentException e) {
            return error(e);
        }
    }

    private static String describeYears(CalendarData data) {
        return "已知年份 (known years):\n" + data.years().entrySet().stream()
                .map(CalendarCommands::describeYear)
                .collect(Collectors.joining("\n"));
    }

    private static String describeYear(Map.Entry<Integer, CalendarData.YearNotice> entry) {
        String source = entry.getValue().source();
        return "  " + entry.getKey() + (source.isEmpty() ? "" : "  " + source);
    }

    private static LocalDate parse(String isoDate) {
        try {
            return LocalDate.parse(isoDate.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("无效日期 \"" + isoDate + "\"，应为 yyyy-MM-dd (invalid date \"" + isoDate
                    + "\", expected yyyy-MM-dd)", e);
        }
    }

    private static String weekday(LocalDate date) {
        DayOfWeek dayOfWeek = date.getDayOfWeek();
        return dayOfWeek.getDisplayName(TextStyle.FULL, Locale.CHINA);
    }

    private static String error(RuntimeException e) {
        return "错误 (error): " + e.getMessage();
    }
}
