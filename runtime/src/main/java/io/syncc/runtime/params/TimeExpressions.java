package io.syncc.runtime.params;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DataWorks-style scheduling parameters, evaluated against a run's scheduled time ({@code cyctime}).
 * The business date ({@code bizdate}) is the day before the scheduled time's date.
 *
 * <ul>
 *   <li>{@code $[FORMAT]}, {@code $[FORMAT-N]}, {@code $[FORMAT-N/24]}, {@code $[FORMAT-N/24/60]}: the scheduled
 *       time moved by N days, hours or minutes (also {@code +}), formatted;
 *       {@code $[add_months(FORMAT,N)]}: moved by N months (a day past the month's end becomes its last day).</li>
 *   <li>{@code ${FORMAT}}, {@code ${FORMAT-N}}: the business date moved by N units of the format's smallest
 *       field: days when it has {@code dd} ({@code ${yyyymmdd-7*N}}: weeks), else months when it has
 *       {@code mm}, else years.</li>
 *   <li>{@code $bizdate} (yyyymmdd of the business date), {@code $cyctime} (yyyymmddhh24miss of the
 *       scheduled time), {@code $gmtdate} (yyyymmdd of the scheduled time), {@code $bizmonth} (yyyymm: the
 *       business date's month, or the month before when the business date is in the scheduled time's month).</li>
 * </ul>
 * A FORMAT is made of {@code yyyy}, {@code yy}, {@code mm} (month), {@code dd}, {@code hh24}, {@code hh} (12-hour),
 * {@code mi}, {@code ss} and the separators {@code - _ : / . T} and space, in any case. Text around
 * the expressions is kept.
 */
public final class TimeExpressions {

    /** Parameters every job has without declaring them: {@code ${bizdate}}, {@code ${cyctime}}, {@code ${gmtdate}}, {@code ${bizmonth}}. */
    public static final Set<String> BUILT_INS = Set.of("bizdate", "cyctime", "gmtdate", "bizmonth");

    private static final Pattern BRACKET = Pattern.compile("\\$\\[([^\\]]*)]");
    private static final Pattern BRACE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DOLLAR_BUILT_IN = Pattern.compile("\\$(bizdate|cyctime|gmtdate|bizmonth)\\b");
    private static final Pattern FORMAT = Pattern.compile("(?i)(yyyy|yy|mm|dd|hh24|hh|mi|ss|[-_:/ .T])+");
    private static final Pattern TOKEN = Pattern.compile("(?i)yyyy|yy|mm|dd|hh24|hh|mi|ss|[-_:/ .T]");
    /** A trailing offset: sign, a count (or 7*count for weeks) and for $[...] /24 (hours) or /24/60 (minutes). */
    private static final Pattern OFFSET = Pattern.compile("\\s*([+-])\\s*(?:(7)\\s*\\*\\s*)?(\\d{1,6})(/24(?:/60)?)?\\s*$");
    private static final Pattern ADD_MONTHS = Pattern.compile("(?i)\\s*add_months\\s*\\(\\s*(.+?)\\s*,\\s*([+-]?\\s*\\d{1,6})\\s*\\)\\s*");

    private TimeExpressions() {
    }

    /** The value of a built-in parameter at {@code cyctime}, or empty when {@code name} is not one. */
    public static Optional<String> builtIn(String name, LocalDateTime cyctime) {
        LocalDate bizdate = cyctime.toLocalDate().minusDays(1);
        return Optional.ofNullable(switch (name.toLowerCase(Locale.ROOT)) {
            case "bizdate" -> bizdate.format(DateTimeFormatter.BASIC_ISO_DATE);
            case "cyctime" -> cyctime.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
            case "gmtdate" -> cyctime.toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE);
            case "bizmonth" -> (bizdate.getYear() == cyctime.getYear() && bizdate.getMonth() == cyctime.getMonth()
                    ? bizdate.minusMonths(1) : bizdate).format(DateTimeFormatter.ofPattern("yyyyMM"));
            default -> null;
        });
    }

    /**
     * Replaces every {@code $[...]}, time-format {@code ${...}} and {@code $bizdate}-style built-in of
     * {@code value}; other text (and {@code ${name}} of a parameter) is kept.
     *
     * @throws IllegalArgumentException naming the first expression that is not valid
     */
    public static String expand(String value, LocalDateTime cyctime) {
        return expand(value, cyctime, java.time.ZoneOffset.UTC);
    }

    /**
     * As {@link #expand(String, LocalDateTime)} for a scheduled time on the clocks of {@code zone}:
     * hour and minute offsets ({@code -1/24}, {@code -30/24/60}) are elapsed time, so across a
     * daylight-saving change an hour before 03:30 on the spring-forward day is 01:30, and an hour
     * before the second 02:30 of the fall-back day is the first; day and month offsets are calendar
     * days and months on those clocks.
     */
    public static String expand(String value, LocalDateTime cyctime, java.time.ZoneId zone) {
        String out = replace(BRACKET, value, m -> scheduled(m.group(1), cyctime, zone));
        out = replace(BRACE, out, m -> isFormatExpression(m.group(1)) ? business(m.group(1), cyctime.toLocalDate().minusDays(1)) : m.group());
        return replace(DOLLAR_BUILT_IN, out, m -> builtIn(m.group(1), cyctime).orElseThrow());
    }

    /** Why {@code value} does not evaluate (its first bad expression), or empty when it does. */
    public static Optional<String> problem(String value) {
        try {
            expand(value, LocalDateTime.of(2000, 1, 1, 0, 0));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A {@code ${...}} body that is a time format (with an optional offset), not a parameter name. */
    public static boolean isFormatExpression(String body) {
        String fmt = body;
        Matcher o = OFFSET.matcher(body);
        if (o.find() && o.start() > 0) {
            fmt = body.substring(0, o.start());
        }
        return FORMAT.matcher(fmt.trim()).matches() && fmt.trim().matches("(?i).*(yyyy|yy|mm|dd).*") && !BUILT_INS.contains(body.trim().toLowerCase(Locale.ROOT));
    }

    private static String scheduled(String body, LocalDateTime cyctime, java.time.ZoneId zone) {
        Matcher am = ADD_MONTHS.matcher(body);
        if (am.matches()) {
            String fmt = am.group(1);
            requireFormat(fmt, "$[" + body + "]");
            int months = Integer.parseInt(am.group(2).replace(" ", "").replace("+", ""));
            return format(fmt, cyctime.plusMonths(months));
        }
        String fmt = body;
        LocalDateTime t = cyctime;
        Matcher o = OFFSET.matcher(body);
        if (o.find() && o.start() > 0) {
            fmt = body.substring(0, o.start());
            if (o.group(2) != null) {
                throw new IllegalArgumentException("invalid time expression $[" + body + "]: weeks (7*N) are written ${yyyymmdd-7*N}; in $[...] write the days");
            }
            long n = Long.parseLong(o.group(3)) * ("-".equals(o.group(1)) ? -1 : 1);
            t = o.group(4) == null ? t.plusDays(n) : ZonedDateTime.of(t, zone)
                    .plus(n, "/24".equals(o.group(4)) ? java.time.temporal.ChronoUnit.HOURS : java.time.temporal.ChronoUnit.MINUTES)
                    .toLocalDateTime();
        }
        requireFormat(fmt, "$[" + body + "]");
        return format(fmt, t);
    }

    private static String business(String body, LocalDate bizdate) {
        String fmt = body;
        LocalDate d = bizdate;
        Matcher o = OFFSET.matcher(body);
        if (o.find() && o.start() > 0) {
            fmt = body.substring(0, o.start());
            if (o.group(4) != null) {
                throw new IllegalArgumentException("invalid time expression ${" + body + "}: ${...} is a business date; hours and minutes are $[...-N/24]");
            }
            long n = Long.parseLong(o.group(3)) * (o.group(2) != null ? 7 : 1) * ("-".equals(o.group(1)) ? -1 : 1);
            String lower = fmt.toLowerCase(Locale.ROOT);
            if (lower.contains("dd")) {
                d = d.plusDays(n);
            } else if (o.group(2) != null) {
                throw new IllegalArgumentException("invalid time expression ${" + body + "}: weeks need a format with dd");
            } else if (lower.replace("yyyy", "").replace("yy", "").contains("mm")) {
                d = d.plusMonths(n);
            } else {
                d = d.plusYears(n);
            }
        }
        requireFormat(fmt, "${" + body + "}");
        if (fmt.toLowerCase(Locale.ROOT).matches(".*(hh|mi|ss).*")) {
            throw new IllegalArgumentException("invalid time expression ${" + body + "}: ${...} is a business date (no hh24, mi, ss); use $[...]");
        }
        return format(fmt, d.atStartOfDay());
    }

    private static void requireFormat(String fmt, String expression) {
        if (fmt.isBlank() || !FORMAT.matcher(fmt.trim()).matches()) {
            throw new IllegalArgumentException("invalid time expression " + expression + "; expected a pattern of yyyy, mm, dd, hh24, mi, ss"
                    + " with an optional offset such as -1 (days), -1/24 (hours) or -30/24/60 (minutes)");
        }
    }

    private static final Map<String, String> JAVA = Map.of("yyyy", "uuuu", "yy", "uu", "mm", "MM", "dd", "dd", "hh24", "HH", "hh", "hh",
            "mi", "mm", "ss", "ss");

    private static String format(String fmt, LocalDateTime t) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(fmt.trim());
        while (m.find()) {
            String token = m.group().toLowerCase(Locale.ROOT);
            String pattern = JAVA.get(token);
            out.append(pattern == null ? m.group() : t.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT)));
        }
        return out.toString();
    }

    private interface Replacer {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String text, Replacer r) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(r.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The time zone of a run's scheduled time: {@code given} ({@code --time-zone}), else
     * {@code $SYNCC_TIME_ZONE}, else the machine's.
     *
     * @throws IllegalArgumentException for a zone that does not exist
     */
    public static java.time.ZoneId zone(String given) {
        String zone = given != null ? given : System.getenv("SYNCC_TIME_ZONE");
        try {
            return zone == null || zone.isBlank() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + zone + "; write a region such as Asia/Shanghai or an offset such as +08:00");
        }
    }

    /** The scheduled time of a run: {@code --at} when given (ISO or yyyymmddhh24miss), else now, in {@code zone}. */
    public static LocalDateTime scheduledTime(String at, java.time.ZoneId zone) {
        if (at == null || at.isBlank()) {
            return ZonedDateTime.now(zone).toLocalDateTime().withNano(0);
        }
        String s = at.trim();
        try {
            if (s.matches("\\d{14}")) {
                return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
            }
            if (s.matches("\\d{8}")) {
                return LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay();
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s).atStartOfDay();
            }
            return LocalDateTime.parse(s.replace(' ', 'T'));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--at " + at + " is not a time: write 2026-11-24T02:00, 2026-11-24 or 20261124020000");
        }
    }
}
