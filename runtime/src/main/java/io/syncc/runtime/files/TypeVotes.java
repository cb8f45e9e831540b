package io.syncc.runtime.files;

import io.syncc.runtime.types.SqlType;
import java.util.regex.Pattern;

/**
 * The type a sampled column gets: each non-null value says which types it fits, and the column
 * is the narrowest type every value fits, in the order integer, bigint, double precision,
 * boolean, date, timestamp, jsonb (nested JSON values only), else text. A column with no
 * non-null value is text.
 */
public final class TypeVotes {

    /** {@code 2026-11-23}. */
    public static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** {@code 2026-11-23 10:15}, {@code 2026-11-23T10:15:30.123}. */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private boolean integer = true;
    private boolean bigint = true;
    private boolean number = true;
    private boolean bool = true;
    private boolean date = true;
    private boolean timestamp = true;
    private boolean container = true;
    private int values;

    /**
     * One non-null value and the types it fits.
     *
     * @param text the value's text when it is a string (for dates and timestamps), else {@code null}
     */
    public void add(boolean fitsInteger, boolean fitsBigint, boolean fitsNumber, boolean fitsBoolean, String text,
                    boolean isContainer) {
        values++;
        integer &= fitsInteger;
        bigint &= fitsBigint;
        number &= fitsNumber;
        bool &= fitsBoolean;
        boolean isDate = text != null && DATE.matcher(text).matches();
        date &= isDate;
        timestamp &= isDate || text != null && TIMESTAMP.matcher(text).matches();
        container &= isContainer;
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
            return SqlType.of(SqlType.Kind.DOUBLE);
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
}
