package io.syncc.runtime.codegen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Row representations → the java.time values pgjdbc binds (generated INSERT binders call these). */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** Binds a numeric; NaN and ±Infinity (which BigDecimal cannot hold) as text typed by the column. */
    public static void bindNumeric(java.sql.PreparedStatement ps, int index, java.math.BigDecimal v) throws java.sql.SQLException {
        if (PgText.isSpecial(v)) {
            ps.setObject(index, PgText.numericText(v), java.sql.Types.OTHER);
        } else {
            ps.setBigDecimal(index, v);
        }
    }

    public static LocalDate localDate(int epochDays) {
        return LocalDate.ofEpochDay(epochDays);
    }

    public static LocalDateTime localDateTime(long epochMicros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                (int) Math.floorMod(epochMicros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    public static OffsetDateTime offsetDateTime(long epochMicros) {
        return localDateTime(epochMicros).atOffset(ZoneOffset.UTC);
    }

    public static LocalTime localTime(long microsOfDay) {
        return LocalTime.ofNanoOfDay(microsOfDay * 1000);
    }
}
