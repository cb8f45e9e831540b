package io.syncc.runtime.codegen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
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
import java.util.Locale;
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
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1", "on":
                return true;
            case "false", "f", "no", "n", "0", "off":
                return false;
            default:
                throw cannot(s, "boolean", column);
        }
    }

    public static short parseInt16(String s, String column) throws ConversionException {
        try {
            return Short.parseShort(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "smallint", column);
        }
    }

    public static int parseInt32(String s, String column) throws ConversionException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "integer", column);
        }
    }

    public static long parseInt64(String s, String column) throws ConversionException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "bigint", column);
        }
    }

    public static float parseFloat32(String s, String column) throws ConversionException {
        try {
            return Float.parseFloat(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "real", column);
        }
    }

    public static double parseFloat64(String s, String column) throws ConversionException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "double precision", column);
        }
    }

    public static BigDecimal parseDecimal(String s, String column) throws ConversionException {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw cannot(s, "numeric", column);
        }
    }

    public static UUID parseUuid(String s, String column) throws ConversionException {
        try {
            return UUID.fromString(s.trim());
        } catch (IllegalArgumentException e) {
            throw cannot(s, "uuid", column);
        }
    }

    /** Days since 1970-01-01; ISO {@code yyyy-MM-dd} when {@code format} is null. */
    public static int parseDate(String s, String column, TimeFormat format) throws ConversionException {
        try {
            String t = s.trim();
            LocalDate d = format != null ? LocalDate.from(format.formatter().parse(t))
                    : t.length() == 8 && isDigits(t) ? LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(t);
            return (int) d.toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw cannot(s, "date", column, format);
        }
    }

    /** Microseconds since the epoch, no zone; ISO with {@code T} or a space when {@code format} is null. */
    public static long parseTimestamp(String s, String column, TimeFormat format) throws ConversionException {
        String t = s.trim();
        try {
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
            return epochMicros(ldt);
        } catch (java.time.DateTimeException e) {
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
                    return epochMicros(OffsetDateTime.from(ta));
                }
                return epochMicros(LocalDateTime.from(ta).atOffset(ZoneOffset.UTC));
            }
            String iso = t.indexOf('T') > 0 ? t : t.replaceFirst(" ", "T");
            try {
                return epochMicros(OffsetDateTime.parse(iso));
            } catch (DateTimeParseException noOffset) {
                return epochMicros(LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC));
            }
        } catch (java.time.DateTimeException e) {
            throw cannot(s, "timestamptz", column, format);
        }
    }

    /** Microseconds since midnight. */
    public static long parseTime(String s, String column, TimeFormat format) throws ConversionException {
        try {
            LocalTime lt = format == null ? LocalTime.parse(s.trim()) : LocalTime.from(format.formatter().parse(s.trim()));
            return lt.toNanoOfDay() / 1000;
        } catch (java.time.DateTimeException e) {
            throw cannot(s, "time", column, format);
        }
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
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw ConversionException.forColumn(column, v.toPlainString() + " is not a whole number in range for bigint");
        }
    }

    public static BigDecimal decimal(long v) {
        return BigDecimal.valueOf(v);
    }

    public static BigDecimal decimal(double v, String column) throws ConversionException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw ConversionException.forColumn(column, v + " cannot be stored as numeric");
        }
        return BigDecimal.valueOf(v);
    }

    /**
     * Rounds to {@code scale} (half up, as PostgreSQL does) and checks that the value fits
     * {@code numeric(precision, scale)}; precision 0 means unconstrained.
     */
    public static BigDecimal fitDecimal(BigDecimal v, int precision, int scale, String column) throws ConversionException {
        if (precision == 0) {
            return v;
        }
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > precision - scale) {
            throw ConversionException.forColumn(column, v.toPlainString() + " does not fit numeric(" + precision + "," + scale + ")");
        }
        return r;
    }

    /** Checks a varchar/char length limit (in characters, as PostgreSQL counts them). */
    public static String fitText(String v, int maxLength, String column) throws ConversionException {
        if (maxLength > 0 && v.length() > maxLength && v.codePointCount(0, v.length()) > maxLength) {
            throw ConversionException.forColumn(column, "value of " + v.codePointCount(0, v.length())
                    + " characters is too long for length " + maxLength);
        }
        return v;
    }

    // ---- temporal ----------------------------------------------------------------------------

    public static long dateToTimestamp(int epochDays) {
        return epochDays * MICROS_PER_DAY;
    }

    public static int timestampToDate(long epochMicros) {
        return (int) Math.floorDiv(epochMicros, MICROS_PER_DAY);
    }

    public static int epochDays(LocalDate d) {
        return (int) d.toEpochDay();
    }

    public static long epochMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    public static long epochMicros(OffsetDateTime t) {
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
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

    public static String text(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public static String text(BigDecimal v) {
        return v.toPlainString();
    }

    public static String text(UUID v) {
        return v.toString();
    }

    public static String text(byte[] v) {
        return "\\x" + HexFormat.of().formatHex(v);
    }

    public static String dateText(int epochDays) {
        return LocalDate.ofEpochDay(epochDays).toString();
    }

    public static String timestampText(long epochMicros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                (int) Math.floorMod(epochMicros, 1_000_000L) * 1000, ZoneOffset.UTC);
        return t.toString().replace('T', ' ');
    }

    public static String timestamptzText(long epochMicros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
        return i.toString();
    }

    public static String timeText(long microsOfDay) {
        return LocalTime.ofNanoOfDay(microsOfDay * 1000).toString();
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
