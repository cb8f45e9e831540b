package io.syncc.runtime.codegen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's text input and output of values, as its type input functions ({@code int4in},
 * {@code float8in}, {@code numeric_in}, {@code date_in}, {@code timestamp_in}, {@code time_in},
 * {@code byteain}, {@code uuid_in}, {@code boolin}) and ISO output (DateStyle ISO, TimeZone UTC)
 * do them, for the forms they accept that syncc reads: a value read here is the value the server
 * would store for the same text, and a text the server refuses is refused here with the server's
 * wording. Parsers return the value or throw {@link Refused} with the reason; {@code null} means
 * "not a form this class knows" (the caller may try its other forms, then refuse).
 *
 * <p>Special values in the row representations of {@link io.syncc.runtime.types.SqlType.Kind}:
 * dates {@code ±infinity} are {@link #DATE_POS_INF}/{@link #DATE_NEG_INF}, timestamps
 * {@link #TS_POS_INF}/{@link #TS_NEG_INF} (PostgreSQL's own binary values), numeric
 * {@code NaN}/{@code ±Infinity} are the instances {@link #NUMERIC_NAN}, {@link #NUMERIC_POS_INF},
 * {@link #NUMERIC_NEG_INF} (compared by identity).
 */
public final class PgText {

    /** A text the server refuses, with (close to) the server's reason. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    public static final int DATE_POS_INF = Integer.MAX_VALUE;
    public static final int DATE_NEG_INF = Integer.MIN_VALUE;
    public static final long TS_POS_INF = Long.MAX_VALUE;
    public static final long TS_NEG_INF = Long.MIN_VALUE;

    /** Numeric specials: distinct instances, recognised by identity only (never by value). */
    public static final BigDecimal NUMERIC_NAN = new BigDecimal(BigInteger.valueOf(0x4e614e), Integer.MAX_VALUE - 1);
    public static final BigDecimal NUMERIC_POS_INF = new BigDecimal(BigInteger.valueOf(0x494e46), Integer.MAX_VALUE - 2);
    public static final BigDecimal NUMERIC_NEG_INF = new BigDecimal(BigInteger.valueOf(-0x494e46), Integer.MAX_VALUE - 3);

    static final long MICROS_PER_DAY = 86_400_000_000L;
    /** PostgreSQL's range: dates 4714-11-24 BC .. 5874897-12-31, timestamps 4714-11-24 BC .. 294276-12-31 23:59:59.999999. */
    public static final int DATE_MIN = (int) LocalDate.of(-4713, 11, 24).toEpochDay();
    public static final int DATE_MAX = (int) LocalDate.of(5_874_897, 12, 31).toEpochDay();
    public static final long TS_MIN = DATE_MIN * MICROS_PER_DAY;
    /** The last day of PostgreSQL's timestamps, 294276-12-31. */
    static final long TS_LAST_DAY = LocalDate.of(294_276, 12, 31).toEpochDay();
    /**
     * The latest timestamp syncc carries: microseconds since 1970 in a long end at 294247-01-10
     * 04:00:54.775807 (the last one is +infinity), 30 years before PostgreSQL's end; later values
     * are refused with {@link #TS_BEYOND}.
     */
    public static final long TS_MAX = Long.MAX_VALUE - 1;
    public static final String TS_BEYOND = "syncc carries timestamps up to 294247-01-10 04:00:54.775806";

    /** numeric's limits: 131072 digits before the decimal point, 16383 after. */
    private static final int NUMERIC_MAX_SCALE = 16_383;
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;

    private static final String DATE_RE = "(\\d{4,})-(\\d{1,2})-(\\d{1,2})";
    private static final String TIME_RE = "(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d*)?)?";
    private static final String ZONE_RE = "\\s*(z|utc|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)";
    private static final Pattern DATE = Pattern.compile(DATE_RE + "(?:\\s+(bc|ad))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIMESTAMP = Pattern.compile(
            DATE_RE + "(?:[ t]+" + TIME_RE + ")?(?:" + ZONE_RE + ")?(?:\\s+(bc|ad))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile(TIME_RE);
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2}))?)?");

    private PgText() {
    }

    public static boolean isSpecial(BigDecimal v) {
        return v == NUMERIC_NAN || v == NUMERIC_POS_INF || v == NUMERIC_NEG_INF;
    }

    private static Refused syntax(String type, String s) {
        return new Refused("invalid input syntax for type " + type + ": " + Conversions.quote(s));
    }

    // ---- numbers -----------------------------------------------------------------------------

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && space(s.charAt(a))) {
            a++;
        }
        while (b > a && space(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * An integer as {@code int2in/int4in/int8in} read it (PostgreSQL 16+): blanks around, a sign,
     * decimal digits or {@code 0x}/{@code 0o}/{@code 0b} digits, single underscores between digits.
     */
    public static long parseInteger(String s, String type, long min, long max) {
        BigInteger v = integerDigits(trim(s));
        if (v == null) {
            throw syntax(type, s);
        }
        if (v.bitLength() > 63 || v.longValue() < min || v.longValue() > max) {
            throw new Refused("value " + Conversions.quote(s) + " is out of range for type " + type);
        }
        return v.longValue();
    }

    /** Signed integer text (prefixes, underscores) as a BigInteger, or null. */
    private static BigInteger integerDigits(String t) {
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            neg = t.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < t.length() && t.charAt(i) == '0') {
            char p = Character.toLowerCase(t.charAt(i + 1));
            radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            if (radix != 10) {
                i += 2;
            }
        }
        String digits = digits(t, i, t.length(), radix, radix != 10);
        if (digits == null) {
            return null;
        }
        BigInteger v = new BigInteger(digits, radix);
        return neg ? v.negate() : v;
    }

    /**
     * The digits of {@code t[from, to)} without underscores, or null: every underscore sits
     * between two digits (after a radix prefix, one may also lead).
     */
    private static String digits(String t, int from, int to, int radix, boolean leadingUnderscore) {
        if (from >= to) {
            return null;
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c == '_') {
                boolean before = i > from ? Character.digit(t.charAt(i - 1), radix) >= 0 : leadingUnderscore;
                if (!before || i + 1 >= to || Character.digit(t.charAt(i + 1), radix) < 0) {
                    return null;
                }
            } else if (Character.digit(c, radix) >= 0 && c < 0x80) {
                b.append(c);
            } else {
                return null;
            }
        }
        return b.toString();
    }

    /** {@code float8in} / {@code float4in}: out-of-range values (overflow, underflow to zero) are refused, denormals kept. */
    public static double parseFloat(String s, boolean real) {
        String type = real ? "real" : "double precision";
        String t = trim(s);
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean neg = lower.startsWith("-");
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("infinity") || unsigned.equals("inf")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!plainDecimal(t)) {
            throw syntax(type, s);
        }
        double v = real ? Float.parseFloat(t) : Double.parseDouble(t);
        if (Double.isInfinite(v) || (v == 0 && nonZeroMantissa(t))) {
            throw new Refused(Conversions.quote(t) + " is out of range for type " + type);
        }
        return v;
    }

    /** {@code [+-]digits[.digits][e[+-]digits]} with at least one digit before the exponent. */
    public static boolean plainDecimal(CharSequence t) {
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean nonZeroMantissa(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** {@code numeric_in}: NaN, ±Infinity, decimals with an exponent, underscores, {@code 0x}/{@code 0o}/{@code 0b} integers. */
    public static BigDecimal parseNumeric(String s) {
        String t = trim(s);
        if (t.length() < 1_000 && plainDecimal(t)) {
            return checkNumeric(new BigDecimal(t)); // the common case (and every numeric the server writes)
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("nan")) {
            return NUMERIC_NAN;
        }
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("infinity") || unsigned.equals("inf")) {
            return lower.startsWith("-") ? NUMERIC_NEG_INF : NUMERIC_POS_INF;
        }
        BigDecimal v;
        if (plainDecimal(t)) {
            try {
                v = new BigDecimal(t);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new Refused("value overflows numeric format");
            }
        } else {
            String plain = withoutUnderscores(t);
            if (plain != null && plainDecimal(plain)) {
                v = new BigDecimal(plain);
            } else {
                BigInteger i = integerDigits(t);
                if (i == null) {
                    throw syntax("numeric", s);
                }
                v = new BigDecimal(i);
            }
        }
        return checkNumeric(v);
    }

    /** Decimal text with underscores between digits removed, or null when one is misplaced. */
    private static String withoutUnderscores(String t) {
        if (t.indexOf('_') < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (i == 0 || i + 1 == t.length() || !isDigit(t.charAt(i - 1)) || !isDigit(t.charAt(i + 1))) {
                    return null;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A decimal numeric can hold: at most 16383 digits after the point and 131072 before it. */
    public static BigDecimal checkNumeric(BigDecimal v) {
        if (v.scale() > NUMERIC_MAX_SCALE && v.stripTrailingZeros().scale() > NUMERIC_MAX_SCALE) {
            throw new Refused("value overflows numeric format");
        }
        if (v.unscaledValue().bitLength() > 100_000 || v.scale() < -100_000) {
            if ((long) v.precision() - v.scale() > NUMERIC_MAX_INTEGER_DIGITS) {
                throw new Refused("value overflows numeric format");
            }
        }
        return v.scale() > NUMERIC_MAX_SCALE ? v.setScale(NUMERIC_MAX_SCALE) : v;
    }

    public static String numericText(BigDecimal v) {
        if (v == NUMERIC_NAN) {
            return "NaN";
        }
        if (v == NUMERIC_POS_INF) {
            return "Infinity";
        }
        if (v == NUMERIC_NEG_INF) {
            return "-Infinity";
        }
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /**
     * {@code float8out} / {@code float4out}: the shortest digits that read back as the same value,
     * fixed notation for decimal exponents from -4 to 14 (real: 5), else {@code 1.5e+20}; {@code -0},
     * {@code NaN}, {@code Infinity}.
     */
    public static String floatText(double v, boolean real) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal d = shortest(Math.abs(v), real);
        d = d.stripTrailingZeros();
        int exp = exp(d);
        if (exp < -4 || exp >= (real ? 6 : 15)) {
            String u = d.unscaledValue().abs().toString();
            StringBuilder b = new StringBuilder(24);
            if (v < 0) {
                b.append('-');
            }
            b.append(u.charAt(0));
            if (u.length() > 1) {
                b.append('.').append(u, 1, u.length());
            }
            int ae = Math.abs(exp);
            b.append('e').append(exp < 0 ? '-' : '+').append(ae < 10 ? "0" : "").append(ae);
            return b.toString();
        }
        return (v < 0 ? "-" : "") + d.toPlainString();
    }

    private static int exp(BigDecimal d) {
        return d.precision() - d.scale() - 1;
    }

    /**
     * The shortest decimal strictly inside the interval of reals that round to {@code a} (positive,
     * finite), the closest one when two have that length: Ryu's answer, as the server prints it.
     */
    private static BigDecimal shortest(double a, boolean real) {
        BigDecimal exact = new BigDecimal(a);
        double up = real ? Math.nextUp((float) a) : Math.nextUp(a);
        double down = real ? Math.nextDown((float) a) : Math.nextDown(a);
        BigDecimal gapUp = Double.isInfinite(up) || (real && Float.isInfinite((float) up))
                ? new BigDecimal(real ? Math.ulp((float) a) : Math.ulp(a)) : new BigDecimal(up).subtract(exact);
        BigDecimal halfUp = gapUp.divide(BigDecimal.valueOf(2));
        BigDecimal halfDown = exact.subtract(new BigDecimal(down)).divide(BigDecimal.valueOf(2));
        for (int p = 1; p <= 17; p++) {
            BigDecimal lo = exact.round(new java.math.MathContext(p, java.math.RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new java.math.MathContext(p, java.math.RoundingMode.CEILING));
            boolean loIn = exact.subtract(lo).compareTo(halfDown) < 0;
            boolean hiIn = hi.subtract(exact).compareTo(halfUp) < 0;
            if (loIn && hiIn) {
                int c = exact.subtract(lo).compareTo(hi.subtract(exact));
                return c < 0 ? lo : c > 0 ? hi : exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            }
            if (loIn) {
                return lo;
            }
            if (hiIn) {
                return hi;
            }
        }
        return exact;
    }

    // ---- boolean, uuid, bytea ----------------------------------------------------------------

    /** {@code boolin}: any prefix of true/false/yes/no, on/off (two letters at least), 1/0; blanks around; any case. */
    public static boolean parseBool(String s) {
        String t = trim(s).toLowerCase(Locale.ROOT);
        int n = t.length();
        if (n > 0) {
            switch (t.charAt(0)) {
                case 't':
                    if ("true".startsWith(t)) {
                        return true;
                    }
                    break;
                case 'f':
                    if ("false".startsWith(t)) {
                        return false;
                    }
                    break;
                case 'y':
                    if ("yes".startsWith(t)) {
                        return true;
                    }
                    break;
                case 'n':
                    if ("no".startsWith(t)) {
                        return false;
                    }
                    break;
                case 'o':
                    if (n >= 2 && "on".startsWith(t)) {
                        return true;
                    }
                    if (n >= 2 && "off".startsWith(t)) {
                        return false;
                    }
                    break;
                case '1':
                    if (n == 1) {
                        return true;
                    }
                    break;
                case '0':
                    if (n == 1) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        throw syntax("boolean", s);
    }

    /** {@code uuid_in}: 32 hex digits, a hyphen allowed after any group of four, optional braces, no blanks. */
    public static UUID parseUuid(String s) {
        int i = 0;
        int n = s.length();
        boolean braces = n > 0 && s.charAt(0) == '{';
        if (braces) {
            i++;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 16; k++) {
            if (i + 1 >= n) {
                throw syntax("uuid", s);
            }
            int a = hex(s.charAt(i));
            int b = hex(s.charAt(i + 1));
            if (a < 0 || b < 0) {
                throw syntax("uuid", s);
            }
            i += 2;
            int v = a << 4 | b;
            if (k < 8) {
                hi = hi << 8 | v;
            } else {
                lo = lo << 8 | v;
            }
            if (i < n && s.charAt(i) == '-' && k % 2 == 1 && k < 15) {
                i++;
            }
        }
        if (braces) {
            if (i >= n || s.charAt(i) != '}') {
                throw syntax("uuid", s);
            }
            i++;
        }
        if (i != n) {
            throw syntax("uuid", s);
        }
        return new UUID(hi, lo);
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /**
     * {@code byteain} on the text's UTF-8 bytes: {@code \x} then hex digit pairs (blanks between
     * pairs), else the escape format ({@code \\}, {@code \ooo}, other bytes as they are).
     */
    public static byte[] parseBytea(String s) {
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (in.length >= 2 && in[0] == '\\' && in[1] == 'x') {
            byte[] out = new byte[(in.length - 2) / 2];
            int o = 0;
            int i = 2;
            while (i < in.length) {
                byte c = in[i];
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                    i++;
                    continue;
                }
                int hi = hexByte(c);
                if (hi < 0) {
                    throw new Refused("invalid hexadecimal digit: " + Conversions.quote(charAt(in, i)));
                }
                if (i + 1 >= in.length) {
                    throw new Refused("invalid hexadecimal data: odd number of digits");
                }
                int lo = hexByte(in[i + 1]);
                if (lo < 0) {
                    throw new Refused("invalid hexadecimal digit: " + Conversions.quote(charAt(in, i + 1)));
                }
                out[o++] = (byte) (hi << 4 | lo);
                i += 2;
            }
            return java.util.Arrays.copyOf(out, o);
        }
        byte[] out = new byte[in.length];
        int o = 0;
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c != '\\') {
                out[o++] = c;
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out[o++] = '\\';
                i++;
            } else if (i + 3 < in.length && octal(in[i + 1]) >= 0 && octal(in[i + 1]) <= 3 && octal(in[i + 2]) >= 0
                    && octal(in[i + 3]) >= 0) {
                out[o++] = (byte) (octal(in[i + 1]) << 6 | octal(in[i + 2]) << 3 | octal(in[i + 3]));
                i += 3;
            } else {
                throw syntax("bytea", s);
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static String charAt(byte[] b, int i) {
        int len = (b[i] & 0xe0) == 0xc0 ? 2 : (b[i] & 0xf0) == 0xe0 ? 3 : (b[i] & 0xf8) == 0xf0 ? 4 : 1;
        return new String(b, i, Math.min(len, b.length - i), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hexByte(byte c) {
        return c >= 0 ? Character.digit((char) c, 16) : -1;
    }

    private static int octal(byte c) {
        return c >= '0' && c <= '7' ? c - '0' : -1;
    }

    // ---- date and time -----------------------------------------------------------------------

    /** {@code date_in} for ISO dates ({@code 2020-01-31}, {@code 0044-03-15 BC}), {@code ±infinity}, {@code epoch}; null for other forms. */
    public static Integer parseDate(String s) {
        long fast = isoDay(s, 0);
        if (fast != Long.MIN_VALUE && s.length() == 10) {
            return (int) fast;
        }
        String t = trim(s);
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity":
                return DATE_POS_INF;
            case "-infinity":
                return DATE_NEG_INF;
            case "epoch":
                return 0;
            default:
                break;
        }
        Matcher m = DATE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long day = day(s, m.group(1), m.group(2), m.group(3), m.group(4));
        if (day < DATE_MIN || day > DATE_MAX) {
            throw new Refused("date out of range: " + Conversions.quote(s));
        }
        return (int) day;
    }

    private static long day(String s, String year, String month, String dayOfMonth, String era) {
        try {
            long y = Long.parseLong(year);
            if (y == 0 || y > 100_000_000) {
                throw new Refused("date/time field value out of range: " + Conversions.quote(s));
            }
            if (era != null && era.equalsIgnoreCase("bc")) {
                y = 1 - y;
            }
            return LocalDate.of((int) y, Integer.parseInt(month), Integer.parseInt(dayOfMonth)).toEpochDay();
        } catch (DateTimeException | NumberFormatException e) {
            throw new Refused("date/time field value out of range: " + Conversions.quote(s));
        }
    }

    /** Microseconds of a time of day; fractions rounded to microseconds as the server does ({@code rint(frac * 1e6)}). */
    private static long timeOfDay(String s, String type, String h, String m, String sec, String frac) {
        int hh = Integer.parseInt(h);
        int mm = Integer.parseInt(m);
        int ss = sec == null ? 0 : Integer.parseInt(sec);
        long fsec = frac == null ? 0 : (long) Math.rint(Double.parseDouble("0" + frac) * 1_000_000d);
        if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm > 0 || ss > 0 || fsec > 0))) {
            throw new Refused("date/time field value out of range: " + Conversions.quote(s));
        }
        long v = ((hh * 60L + mm) * 60L + ss) * 1_000_000L + fsec;
        if (v > MICROS_PER_DAY && type.equals("time")) {
            throw new Refused("date/time field value out of range: " + Conversions.quote(s));
        }
        return v;
    }

    /** {@code time_in} for {@code HH:MM[:SS[.fraction]]} (up to {@code 24:00:00}) and {@code allballs}; null for other forms. */
    public static Long parseTime(String s) {
        String t = trim(s);
        if (t.equalsIgnoreCase("allballs")) {
            return 0L;
        }
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            return null;
        }
        return timeOfDay(s, "time", m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /**
     * {@code timestamp_in} / {@code timestamptz_in} for ISO date-times ({@code T} or blanks, optional
     * time, fraction, zone offset and {@code BC}), {@code ±infinity}, {@code epoch}; null for other
     * forms. Without a zone a timestamptz is UTC; a timestamp ignores a zone, as the server does.
     */
    public static Long parseTimestamp(String s, boolean tz) {
        long fast = isoTimestamp(s, tz);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        String t = trim(s);
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity":
                return TS_POS_INF;
            case "-infinity":
                return TS_NEG_INF;
            case "epoch":
                return 0L;
            default:
                break;
        }
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long day = day(s, m.group(1), m.group(2), m.group(3), m.group(9));
        long tod = m.group(4) == null ? 0 : timeOfDay(s, "timestamp", m.group(4), m.group(5), m.group(6), m.group(7));
        long offset = tz && m.group(8) != null ? offsetSeconds(s, m.group(8)) * 1_000_000L : 0;
        // the server's range, checked on days first (day * micros overflows a long past 294247)
        java.math.BigInteger exact = java.math.BigInteger.valueOf(day).multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY))
                .add(java.math.BigInteger.valueOf(tod - offset));
        if (exact.compareTo(java.math.BigInteger.valueOf(TS_MIN)) < 0 || exact.compareTo(java.math.BigInteger.valueOf(TS_LAST_DAY + 1)
                .multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY))) >= 0) {
            throw new Refused("timestamp out of range: " + Conversions.quote(s));
        }
        if (exact.bitLength() > 63 || exact.longValue() > TS_MAX) {
            throw new Refused("timestamp out of range: " + Conversions.quote(s) + " (" + TS_BEYOND + ")");
        }
        return exact.longValue();
    }

    /** Days of an AD {@code yyyy-mm-dd} at {@code at} (years 0001-9999), or Long.MIN_VALUE. */
    private static long isoDay(String s, int at) {
        if (s.length() < at + 10 || s.charAt(at + 4) != '-' || s.charAt(at + 7) != '-') {
            return Long.MIN_VALUE;
        }
        int y = num(s, at, 4);
        int m = num(s, at + 5, 2);
        int d = num(s, at + 8, 2);
        if (y <= 0 || m < 1 || m > 12 || d < 1 || d > 31) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(y, m, d).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // 2021-02-29: the general path words the refusal
        }
    }

    private static int num(String s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The server's own output form, {@code yyyy-mm-dd hh:mm:ss[.ffffff][+hh[:mm[:ss]]]} with an AD
     * four-digit year and at most six fraction digits, without regular expressions; Long.MIN_VALUE
     * for anything else (the general path reads it).
     */
    private static long isoTimestamp(String s, boolean tz) {
        int n = s.length();
        if (n < 19 || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        long day = isoDay(s, 0);
        int h = num(s, 11, 2);
        int mi = num(s, 14, 2);
        int se = num(s, 17, 2);
        if (day == Long.MIN_VALUE || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        long micros = 0;
        if (i < n && s.charAt(i) == '.') {
            int digits = 0;
            long scale = 100_000;
            for (i++; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (++digits > 6) {
                    return Long.MIN_VALUE;
                }
                micros += (s.charAt(i) - '0') * scale;
                scale /= 10;
            }
            if (digits == 0) {
                return Long.MIN_VALUE;
            }
        }
        long offset = 0;
        if (i < n) {
            char sign = s.charAt(i);
            if (sign != '+' && sign != '-') {
                return Long.MIN_VALUE;
            }
            int oh = i + 3 <= n ? num(s, i + 1, 2) : -1;
            int om = 0;
            int os = 0;
            int end = i + 3;
            if (oh >= 0 && end + 3 <= n && s.charAt(end) == ':') {
                om = num(s, end + 1, 2);
                end += 3;
                if (om >= 0 && end + 3 <= n && s.charAt(end) == ':') {
                    os = num(s, end + 1, 2);
                    end += 3;
                }
            }
            if (oh < 0 || om < 0 || os < 0 || end != n || oh > 15 || om > 59 || os > 59) {
                return Long.MIN_VALUE;
            }
            offset = (sign == '-' ? -1 : 1) * ((oh * 60L + om) * 60L + os) * 1_000_000L;
        }
        long v = day * MICROS_PER_DAY + ((h * 60L + mi) * 60L + se) * 1_000_000L + micros;
        return tz ? v - offset : v;
    }

    private static long offsetSeconds(String s, String zone) {
        if (zone.equalsIgnoreCase("z") || zone.equalsIgnoreCase("utc")) {
            return 0;
        }
        Matcher m = OFFSET.matcher(zone);
        if (!m.matches()) {
            throw syntax("timestamp with time zone", s);
        }
        int h = Integer.parseInt(m.group(2));
        int mm = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int ss = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (h > 15 || mm > 59 || ss > 59) {
            throw new Refused("time zone displacement out of range: " + Conversions.quote(s));
        }
        return (m.group(1).equals("-") ? -1 : 1) * (h * 3600L + mm * 60L + ss);
    }

    public static String dateText(int day) {
        if (day == DATE_POS_INF) {
            return "infinity";
        }
        if (day == DATE_NEG_INF) {
            return "-infinity";
        }
        StringBuilder b = new StringBuilder(16);
        boolean bc = appendDate(b, day);
        return bc ? b.append(" BC").toString() : b.toString();
    }

    private static boolean appendDate(StringBuilder b, long day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        int y = d.getYear();
        boolean bc = y <= 0;
        int year = bc ? 1 - y : y;
        String ys = Integer.toString(year);
        for (int i = ys.length(); i < 4; i++) {
            b.append('0');
        }
        b.append(ys).append('-');
        two(b, d.getMonthValue()).append('-');
        two(b, d.getDayOfMonth());
        return bc;
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void appendTime(StringBuilder b, long micros) {
        long secs = micros / 1_000_000L;
        int frac = (int) (micros % 1_000_000L);
        two(b, (int) (secs / 3600)).append(':');
        two(b, (int) (secs / 60 % 60)).append(':');
        two(b, (int) (secs % 60));
        if (frac != 0) {
            String f = Integer.toString(1_000_000 + frac).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
    }

    /** {@code 2020-01-31 10:00:00.5}, {@code 0044-03-15 10:00:00 BC}, {@code infinity}; with {@code +00} when {@code tz}. */
    public static String timestampText(long micros, boolean tz) {
        if (micros == TS_POS_INF) {
            return "infinity";
        }
        if (micros == TS_NEG_INF) {
            return "-infinity";
        }
        StringBuilder b = new StringBuilder(32);
        boolean bc = appendDate(b, Math.floorDiv(micros, MICROS_PER_DAY));
        b.append(' ');
        appendTime(b, Math.floorMod(micros, MICROS_PER_DAY));
        if (tz) {
            b.append("+00");
        }
        return bc ? b.append(" BC").toString() : b.toString();
    }

    /** {@code HH:MM:SS[.ffffff]}, up to {@code 24:00:00}. */
    public static String timeText(long micros) {
        StringBuilder b = new StringBuilder(16);
        appendTime(b, micros);
        return b.toString();
    }
}
