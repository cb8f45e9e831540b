package io.syncc.runtime.files;

import io.syncc.runtime.types.SqlType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type a sampled column gets: each non-null value says which types it fits, and the column
 * is the narrowest type every value fits, in the order integer, bigint, double precision (or
 * numeric when a value would not survive double precision exactly), boolean, date, timestamp,
 * jsonb (nested JSON values only), else text. A number written with a leading zero ({@code 08123},
 * a zip code, an account number) fits no number type: a number would drop the zero. A column with
 * no non-null value is text. {@link #explain()} says why, naming the value that decided.
 */
public final class TypeVotes {

    /** {@code 2026-11-23}. */
    public static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** {@code 2026-11-23 10:15}, {@code 2026-11-23T10:15:30.123}. */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d.*");
    /** A leading zero that is the number's own: {@code 0.5}, {@code -0}, {@code 0e3}. */
    private static final Pattern ZERO_NUMBER = Pattern.compile("[+-]?0(\\.\\d*)?([eE].*)?");
    private static final Pattern PLAIN_WORD = Pattern.compile("[^\\s,\"]+");

    private boolean integer = true;
    private boolean bigint = true;
    private boolean number = true;
    private boolean exactDouble = true;
    private boolean bool = true;
    private boolean date = true;
    private boolean timestamp = true;
    private boolean container = true;
    private int values;
    /** The first value that ruled each type out, for {@link #explain()}. */
    private String notInteger;
    private String notBigint;
    private String notNumber;
    private String notExactDouble;
    private String leadingZero;
    private String example;

    /**
     * One non-null value and the types it fits.
     *
     * @param text the value's text when it is a string (for dates and timestamps), else {@code null}
     */
    public void add(boolean fitsInteger, boolean fitsBigint, boolean fitsNumber, boolean fitsBoolean, String text,
                    boolean isContainer) {
        add(fitsInteger, fitsBigint, fitsNumber, fitsBoolean, text, isContainer, text);
    }

    /** As above, with the value as explanations show it ({@code display}: for JSON, its JSON text). */
    public void add(boolean fitsInteger, boolean fitsBigint, boolean fitsNumber, boolean fitsBoolean, String text,
                    boolean isContainer, String display) {
        add(fitsInteger, fitsBigint, fitsNumber, true, fitsBoolean, text, isContainer, display);
    }

    /**
     * One value of a text format (a CSV field), as written: whether it is a number (and exact as
     * double precision), a boolean, a date or a timestamp is read from the text.
     */
    public void addText(String raw) {
        String t = raw.strip();
        // what a value can still change is computed; a type already ruled out stays out whatever it fits
        boolean numeric = integer || bigint || number || exactDouble;
        boolean zero = (numeric || leadingZero == null) && LEADING_ZERO.matcher(t).matches() && !ZERO_NUMBER.matcher(t).matches();
        if (zero && leadingZero == null) {
            leadingZero = t;
        }
        boolean isInt = numeric && !zero && INTEGER_TEXT.matcher(t).matches();
        long l = isInt ? Long.parseLong(t) : 0;
        boolean isNumber = (number || exactDouble) && !zero && (isInt || DECIMAL_TEXT.matcher(t).matches());
        String lower = bool ? t.toLowerCase(Locale.ROOT) : null;
        boolean isBool = bool && (lower.equals("true") || lower.equals("false"));
        add(isInt && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE, isInt, isNumber, exactDouble && isNumber && exactAsDouble(t),
                isBool, t, false, t);
    }

    /** Whether a decimal text is the same number after a trip through double precision. */
    private static boolean exactAsDouble(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) && new BigDecimal(t).compareTo(new BigDecimal(Double.toString(d))) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void add(boolean fitsInteger, boolean fitsBigint, boolean fitsNumber, boolean fitsExactDouble, boolean fitsBoolean, String text,
                     boolean isContainer, String display) {
        values++;
        if (example == null) {
            example = shown(display);
        }
        notInteger = integer && !fitsInteger ? shown(display) : notInteger;
        integer &= fitsInteger;
        notBigint = bigint && !fitsBigint ? shown(display) : notBigint;
        bigint &= fitsBigint;
        notNumber = number && !fitsNumber ? shown(display) : notNumber;
        number &= fitsNumber;
        notExactDouble = exactDouble && !fitsExactDouble ? shown(display) : notExactDouble;
        exactDouble &= fitsExactDouble;
        bool &= fitsBoolean;
        boolean isDate = (date || timestamp) && text != null && DATE.matcher(text).matches();
        date &= isDate;
        timestamp &= isDate || timestamp && text != null && TIMESTAMP.matcher(text).matches();
        container &= isContainer;
    }

    /** A value as an explanation shows it: as is when it is one plain word, else quoted (and cut at 40 characters). */
    private static String shown(String v) {
        if (v == null) {
            return "a non-text value";
        }
        if (PLAIN_WORD.matcher(v).matches()) {
            return v.length() > 40 ? v.substring(0, 39) + "…" : v;
        }
        String cut = v.length() > 40 ? v.substring(0, 39) + "…" : v;
        return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public SqlType type() {
        if (values == 0) {
            return SqlType.of(SqlType.Kind.TEXT);
        }
        if (integer) {
            return SqlType.of(SqlType.Kind.INTEGER);
        }
        if (bigint) {
            return SqlType.of(SqlType.Kind.BIGINT);
        }
        if (number) {
            return SqlType.of(exactDouble ? SqlType.Kind.DOUBLE : SqlType.Kind.NUMERIC);
        }
        if (bool) {
            return SqlType.of(SqlType.Kind.BOOLEAN);
        }
        if (date) {
            return SqlType.of(SqlType.Kind.DATE);
        }
        if (timestamp) {
            return SqlType.of(SqlType.Kind.TIMESTAMP);
        }
        if (container) {
            return SqlType.of(SqlType.Kind.JSONB);
        }
        return SqlType.of(SqlType.Kind.TEXT);
    }

    /** Why {@link #type()} is what it is, naming the value that decided: {@code text, because 08123 has a leading zero}. */
    public String explain() {
        String type = type().sql();
        String sampled = values == 1 ? "the one sampled value" : "all " + values + " sampled values";
        if (values == 0) {
            return "text, because no sampled value is set";
        }
        if (integer) {
            return type + ": " + sampled + " are integers, e.g. " + example;
        }
        if (bigint) {
            return type + ", because " + notInteger + " does not fit integer";
        }
        if (number) {
            return exactDouble ? type + ", because " + notInteger + " is not an integer"
                    : type + ", because " + notExactDouble + " would not be exact as double precision";
        }
        if (bool) {
            return type + ": " + sampled + " are true or false";
        }
        if (date) {
            return type + ": " + sampled + " are dates (yyyy-mm-dd), e.g. " + example;
        }
        if (timestamp) {
            return type + ": " + sampled + " are dates and times, e.g. " + example;
        }
        if (container) {
            return type + ": " + sampled + " are JSON objects or arrays";
        }
        if (leadingZero != null) {
            return "text, because " + leadingZero + " has a leading zero (a number would drop it)";
        }
        return "text, because " + notNumber + " is not a number, a boolean, a date or a timestamp";
    }
}
