package io.syncc.runtime.codegen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The value conversions generated code calls: parsing text, narrowing numbers with range
 * checks, and formatting values as text. Every failure is a {@link ConversionException} naming
 * the column, which the runtime records as a dirty row. Temporal values follow the epoch
 * conventions of {@link io.syncc.runtime.types.SqlType.Kind}.
 */
public final class Conversions {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** {@code yyyyMMddHHmmss}, as DataWorks-style time strings are written. */
    private static final java.time.format.DateTimeFormatter BASIC_DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private Conversions() {
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- text -> value ---------------------------------------------------------------------

    public static boolean parseBool(String s, String column) throws ConversionException {
        try {
            return PgText.parseBool(s);
        } catch (PgText.Refused e) {
            throw cannot(s, "boolean", column);
        }
    }

    public static short parseInt16(String s, String column) throws ConversionException {
        return (short) integer(s, "smallint", Short.MIN_VALUE, Short.MAX_VALUE, column);
    }

    public static int parseInt32(String s, String column) throws ConversionException {
        return (int) integer(s, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE, column);
    }

    public static long parseInt64(String s, String column) throws ConversionException {
        return integer(s, "bigint", Long.MIN_VALUE, Long.MAX_VALUE, column);
    }

    private static long integer(String s, String type, long min, long max, String column) throws ConversionException {
        try {
            return PgText.parseInteger(s, type, min, max);
        } catch (PgText.Refused e) {
            throw e.getMessage().startsWith("invalid input syntax") ? cannot(s, type, column)
                    : ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** As {@code float4in}: NaN, ±Infinity; a value beyond real's range (or that underflows to zero) is refused. */
    public static float parseFloat32(String s, String column) throws ConversionException {
        try {
            return (float) PgText.parseFloat(s, true);
        } catch (PgText.Refused e) {
            throw e.getMessage().startsWith("invalid input syntax") ? cannot(s, "real", column)
                    : ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** As {@code float8in}: NaN, ±Infinity; a value beyond double's range (or that underflows to zero) is refused. */
    public static double parseFloat64(String s, String column) throws ConversionException {
        try {
            return PgText.parseFloat(s, false);
        } catch (PgText.Refused e) {
            throw e.getMessage().startsWith("invalid input syntax") ? cannot(s, "double precision", column)
                    : ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** As {@code numeric_in}; NaN and ±Infinity are {@link PgText#NUMERIC_NAN} and its siblings. */
    public static BigDecimal parseDecimal(String s, String column) throws ConversionException {
        try {
            return PgText.parseNumeric(s);
        } catch (PgText.Refused e) {
            throw e.getMessage().startsWith("invalid input syntax") ? cannot(s, "numeric", column)
                    : ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** A decimal read by a fast parser, checked against numeric's limits. */
    public static BigDecimal checkDecimal(BigDecimal v, String column) throws ConversionException {
        try {
            return PgText.checkNumeric(v);
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        }
    }

    public static UUID parseUuid(String s, String column) throws ConversionException {
        try {
            return PgText.parseUuid(s);
        } catch (PgText.Refused e) {
            throw cannot(s, "uuid", column);
        }
    }

    /** As {@code byteain}: {@code \x} hex or the escape format, on the text's UTF-8 bytes. */
    public static byte[] parseBytea(String s, String column) throws ConversionException {
        try {
            return PgText.parseBytea(s);
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** Days since 1970-01-01; ISO {@code yyyy-MM-dd} when {@code format} is null. */
    public static int parseDate(String s, String column, TimeFormat format) throws ConversionException {
        try {
            if (format == null) {
                Integer pg = PgText.parseDate(s);
                if (pg != null) {
                    return pg;
                }
            }
            String t = s.trim();
            LocalDate d = format != null ? LocalDate.from(format.formatter().parse(t))
                    : t.length() == 8 && isDigits(t) ? LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(t);
            return inRange((int) d.toEpochDay(), s, column);
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw cannot(s, "date", column, format);
        }
    }

    /** Microseconds since the epoch, no zone; ISO with {@code T} or a space when {@code format} is null. */
    public static long parseTimestamp(String s, String column, TimeFormat format) throws ConversionException {
        String t = s.trim();
        try {
            if (format == null) {
                Long pg = PgText.parseTimestamp(s, false);
                if (pg != null) {
                    return pg;
                }
            }
            LocalDateTime ldt;
            if (format != null) {
                TemporalAccessor ta = format.formatter().parse(t);
                ldt = ta.isSupported(ChronoField.HOUR_OF_DAY)
                        ? LocalDateTime.from(ta)
                        : LocalDate.from(ta).atStartOfDay();
            } else if (t.length() == 8 && isDigits(t)) {
                ldt = LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay();
            } else if (t.length() == 14 && isDigits(t)) {
                ldt = LocalDateTime.parse(t, BASIC_DATE_TIME);
            } else if (t.length() == 10) {
                ldt = LocalDate.parse(t).atStartOfDay();
            } else if (t.indexOf('T') > 0) {
                ldt = LocalDateTime.parse(t);
            } else {
                ldt = LocalDateTime.parse(t.replace(' ', 'T'));
            }
            return inRange(epochMicros(ldt), s, column);
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw cannot(s, "timestamp", column, format);
        }
    }

    /** Microseconds since the epoch (UTC); an offset in the text is honoured, none means UTC. */
    public static long parseTimestamptz(String s, String column, TimeFormat format) throws ConversionException {
        String t = s.trim();
        try {
            if (format != null) {
                TemporalAccessor ta = format.formatter().parse(t);
                if (ta.isSupported(ChronoField.OFFSET_SECONDS)) {
                    return inRange(epochMicros(OffsetDateTime.from(ta)), s, column);
                }
                return inRange(epochMicros(LocalDateTime.from(ta).atOffset(ZoneOffset.UTC)), s, column);
            }
            Long pg = PgText.parseTimestamp(s, true);
            if (pg != null) {
                return pg;
            }
            String iso = t.indexOf('T') > 0 ? t : t.replaceFirst(" ", "T");
            try {
                return inRange(epochMicros(OffsetDateTime.parse(iso)), s, column);
            } catch (DateTimeParseException noOffset) {
                return inRange(epochMicros(LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC)), s, column);
            }
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw cannot(s, "timestamptz", column, format);
        }
    }

    /** Microseconds since midnight. */
    public static long parseTime(String s, String column, TimeFormat format) throws ConversionException {
        try {
            if (format == null) {
                Long pg = PgText.parseTime(s);
                if (pg != null) {
                    return pg;
                }
            }
            LocalTime lt = format == null ? LocalTime.parse(s.trim()) : LocalTime.from(format.formatter().parse(s.trim()));
            return lt.toNanoOfDay() / 1000;
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        } catch (java.time.DateTimeException e) {
            throw cannot(s, "time", column, format);
        }
    }

    private static int inRange(int day, String s, String column) throws ConversionException {
        if (day < PgText.DATE_MIN || day > PgText.DATE_MAX) {
            throw ConversionException.forColumn(column, "date out of range: " + quote(s));
        }
        return day;
    }

    private static long inRange(long micros, String s, String column) throws ConversionException {
        if (micros < PgText.TS_MIN || micros > PgText.TS_MAX) { // (java.time values past 294247 overflow before they get here)
            throw ConversionException.forColumn(column, "timestamp out of range: " + quote(s));
        }
        return micros;
    }

    // ---- numeric narrowing -------------------------------------------------------------------

    public static short toInt16(long v, String column) throws ConversionException {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw ConversionException.forColumn(column, v + " is out of range for smallint");
        }
        return (short) v;
    }

    public static int toInt32(long v, String column) throws ConversionException {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw ConversionException.forColumn(column, v + " is out of range for integer");
        }
        return (int) v;
    }

    /** A floating value becomes an integer only when it has no fraction and fits. */
    public static long toInt64(double v, String column) throws ConversionException {
        if (Double.isNaN(v) || Double.isInfinite(v) || v != Math.rint(v) || v < -9.223372036854776E18 || v >= 9.223372036854776E18) {
            throw ConversionException.forColumn(column, text(v) + " is not a whole number in range for bigint");
        }
        return (long) v;
    }

    public static long toInt64(BigDecimal v, String column) throws ConversionException {
        if (PgText.isSpecial(v)) {
            throw ConversionException.forColumn(column, "cannot convert " + PgText.numericText(v) + " to bigint");
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw ConversionException.forColumn(column, v.toPlainString() + " is not a whole number in range for bigint");
        }
    }

    public static BigDecimal decimal(long v) {
        return BigDecimal.valueOf(v);
    }

    /** double precision to numeric as the server casts it: 15 significant digits ({@code %.15g}); NaN and ±Infinity kept. */
    public static BigDecimal decimal(double v, String column) {
        return decimal(v, 15);
    }

    /** real to numeric as the server casts it: 6 significant digits ({@code %.6g}). */
    public static BigDecimal decimal32(float v, String column) {
        return decimal(v, 6);
    }

    private static BigDecimal decimal(double v, int digits) {
        if (Double.isNaN(v)) {
            return PgText.NUMERIC_NAN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? PgText.NUMERIC_POS_INF : PgText.NUMERIC_NEG_INF;
        }
        if (v == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal r = new BigDecimal(v).round(new java.math.MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /** numeric to double precision as the server casts it: NaN and ±Infinity kept, out of range refused. */
    public static double toFloat64(BigDecimal v, String column) throws ConversionException {
        if (PgText.isSpecial(v)) {
            return v == PgText.NUMERIC_NAN ? Double.NaN : v == PgText.NUMERIC_POS_INF ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double d = v.doubleValue();
        if (Double.isInfinite(d) || (d == 0 && v.signum() != 0)) {
            throw ConversionException.forColumn(column, quote(v.toPlainString()) + " is out of range for type double precision");
        }
        return d;
    }

    /** numeric to real as the server casts it. */
    public static float toFloat32(BigDecimal v, String column) throws ConversionException {
        if (PgText.isSpecial(v)) {
            return (float) toFloat64(v, column);
        }
        float f = v.floatValue();
        if (Float.isInfinite(f) || (f == 0 && v.signum() != 0)) {
            throw ConversionException.forColumn(column, quote(v.toPlainString()) + " is out of range for type real");
        }
        return f;
    }

    /** double precision to real as the server casts it: overflow and underflow to zero are refused. */
    public static float toFloat32(double v, String column) throws ConversionException {
        float f = (float) v;
        if (Float.isInfinite(f) && !Double.isInfinite(v)) {
            throw ConversionException.forColumn(column, "value out of range: overflow");
        }
        if (f == 0 && v != 0) {
            throw ConversionException.forColumn(column, "value out of range: underflow");
        }
        return f;
    }

    /**
     * Rounds to {@code scale} (half up, as PostgreSQL does) and checks that the value fits
     * {@code numeric(precision, scale)}; precision 0 means unconstrained.
     */
    public static BigDecimal fitDecimal(BigDecimal v, int precision, int scale, String column) throws ConversionException {
        if (precision == 0 || v == PgText.NUMERIC_NAN) {
            return v;
        }
        if (PgText.isSpecial(v)) {
            throw ConversionException.forColumn(column, "numeric field overflow: numeric(" + precision + "," + scale
                    + ") cannot hold an infinite value");
        }
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > precision - scale) {
            // the server's words: numeric field overflow, with its detail
            throw ConversionException.forColumn(column, "numeric field overflow: " + v.toPlainString() + " does not fit numeric("
                    + precision + "," + scale + "), which must round to an absolute value less than 10^" + (precision - scale));
        }
        return r;
    }

    /**
     * Checks a varchar/char length limit (in characters, as PostgreSQL counts them); as the server
     * does, a value too long only by trailing spaces is cut to the limit.
     */
    public static String fitText(String v, int maxLength, String column) throws ConversionException {
        if (maxLength > 0 && v.length() > maxLength && v.codePointCount(0, v.length()) > maxLength) {
            int cut = v.offsetByCodePoints(0, maxLength);
            if (v.substring(cut).chars().allMatch(c -> c == ' ')) {
                return v.substring(0, cut);
            }
            throw ConversionException.forColumn(column, "value of " + v.codePointCount(0, v.length())
                    + " characters is too long for length " + maxLength);
        }
        return v;
    }

    // ---- temporal ----------------------------------------------------------------------------

    /** date to timestamp as the server casts it: infinities kept, dates past 294276 AD refused. */
    public static long dateToTimestamp(int epochDays, String column) throws ConversionException {
        if (epochDays == PgText.DATE_POS_INF) {
            return PgText.TS_POS_INF;
        }
        if (epochDays == PgText.DATE_NEG_INF) {
            return PgText.TS_NEG_INF;
        }
        if (epochDays < PgText.DATE_MIN || epochDays > PgText.TS_LAST_DAY) {
            throw ConversionException.forColumn(column, "date out of range for timestamp");
        }
        if (epochDays > PgText.TS_MAX / MICROS_PER_DAY) {
            throw ConversionException.forColumn(column, "date out of range for timestamp (" + PgText.TS_BEYOND + ")");
        }
        return epochDays * MICROS_PER_DAY;
    }

    public static int timestampToDate(long epochMicros) {
        if (epochMicros == PgText.TS_POS_INF) {
            return PgText.DATE_POS_INF;
        }
        if (epochMicros == PgText.TS_NEG_INF) {
            return PgText.DATE_NEG_INF;
        }
        return (int) Math.floorDiv(epochMicros, MICROS_PER_DAY);
    }

    /** A date as the server writes it (ISO; {@code BC}, {@code ±infinity}) to days since 1970-01-01. */
    public static int epochDays(String pgText) {
        return PgText.parseDate(pgText);
    }

    /**
     * A timestamp or timestamptz as the server writes it (ISO, any offset; {@code BC}, {@code ±infinity})
     * to microseconds; one past what syncc carries (294247) is a conversion error.
     */
    public static long epochMicros(String pgText, boolean tz, String column) throws ConversionException {
        try {
            return PgText.parseTimestamp(pgText, tz);
        } catch (PgText.Refused e) {
            throw ConversionException.forColumn(column, e.getMessage());
        }
    }

    /** A time as the server writes it (up to {@code 24:00:00}) to microseconds since midnight. */
    public static long microsOfDay(String pgText) {
        return PgText.parseTime(pgText);
    }

    /** A numeric as the server writes it, NaN and ±Infinity included. */
    public static BigDecimal decimal(String pgText) {
        return PgText.parseNumeric(pgText);
    }

    public static int epochDays(LocalDate d) {
        return (int) d.toEpochDay();
    }

    public static long epochMicros(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
    }

    public static long epochMicros(OffsetDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    public static long microsOfDay(LocalTime t) {
        return t.toNanoOfDay() / 1000;
    }

    // ---- value -> text -----------------------------------------------------------------------

    public static String text(boolean v) {
        return v ? "true" : "false";
    }

    public static String text(long v) {
        return Long.toString(v);
    }

    /** As the server writes a double precision ({@code 0.1}, {@code 1e+20}, {@code -0}, {@code NaN}). */
    public static String text(double v) {
        return PgText.floatText(v, false);
    }

    /** As the server writes a real ({@code 0.1}, {@code 1.6777216e+07}). */
    public static String realText(float v) {
        return PgText.floatText(v, true);
    }

    /** A char(n) value as text, as the server casts it: trailing spaces dropped. */
    public static String charToText(String v) {
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == ' ') {
            end--;
        }
        return end == v.length() ? v : v.substring(0, end);
    }

    public static String text(BigDecimal v) {
        return PgText.numericText(v);
    }

    public static String text(UUID v) {
        return v.toString();
    }

    public static String text(byte[] v) {
        return "\\x" + HexFormat.of().formatHex(v);
    }

    /** As the server writes dates (DateStyle ISO): {@code 2020-01-31}, {@code 0044-03-15 BC}, {@code infinity}. */
    public static String dateText(int epochDays) {
        return PgText.dateText(epochDays);
    }

    public static String timestampText(long epochMicros) {
        return PgText.timestampText(epochMicros, false);
    }

    /** In UTC, with its offset: {@code 2020-01-31 10:00:00+00}. */
    public static String timestamptzText(long epochMicros) {
        return PgText.timestampText(epochMicros, true);
    }

    public static String timeText(long microsOfDay) {
        return PgText.timeText(microsOfDay);
    }

    /** Whole-number text of a BigInteger-valued decimal, used when a numeric is read as text. */
    public static String integerText(BigInteger v) {
        return v.toString();
    }

    private static ConversionException cannot(String value, String type, String column) {
        return ConversionException.forColumn(column, "cannot read " + quote(value) + " as " + type);
    }

    private static ConversionException cannot(String value, String type, String column, TimeFormat format) {
        if (format == null) {
            return cannot(value, type, column);
        }
        return ConversionException.forColumn(column, "cannot read " + quote(value) + " as " + type + " with format " + format);
    }

    /** Quotes a value for a message, cut to 80 characters. */
    public static String quote(String value) {
        String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return '"' + v.replace("\"", "\\\"") + '"';
    }
}
