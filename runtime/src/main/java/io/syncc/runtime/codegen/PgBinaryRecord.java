package io.syncc.runtime.codegen;

import io.syncc.runtime.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One tuple of {@code COPY ... TO STDOUT (FORMAT binary)}, as the server sends it: one CopyData
 * message per tuple (the first also carries the file header, the last message is the trailer).
 * {@link #reset} finds the fields without copying; the typed reads decode a field into the row
 * representation of its {@link SqlType.Kind} (the same values the server's text output gives:
 * dates as days since 1970, timestamps as microseconds since 1970, ±infinity and numeric NaN as the
 * specials of {@link PgText}); {@link #view} hands a field's bytes to a {@link Utf8Text}, which is
 * how a column that goes unchanged into a column of the same type is forwarded without decoding.
 * Mutable, reused from tuple to tuple by one reader; not thread-safe.
 */
public final class PgBinaryRecord {

    // ---- the binary COPY format, for this reader and for the writer (postgres.CopyBuffer) ----------

    /** {@code PGCOPY\n\377\r\n\0}: the binary COPY signature (then 4 bytes of flags and 4 of header extension). */
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL's epoch for binary dates and timestamps, 2000-01-01, in days and microseconds since 1970-01-01. */
    public static final int PG_EPOCH_DAYS = 10_957;
    public static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;
    /** numeric's sign words: negative, NaN and ±Infinity (PostgreSQL 14+). */
    public static final int NUMERIC_NEG = 0x4000;
    public static final int NUMERIC_NAN = 0xC000;
    public static final int NUMERIC_PINF = 0xD000;
    public static final int NUMERIC_NINF = 0xF000;
    /** The base of numeric's digits. */
    public static final BigInteger NBASE = BigInteger.valueOf(10_000);

    /** A binary COPY file header as a writer sends it: the signature, no flags, no header extension. */
    public static byte[] fileHeader() {
        return java.util.Arrays.copyOf(SIGNATURE, SIGNATURE.length + 8);
    }

    private byte[] b;
    private int tupleStart;
    private int end;
    private int count;
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private boolean headerSeen;

    /**
     * Takes the next CopyData message of a binary COPY: skips the file header on the first, finds
     * the tuple's fields. Returns {@code false} for the trailer (the end of the data).
     *
     * @throws IllegalStateException when the bytes are not one binary COPY tuple (a protocol error, never a value's)
     */
    public boolean reset(byte[] message) {
        return reset(message, message.length);
    }

    /** {@link #reset(byte[])} of a message held in the first {@code length} bytes of {@code buffer}. */
    public boolean reset(byte[] buffer, int length) {
        int p = 0;
        if (!headerSeen) {
            p = headerLength(buffer, length);
            headerSeen = true;
        }
        return resetAt(buffer, p, length);
    }

    /**
     * The length of the file header that starts the first CopyData message of a binary COPY (its
     * signature, flags and header extension): where that message's tuple starts.
     *
     * @throws IllegalStateException when the message does not start with the header
     */
    public static int headerLength(byte[] first) {
        return headerLength(first, first.length);
    }

    /** {@link #headerLength(byte[])} of a first message held in the first {@code length} bytes of {@code buffer}. */
    public static int headerLength(byte[] first, int length) {
        if (length < SIGNATURE.length + 8) {
            throw new IllegalStateException("binary COPY data does not start with its header");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (first[i] != SIGNATURE[i]) {
                throw new IllegalStateException("binary COPY data does not start with its signature");
            }
        }
        int p = SIGNATURE.length + 4; // flags
        int extension = int32(first, p);
        if (extension < 0 || extension > length - p - 4) {
            throw new IllegalStateException("binary COPY header extension of " + extension + " bytes does not fit its message");
        }
        return p + 4 + extension;
    }

    /**
     * Takes a tuple that starts at {@code start} of {@code buffer} and ends at {@code end} (no file
     * header before it): finds its fields. Returns {@code false} for the trailer. The record views
     * the buffer, so its bytes must stay as they are until the next reset.
     *
     * @throws IllegalStateException when the bytes are not one binary COPY tuple
     */
    public boolean resetAt(byte[] buffer, int start, int end) {
        final byte[] message = buffer;
        b = buffer;
        this.end = end;
        int p = start;
        tupleStart = p;
        if (p + 2 > end) {
            throw new IllegalStateException("binary COPY message ended before its tuple");
        }
        int n = (short) (((message[p] & 0xff) << 8) | (message[p + 1] & 0xff));
        p += 2;
        if (n == -1) {
            return false;
        }
        if (n > offsets.length) {
            offsets = new int[n];
            lengths = new int[n];
        }
        for (int i = 0; i < n; i++) {
            if (p + 4 > end) {
                throw new IllegalStateException("binary COPY tuple ended inside field " + i);
            }
            int len = int32(message, p);
            p += 4;
            offsets[i] = p;
            lengths[i] = len;
            if (len > end - p) {
                throw new IllegalStateException("binary COPY field " + i + " of " + len + " bytes does not fit its message");
            } else if (len > 0) {
                p += len;
            } else if (len < -1) {
                throw new IllegalStateException("binary COPY field " + i + " has length " + len);
            }
        }
        if (p != end) {
            throw new IllegalStateException("binary COPY message holds " + (end - p) + " bytes after its tuple");
        }
        count = n;
        return true;
    }

    /** The number of fields of the tuple. */
    public int fieldCount() {
        return count;
    }

    /** The buffer of the message last given to {@link #reset} or {@link #resetAt}. */
    public byte[] message() {
        return b;
    }

    /** Where the tuple ends in {@link #message()}. */
    public int tupleEnd() {
        return end;
    }

    /** Where the tuple starts in {@link #message()} (after the file header in the first one). */
    public int tupleStart() {
        return tupleStart;
    }

    public boolean isNull(int field) {
        return lengths[field] < 0;
    }

    /**
     * The whole tuple as the server sent it (its field count, then each field's length and bytes),
     * viewed (not copied): what a job that forwards every column unchanged hands its sink.
     */
    public void viewTuple(Utf8Text into) {
        into.view(b, tupleStart, end - tupleStart);
    }

    /** The field's bytes, viewed (not copied): valid until the next {@link #reset} or {@link #resetAt}. */
    public void view(int field, Utf8Text into) {
        into.view(b, offsets[field], lengths[field]);
    }

    public boolean bool(int field) {
        return b[at(field, 1)] != 0;
    }

    /**
     * Where a field of a fixed-width type starts, once its length is that width: a tuple whose field
     * has another length (a column whose type changed since the job was compiled) is refused, never
     * read past its bytes.
     */
    private int at(int field, int width) {
        if (lengths[field] != width) {
            throw new IllegalStateException("binary COPY field " + field + " has " + lengths[field] + " bytes, not the " + width
                    + " of its type (did the column's type change since the job was compiled?)");
        }
        return offsets[field];
    }

    /** The bytes of each fixed-width kind in binary COPY; -1 for the others. */
    static int width(SqlType.Kind kind) {
        return switch (kind) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIMESTAMP, TIMESTAMPTZ, TIME -> 8;
            case UUID -> 16;
            default -> -1;
        };
    }

    /** Whether {@code len} bytes from {@code o} are one numeric: its header, then its digits. */
    static boolean numericFits(byte[] b, int o, int len) {
        return len >= 8 && len == 8 + 2 * (((b[o] & 0xff) << 8) | (b[o + 1] & 0xff));
    }

    public short int16(int field) {
        int o = at(field, 2);
        return (short) (((b[o] & 0xff) << 8) | (b[o + 1] & 0xff));
    }

    public int int32(int field) {
        return int32(b, at(field, 4));
    }

    public long int64(int field) {
        return int64(b, at(field, 8));
    }

    public float float32(int field) {
        return Float.intBitsToFloat(int32(b, at(field, 4)));
    }

    public double float64(int field) {
        return Double.longBitsToDouble(int64(b, at(field, 8)));
    }

    /** text, varchar, char(n) (padded, as the server keeps it) and json: the client encoding is UTF-8. */
    public String text(int field) {
        return new String(b, offsets[field], lengths[field], StandardCharsets.UTF_8);
    }

    /** jsonb: a version byte (1), then the text. */
    public String jsonb(int field) throws ConversionException {
        return jsonb(b, offsets[field], lengths[field]);
    }

    public byte[] bytea(int field) {
        return java.util.Arrays.copyOfRange(b, offsets[field], offsets[field] + lengths[field]);
    }

    public UUID uuid(int field) {
        int o = at(field, 16);
        return new UUID(int64(b, o), int64(b, o + 8));
    }

    /** A date as days since 1970-01-01; ±infinity as {@link PgText#DATE_POS_INF} / {@link PgText#DATE_NEG_INF}. */
    public int date(int field) {
        return date(b, at(field, 4));
    }

    /**
     * A timestamp as microseconds since 1970-01-01; ±infinity as {@link PgText#TS_POS_INF} /
     * {@link PgText#TS_NEG_INF}.
     *
     * @throws ConversionException past what syncc carries, as the text path words it
     */
    public long timestamp(int field, String column) throws ConversionException {
        return timestamp(field, column, false);
    }

    /** A timestamptz as {@link #timestamp} reads a timestamp (microseconds since 1970-01-01 UTC). */
    public long timestamptz(int field, String column) throws ConversionException {
        return timestamp(field, column, true);
    }

    private long timestamp(int field, String column, boolean tz) throws ConversionException {
        long v = timestamp(b, at(field, 8));
        if (v == TS_BEYOND) {
            throw ConversionException.forColumn(column, "timestamp out of range: \"" + beyondText(int64(b, offsets[field]))
                    + (tz ? "+00" : "") + "\" (" + PgText.TS_BEYOND + ")");
        }
        return v;
    }

    public long time(int field) {
        return int64(b, at(field, 8));
    }

    /** A numeric; NaN and ±Infinity as the specials of {@link PgText}. */
    public BigDecimal numeric(int field) {
        if (!numericFits(b, offsets[field], lengths[field])) {
            throw new IllegalStateException("binary COPY field " + field + " of " + lengths[field]
                    + " bytes is not a numeric (did the column's type change since the job was compiled?)");
        }
        return numeric(b, offsets[field]);
    }

    // ---- one value from bytes ------------------------------------------------------------------

    private static final long TS_BEYOND = Long.MIN_VALUE + 1;

    static int int32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    static long int64(byte[] b, int o) {
        return ((long) int32(b, o) << 32) | (int32(b, o + 4) & 0xffffffffL);
    }

    static int date(byte[] b, int o) {
        int v = int32(b, o);
        if (v == Integer.MAX_VALUE || v == Integer.MIN_VALUE) {
            return v; // ±infinity: the same specials
        }
        return v + PG_EPOCH_DAYS;
    }

    /** Microseconds since 1970, the specials, or {@link #TS_BEYOND} past syncc's last timestamp. */
    static long timestamp(byte[] b, int o) {
        long v = int64(b, o);
        if (v == Long.MAX_VALUE || v == Long.MIN_VALUE) {
            return v;
        }
        long micros = v + PG_EPOCH_MICROS;
        if (v > 0 && micros < 0 || micros > PgText.TS_MAX) {
            return TS_BEYOND;
        }
        return micros;
    }

    static String jsonb(byte[] b, int o, int len) throws ConversionException {
        if (len < 1 || b[o] != 1) {
            throw new ConversionException("jsonb in binary format version " + (len < 1 ? "(none)" : Integer.toString(b[o])) + " is not supported");
        }
        return new String(b, o + 1, len - 1, StandardCharsets.UTF_8);
    }

    static BigDecimal numeric(byte[] b, int o) {
        int ndigits = (short) (((b[o] & 0xff) << 8) | (b[o + 1] & 0xff));
        int weight = (short) (((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff));
        int sign = ((b[o + 4] & 0xff) << 8) | (b[o + 5] & 0xff);
        int dscale = ((b[o + 6] & 0xff) << 8) | (b[o + 7] & 0xff);
        switch (sign) {
            case NUMERIC_NAN:
                return PgText.NUMERIC_NAN;
            case NUMERIC_PINF:
                return PgText.NUMERIC_POS_INF;
            case NUMERIC_NINF:
                return PgText.NUMERIC_NEG_INF;
            default:
                break;
        }
        int p = o + 8;
        BigDecimal v;
        if (ndigits <= 4) {
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
                p += 2;
            }
            v = BigDecimal.valueOf(sign == NUMERIC_NEG ? -unscaled : unscaled, -4 * (weight - ndigits + 1));
        } else {
            BigInteger unscaled = BigInteger.ZERO;
            // four groups (16 digits) at a time in a long, then into the BigInteger
            int i = 0;
            while (i < ndigits) {
                int take = Math.min(4, ndigits - i);
                long chunk = 0;
                long scale = 1;
                for (int k = 0; k < take; k++) {
                    chunk = chunk * 10_000 + (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
                    scale *= 10_000;
                    p += 2;
                }
                unscaled = unscaled.multiply(take == 4 ? BigInteger.valueOf(scale) : NBASE.pow(take)).add(BigInteger.valueOf(chunk));
                i += take;
            }
            v = new BigDecimal(sign == NUMERIC_NEG ? unscaled.negate() : unscaled, -4 * (weight - ndigits + 1));
        }
        // the digits past dscale are zeros (the server drops trailing zero groups, not zeros inside a group)
        return v.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    /** A timestamp past syncc's last one (microseconds since 2000) as the server writes it: years past 9999 without a sign. */
    private static String beyondText(long since2000) {
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2000, 1, 1, 0, 0)
                .plusSeconds(Math.floorDiv(since2000, 1_000_000L));
        long micros = Math.floorMod(since2000, 1_000_000L);
        String text = String.format(java.util.Locale.ROOT, "%d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        if (micros != 0) {
            String fraction = String.format(java.util.Locale.ROOT, "%06d", micros);
            text += "." + fraction.replaceAll("0+$", "");
        }
        return text;
    }

    /**
     * The server's text of a non-null value held as its binary COPY bytes (a column forwarded
     * unchanged), for dirty-row files, previews and INSERT binds: what {@code ::text} gives in a
     * UTC session with ISO dates. A value of a type syncc does not decode ({@code OTHER}) is shown
     * as {@code binary \x...}, the hex of the bytes the server sent.
     */
    public static String text(SqlType.Kind kind, Utf8Text v) {
        byte[] b = v.bytes();
        int o = v.offset();
        int len = v.length();
        int width = width(kind);
        if (width >= 0 && len != width || kind == SqlType.Kind.NUMERIC && !numericFits(b, o, len)) {
            // not the bytes of its type: shown as they came, never read past them
            return "binary " + Conversions.text(java.util.Arrays.copyOfRange(b, o, o + len));
        }
        return switch (kind) {
            case TEXT, VARCHAR, CHAR, JSON -> v.toString();
            case JSONB -> {
                try {
                    yield jsonb(b, o, len);
                } catch (ConversionException e) {
                    yield v.toString();
                }
            }
            case BOOLEAN -> Conversions.text(b[o] != 0);
            case SMALLINT -> Conversions.text((long) (short) (((b[o] & 0xff) << 8) | (b[o + 1] & 0xff)));
            case INTEGER -> Conversions.text((long) int32(b, o));
            case BIGINT -> Conversions.text(int64(b, o));
            case REAL -> Conversions.realText(Float.intBitsToFloat(int32(b, o)));
            case DOUBLE -> Conversions.text(Double.longBitsToDouble(int64(b, o)));
            case NUMERIC -> Conversions.text(numeric(b, o));
            case DATE -> Conversions.dateText(date(b, o));
            case TIMESTAMP, TIMESTAMPTZ -> {
                long t = timestamp(b, o);
                if (t == TS_BEYOND) {
                    yield beyondText(int64(b, o)) + (kind == SqlType.Kind.TIMESTAMPTZ ? "+00" : "");
                }
                yield kind == SqlType.Kind.TIMESTAMP ? Conversions.timestampText(t) : Conversions.timestamptzText(t);
            }
            case TIME -> Conversions.timeText(int64(b, o));
            case UUID -> Conversions.text(new UUID(int64(b, o), int64(b, o + 8)));
            case BYTEA -> Conversions.text(java.util.Arrays.copyOfRange(b, o, o + len));
            // a type syncc does not decode: its binary COPY form, as bytea text ("\\x..."), marked as such
            case OTHER -> "binary " + Conversions.text(java.util.Arrays.copyOfRange(b, o, o + len));
        };
    }
}
