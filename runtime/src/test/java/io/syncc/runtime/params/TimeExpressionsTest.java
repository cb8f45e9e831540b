package io.syncc.runtime.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DataWorks scheduling parameters, with the examples of its documentation and seeded random times. */
class TimeExpressionsTest {

    /** DataWorks' own example: a daily task scheduled at 00:00 on November 1, 2025. */
    static final LocalDateTime NOV_1 = LocalDateTime.of(2025, 11, 1, 0, 0, 0);
    static final LocalDateTime T = LocalDateTime.of(2026, 3, 31, 2, 30, 15);

    @ParameterizedTest(name = "{0} at 2025-11-01 00:00 is {1}")
    @CsvSource(delimiter = '|', value = {
            "${yyyymmdd}|20251031", "$[yyyymmddhh24miss]|20251101000000", "$bizdate|20251031", "$cyctime|20251101000000",
            "$gmtdate|20251101", "$bizmonth|202510"})
    void theDocumentedExamples(String expression, String expected) {
        assertEquals(expected, TimeExpressions.expand(expression, NOV_1));
    }

    @ParameterizedTest(name = "{0} at 2026-03-31 02:30:15 is {1}")
    @CsvSource(delimiter = '|', value = {
            "$[yyyymmdd]|20260331", "$[yyyymmdd-1]|20260330", "$[yyyymmdd+1]|20260401", "$[yyyy-mm-dd]|2026-03-31",
            "$[hh24miss-1/24]|013015", "$[hh24mi-30/24/60]|0200", "$[yyyymmddhh24-3/24]|2026033023",
            "$[add_months(yyyymmdd,-1)]|20260228", "$[add_months(yyyymmdd,-12)]|20250331", "$[add_months(yyyymm,+2)]|202605",
            "$[yyyy-mm-dd hh24:mi:ss]|2026-03-31 02:30:15", "$[hh]|02", "$[YYYYMMDD]|20260331",
            "${yyyymmdd}|20260330", "${yyyy-mm-dd}|2026-03-30", "${yyyymmdd-1}|20260329", "${yyyymmdd+1}|20260331",
            "${yyyymmdd-7*2}|20260316", "${yyyymm-1}|202602", "${yyyy-1}|2025", "${yyyy-mm-1}|2026-02", "${mm}|03", "${dd}|30",
            "pt=${yyyymmdd} and hour=$[hh24]|pt=20260330 and hour=02", "${bizdate}|${bizdate}", "${region}-$[yyyymmdd]|${region}-20260331",
            "$bizmonth|202602"})
    void expressions(String expression, String expected) {
        assertEquals(expected, TimeExpressions.expand(expression, T));
    }

    /**
     * Expressions × scheduled times × zones: month ends, leap days, and daylight-saving changes, where
     * hour and minute offsets are elapsed time on the zone's clocks and day offsets are calendar days.
     */
    @ParameterizedTest(name = "{0} at {1} in {2} is {3}")
    @CsvSource(delimiter = '|', value = {
            // leap days and month ends (no DST in Shanghai)
            "$[add_months(yyyymmdd,-1)]|2024-03-31T00:00|Asia/Shanghai|20240229",
            "$[add_months(yyyymmdd,+1)]|2024-01-31T00:00|Asia/Shanghai|20240229",
            "$[add_months(yyyymmdd,-12)]|2024-02-29T00:00|Asia/Shanghai|20230228",
            "${yyyymmdd}|2024-03-01T00:00|Asia/Shanghai|20240229",
            "$[yyyymmdd+1]|2024-02-28T23:59|Asia/Shanghai|20240229",
            "${yyyymm-1}|2024-01-01T00:00|Asia/Shanghai|202311",
            "${yyyy-mm-dd-1}|2026-03-01T08:00|Asia/Shanghai|2026-02-27",
            "$[hh24miss-1/24]|2026-01-01T00:30:00|Asia/Shanghai|233000",
            "$[yyyymmddhh24-1/24]|2026-01-01T00:30|Asia/Shanghai|2025123123",
            // Berlin springs forward on 2026-03-29 at 02:00: an hour before 03:30 is 01:30
            "$[hh24mi-1/24]|2026-03-29T03:30|Europe/Berlin|0130",
            "$[yyyymmddhh24-2/24]|2026-03-29T03:30|Europe/Berlin|2026032900",
            "$[hh24mi-30/24/60]|2026-03-29T03:10|Europe/Berlin|0140",
            "$[yyyymmdd hh24-1]|2026-03-29T03:30|Europe/Berlin|20260328 03",
            // and falls back on 2026-10-25 at 03:00: two hours before 03:30 (CET) is the first 02:30 (CEST)
            "$[hh24mi-2/24]|2026-10-25T03:30|Europe/Berlin|0230",
            "$[hh24mi-1/24]|2026-10-25T03:30|Europe/Berlin|0230",
            "$[hh24mi+1/24]|2026-10-25T01:30|Europe/Berlin|0230",
            "$[yyyymmdd-1]|2026-10-25T02:30|Europe/Berlin|20261024",
            // New York springs forward on 2026-03-08
            "$[yyyymmddhh24mi-1/24]|2026-03-08T03:15|America/New_York|202603080115",
            "$[yyyymmddhh24mi-1/24]|2026-03-08T03:15|UTC|202603080215"})
    void expressionsAtTimesInZones(String expression, String at, String zone, String expected) {
        assertEquals(expected, TimeExpressions.expand(expression, LocalDateTime.parse(at), java.time.ZoneId.of(zone)));
    }

    @Test
    void bizmonthIsTheBusinessDatesMonthWhenItIsAnEarlierMonth() {
        assertEquals("202510", TimeExpressions.expand("$bizmonth", NOV_1), "business date Oct 31: its month");
        assertEquals("202510", TimeExpressions.expand("$bizmonth", LocalDateTime.of(2025, 11, 3, 0, 0)), "Nov 2 is in November: the month before");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$[yyyymmdd-x]|invalid time expression $[yyyymmdd-x]; expected a pattern of yyyy, mm, dd, hh24, mi, ss with an optional offset such as -1 (days), -1/24 (hours) or -30/24/60 (minutes)",
            "$[]|invalid time expression $[]; expected a pattern of yyyy, mm, dd, hh24, mi, ss with an optional offset such as -1 (days), -1/24 (hours) or -30/24/60 (minutes)",
            "${yyyymmdd-1/24}|invalid time expression ${yyyymmdd-1/24}: ${...} is a business date; hours and minutes are $[...-N/24]",
            "${yyyymmddhh24}|invalid time expression ${yyyymmddhh24}: ${...} is a business date (no hh24, mi, ss); use $[...]",
            "$[yyyymmdd-7*1]|invalid time expression $[yyyymmdd-7*1]: weeks (7*N) are written ${yyyymmdd-7*N}; in $[...] write the days"})
    void badExpressionsSayWhy(String expression, String message) {
        assertEquals(Optional.of(message), TimeExpressions.problem(expression));
        assertThrows(IllegalArgumentException.class, () -> TimeExpressions.expand(expression, T));
    }

    /** Seeded random scheduled times and offsets against java.time arithmetic done here. */
    @RepeatedTest(200)
    void offsetsAgreeWithCalendarArithmetic(RepetitionInfo info) {
        Random r = new Random(20261124L + info.getCurrentRepetition());
        LocalDateTime t = LocalDateTime.of(1990 + r.nextInt(80), 1 + r.nextInt(12), 1, r.nextInt(24), r.nextInt(60), r.nextInt(60))
                .plusDays(r.nextInt(31));
        int n = r.nextInt(400) - 200;
        String sign = n < 0 ? "-" : "+";
        int a = Math.abs(n);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("uuuuMMdd");
        assertEquals(t.plusDays(n).format(day), TimeExpressions.expand("$[yyyymmdd" + sign + a + "]", t));
        assertEquals(t.plusHours(n).format(DateTimeFormatter.ofPattern("uuuuMMddHH")), TimeExpressions.expand("$[yyyymmddhh24" + sign + a + "/24]", t));
        assertEquals(t.plusMinutes(n).format(DateTimeFormatter.ofPattern("HHmm")), TimeExpressions.expand("$[hh24mi" + sign + a + "/24/60]", t));
        assertEquals(t.plusMonths(n).format(day), TimeExpressions.expand("$[add_months(yyyymmdd," + n + ")]", t));
        assertEquals(t.toLocalDate().minusDays(1).plusDays(n).format(day), TimeExpressions.expand("${yyyymmdd" + sign + a + "}", t));
        assertEquals(t.toLocalDate().minusDays(1).plusMonths(n).format(DateTimeFormatter.ofPattern("uuuuMM")),
                TimeExpressions.expand("${yyyymm" + sign + a + "}", t));
        assertTrue(TimeExpressions.problem("$[yyyymmdd" + sign + a + "]").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"20261124020000|2026-11-24T02:00", "20261124|2026-11-24T00:00", "2026-11-24|2026-11-24T00:00",
            "2026-11-24T02:30|2026-11-24T02:30", "2026-11-24 02:30:05|2026-11-24T02:30:05"})
    void scheduledTimes(String at, String expected) {
        assertEquals(LocalDateTime.parse(expected), TimeExpressions.scheduledTime(at, java.time.ZoneOffset.UTC));
    }
}
