package io.syncc.runtime.csv;

import ch.randelshofer.fastdoubleparser.JavaBigDecimalParser;
import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.TimeFormat;
import io.syncc.runtime.codegen.Utf8Text;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A record as field offsets into the reader's byte buffer. Fields are located once per record
 * ({@link #parse}); values are decoded only when the generated decoder asks for them. Numbers,
 * booleans, ISO dates and timestamps are parsed straight from the bytes; only text fields (and the
 * slow paths of unusual input) create Strings. Not thread-safe: one per reader.
 */
final class ByteCsvRecord implements CsvRecord {

    private static final byte QUOTED = 1;
    private static final byte ESCAPED = 2;
    private static final byte NULL = 4;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** {@link #parse} result: a quoted field is still open at the end of the file. */
    static final int UNTERMINATED = -3;
    /** {@link #parse} result: a quoted field is longer than the maximum field size. */
    static final int TOO_LONG = -4;

    private final byte delimiter;
    private final byte quote;
    private final byte[] nullMarker;
    private final boolean emptyIsNull;
    private final Charset charset;
    private final boolean utf8;

    private byte[] buf;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] flags = new byte[32];
    private int count;
    private boolean ascii; // the record is ASCII without NUL bytes: its text needs no UTF-8 validation
    private long line;
    private boolean hadQuotes; // the record just parsed has a quoted field (it may span lines)
    private int recordEnd;     // the index of its terminating newline (or the limit)
    private int recordStart;
    private int strayField = -1; // the first field in which a quote opens after unquoted text
    private int quoteOpen = -1; // where the unterminated quoted field of the last parse opened (after -3 / -4)
    private final int maxField;
    private byte[] scratch = new byte[256];

    ByteCsvRecord(CsvFormat format) {
        this.delimiter = format.delimiter();
        this.quote = format.quote();
        this.nullMarker = format.nullMarker();
        this.emptyIsNull = nullMarker.length == 0;
        this.charset = format.charset();
        this.utf8 = charset.equals(java.nio.charset.StandardCharsets.UTF_8);
        this.maxField = format.maxFieldBytes();
    }

    /**
     * Finds the record that starts at {@code b[start]} and locates its fields, in one pass: eight
     * bytes at a time, stopping only at delimiter, quote and newline bytes. A newline ends the
     * record when an even number of quotes has been seen since it began (the rule of the boundary
     * scan); a {@code \r} before it is not data.
     *
     * @param line the 1-based line of the file where the record starts (for messages)
     * @return the index of the record's terminating newline; {@code limit} when {@code eof} and the
     *         last record has no newline; -1 when the record does not end before {@code limit}
     *         (read more and parse again); {@link #UNTERMINATED} when a quoted field runs to the end
     *         of the file; {@link #TOO_LONG} when a quoted field is longer than the maximum field size
     *         ({@link #quoteOpen()} says where it opened)
     */
    int parse(byte[] b, int start, int limit, boolean eof, long line) {
        this.buf = b;
        this.line = line;
        this.recordStart = start;
        this.strayField = -1;
        this.hadQuotes = false;
        final byte d = delimiter;
        final byte q = quote;
        final long dm = Swar.broadcast(d);
        final long qm = Swar.broadcast(q);
        final long nm = Swar.broadcast((byte) '\n');
        int n = 0;
        int fs = start;
        int quotes = 0;
        boolean inQ = false;
        long unusual = 0; // NUL or non-ASCII bytes seen (the bytes scanned may run past the record: harmless)
        for (int i = start; i < limit; i += 8) {
            long w = Swar.wordAt(b, i, limit);
            long valid = Swar.valid(i, limit);
            unusual |= Swar.nulOrHigh(w) & valid;
            long m = Swar.eq(w, qm) & valid;
            if (m == 0) {
                if (inQ) {
                    continue;
                }
                if ((Swar.eq(w, nm) & valid) == 0) {
                    // the common word: outside quotes, no quote, no newline; only delimiters end fields
                    for (long dl = Swar.eq(w, dm) & valid; dl != 0; dl &= dl - 1) {
                        int k = i + Swar.first(dl);
                        if (quotes == 0 && emptyIsNull && n < starts.length) {
                            starts[n] = fs;
                            ends[n] = k;
                            flags[n] = k == fs ? NULL : (byte) 0;
                            n++;
                        } else {
                            n = field(n, fs, k, quotes);
                        }
                        fs = k + 1;
                        quotes = 0;
                    }
                    continue;
                }
            }
            m |= (Swar.eq(w, dm) | Swar.eq(w, nm)) & valid;
            for (; m != 0; m &= m - 1) {
                int k = i + Swar.first(m);
                byte c = b[k];
                if (c == q) {
                    inQ = !inQ;
                    quotes++;
                } else if (!inQ) {
                    if (c == d) {
                        n = field(n, fs, k, quotes);
                        fs = k + 1;
                        quotes = 0;
                    } else {
                        count = field(n, fs, k > fs && b[k - 1] == '\r' ? k - 1 : k, quotes);
                        ascii = unusual == 0;
                        recordEnd = k;
                        if (k - start > maxField && (quoteOpen = longQuotedField(start, k)) >= 0) {
                            return TOO_LONG; // rare: only records longer than the limit are looked at again
                        }
                        return k;
                    }
                }
            }
        }
        if (inQ) {
            // rare: kept out of the loop above, which runs for every byte of the file
            quoteOpen = openingQuote(fs, limit);
            if (eof) {
                return UNTERMINATED;
            }
            if (limit - quoteOpen > maxField) {
                return TOO_LONG;
            }
        }
        if (!eof) {
            return -1;
        }
        count = field(n, fs, limit > fs && b[limit - 1] == '\r' ? limit - 1 : limit, quotes);
        ascii = unusual == 0;
        recordEnd = limit;
        return limit;
    }

    /** The opening quote of a quoted stretch in {@code buf[from, to)} longer than the maximum field size, or -1. */
    private int longQuotedField(int from, int to) {
        boolean in = false;
        int opened = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == quote) {
                in = !in;
                if (in) {
                    opened = i;
                } else if (i - opened > maxField) {
                    return opened;
                }
            }
        }
        return -1;
    }

    /** The quote that opened the field still open at {@code limit} (the field starts at {@code fs}). */
    private int openingQuote(int fs, int limit) {
        boolean in = false;
        int opened = fs;
        for (int i = fs; i < limit; i++) {
            if (buf[i] == quote) {
                in = !in;
                if (in) {
                    opened = i;
                }
            }
        }
        return opened;
    }

    /** Records field {@code n} as {@code buf[fs, fe)} with {@code quotes} quote bytes; returns n + 1. */
    private int field(int n, int fs, int fe, int quotes) {
        if (n == starts.length) {
            grow();
        }
        if (quotes != 0) {
            hadQuotes = true;
        }
        if (quotes == 0) {
            starts[n] = fs;
            ends[n] = fe;
            flags[n] = isNullMarker(fs, fe) ? NULL : (byte) 0;
        } else if (quotes == 2 && fe - fs >= 2 && buf[fs] == quote && buf[fe - 1] == quote) {
            starts[n] = fs + 1;
            ends[n] = fe - 1;
            flags[n] = QUOTED;
        } else {
            starts[n] = fs;
            ends[n] = fe;
            flags[n] = QUOTED | ESCAPED;
            if (buf[fs] != quote && strayField < 0) {
                strayField = n;
            }
        }
        return n + 1;
    }

    /** Whether the record just parsed is an empty line (no bytes before its line terminator). */
    boolean emptyLine() {
        return count == 1 && starts[0] == ends[0] && (flags[0] & QUOTED) == 0;
    }

    private void grow() {
        int len = starts.length * 2;
        starts = java.util.Arrays.copyOf(starts, len);
        ends = java.util.Arrays.copyOf(ends, len);
        flags = java.util.Arrays.copyOf(flags, len);
    }

    @Override
    public int fieldCount() {
        return count;
    }

    @Override
    public long line() {
        return line;
    }

    /**
     * Newlines inside quoted fields of the record just parsed: it ends on line {@code line() +
     * innerNewlines()}. Counted only for records with quotes, and only when asked.
     */
    int innerNewlines() {
        if (!hadQuotes) {
            return 0;
        }
        int n = 0;
        for (int i = recordStart; i < recordEnd; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Where the quote that opens inside unquoted text is ({@code line L, column C}); only when {@link #strayQuote} is not {@code null}. */
    String strayQuoteAt() {
        int q = starts[strayField];
        while (buf[q] != quote) {
            q++;
        }
        return lineAndColumn(buf, recordStart, line, q, charset);
    }

    /**
     * Why the record is malformed when a quote opens inside unquoted text (PostgreSQL would take the
     * text up to the next quote, possibly many lines on, as one field), else {@code null}.
     */
    String strayQuote() {
        if (strayField < 0) {
            return null;
        }
        return "a quote opens inside the unquoted text of field " + (strayField + 1) + " at " + strayQuoteAt()
                + (innerNewlines() > 0 ? ", and the record runs on to line " + (line + innerNewlines()) : "")
                + ": a stray quote? (quote it as \"\" inside a quoted field, or choose another quote character)";
    }

    /**
     * {@code line N, column M} of byte {@code at} of {@code b}, where {@code b[from]} starts line
     * {@code firstLine}; columns count characters of the file's encoding, from 1.
     */
    static String lineAndColumn(byte[] b, int from, long firstLine, int at, java.nio.charset.Charset charset) {
        long line = firstLine;
        int lineStart = from;
        for (int i = from; i < at; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(b, lineStart, at - lineStart, charset);
        return "line " + line + ", column " + (before.codePointCount(0, before.length()) + 1);
    }

    /** After {@link #UNTERMINATED} or {@link #TOO_LONG}: the buffer index of the quote that opened the field. */
    int quoteOpen() {
        return quoteOpen;
    }

    /** An unquoted field is null when it is the datasource's null marker (decided once, in {@link #parse}). */
    @Override
    public boolean isNull(int field) {
        return (flags[field] & NULL) != 0;
    }

    private boolean isNullMarker(int s, int e) {
        int len = e - s;
        if (len != nullMarker.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[s + i] != nullMarker[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String raw(int field) {
        if ((flags[field] & ESCAPED) != 0) {
            int len = unescape(field);
            return new String(scratch, 0, len, charset);
        }
        return new String(buf, starts[field], ends[field] - starts[field], charset);
    }

    /** All fields as text, for the dirty-record file. */
    String[] rawFields() {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = raw(i);
        }
        return out;
    }

    private int unescape(int field) {
        int s = starts[field];
        int e = ends[field];
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        int o = 0;
        boolean inQ = false;
        for (int i = s; i < e; i++) {
            byte c = buf[i];
            if (c == quote) {
                if (inQ && i + 1 < e && buf[i + 1] == quote) {
                    scratch[o++] = quote;
                    i++;
                } else {
                    inQ = !inQ;
                }
            } else {
                scratch[o++] = c;
            }
        }
        return o;
    }

    private boolean plain(int field) {
        return (flags[field] & ESCAPED) == 0;
    }

    @Override
    public String text(int field, String column) throws ConversionException {
        return value(field, column);
    }

    /**
     * The field's text as a value: bytes the file's encoding cannot decode, and NUL bytes, are a
     * conversion error naming the bytes and their offset (never U+FFFD). {@link #raw} is for messages.
     */
    private String value(int field, String column) throws ConversionException {
        byte[] b = buf;
        int s = starts[field];
        int len = ends[field] - s;
        if ((flags[field] & ESCAPED) != 0) {
            len = unescape(field);
            b = scratch;
            s = 0;
        }
        if (!ascii) {
            String invalid = utf8 ? Utf8Text.invalidUtf8(b, s, len) : Utf8Text.undecodable(b, s, len, charset);
            if (invalid != null) {
                throw ConversionException.forColumn(column, invalid);
            }
        }
        return new String(b, s, len, charset);
    }

    @Override
    public void utf8(int field, String column, Utf8Text into) throws ConversionException {
        if (!utf8) {
            into.set(value(field, column));
            return;
        }
        byte[] b = buf;
        int s = starts[field];
        int len = ends[field] - s;
        boolean escaped = (flags[field] & ESCAPED) != 0;
        if (escaped) {
            len = unescape(field);
            b = scratch;
            s = 0;
        }
        if (!ascii) {
            String invalid = Utf8Text.invalidUtf8(b, s, len);
            if (invalid != null) {
                throw ConversionException.forColumn(column, invalid);
            }
        }
        if (escaped) {
            into.set(b, s, len); // the scratch buffer is shared by the record's fields: copy
        } else {
            into.view(b, s, len); // valid until the next record is parsed, like the source row itself
        }
    }

    @Override
    public boolean bool(int field, String column) throws ConversionException {
        if (plain(field)) {
            int s = starts[field];
            int len = ends[field] - s;
            if (len == 1) {
                byte c = buf[s];
                if (c == 't' || c == '1') {
                    return true;
                }
                if (c == 'f' || c == '0') {
                    return false;
                }
            } else if (len == 4 && buf[s] == 't' && buf[s + 1] == 'r' && buf[s + 2] == 'u' && buf[s + 3] == 'e') {
                return true;
            } else if (len == 5 && buf[s] == 'f' && buf[s + 1] == 'a' && buf[s + 2] == 'l' && buf[s + 3] == 's' && buf[s + 4] == 'e') {
                return false;
            }
        }
        return Conversions.parseBool(value(field, column), column);
    }

    /** Long.MIN_VALUE signals "not a simple integer" (slow path). */
    private long fastLong(int field) {
        if (!plain(field)) {
            return Long.MIN_VALUE;
        }
        int i = starts[field];
        int e = ends[field];
        if (i == e) {
            return Long.MIN_VALUE;
        }
        boolean neg = false;
        byte c = buf[i];
        if (c == '-' || c == '+') {
            neg = c == '-';
            i++;
        }
        int digits = e - i;
        if (digits == 0 || digits > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < e; i++) {
            int dgt = buf[i] - '0';
            if (dgt < 0 || dgt > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + dgt;
        }
        return neg ? -v : v;
    }

    @Override
    public short int16(int field, String column) throws ConversionException {
        long v = fastLong(field);
        if (v != Long.MIN_VALUE && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return (short) v;
        }
        return Conversions.parseInt16(value(field, column), column);
    }

    @Override
    public int int32(int field, String column) throws ConversionException {
        long v = fastLong(field);
        if (v != Long.MIN_VALUE && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return (int) v;
        }
        return Conversions.parseInt32(value(field, column), column);
    }

    @Override
    public long int64(int field, String column) throws ConversionException {
        long v = fastLong(field);
        if (v != Long.MIN_VALUE) {
            return v;
        }
        return Conversions.parseInt64(value(field, column), column);
    }

    @Override
    public float float32(int field, String column) throws ConversionException {
        return Conversions.parseFloat32(value(field, column), column);
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Plain decimals of at most 15 digits ({@code -36.4}, {@code 93.994}): the digits and the power
     * of ten are exact doubles, so one division is the correctly rounded value (Clinger's fast
     * path). NaN means "not such a number": use the general parser.
     */
    private double simpleDecimal(int field) {
        int i = starts[field];
        int e = ends[field];
        boolean neg = false;
        if (buf[i] == '-' || buf[i] == '+') {
            neg = buf[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < e; i++) {
            int d = buf[i] - '0';
            if (d >= 0 && d <= 9) {
                m = m * 10 + d;
                digits++;
            } else if (buf[i] == '.' && fraction < 0) {
                fraction = e - i - 1;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.NaN;
        }
        double v = fraction > 0 ? m / POWERS_OF_TEN[fraction] : m;
        return neg ? -v : v;
    }

    @Override
    public double float64(int field, String column) throws ConversionException {
        if (plain(field) && ends[field] > starts[field]) {
            double v = simpleDecimal(field);
            if (v == v) {
                return v;
            }
            if (plainNumber(field)) {
                double d = JavaDoubleParser.parseDouble(buf, starts[field], ends[field] - starts[field]);
                if (d != 0 && !Double.isInfinite(d)) {
                    return d;
                }
                // zero (perhaps an underflow) or an overflow: the slow path decides as float8in does
            }
        }
        return Conversions.parseFloat64(value(field, column), column);
    }

    @Override
    public BigDecimal decimal(int field, String column) throws ConversionException {
        if (plain(field) && ends[field] > starts[field]) {
            long v = fastLong(field);
            if (v != Long.MIN_VALUE) {
                return BigDecimal.valueOf(v);
            }
            if (plainNumber(field)) {
                try {
                    return Conversions.checkDecimal(JavaBigDecimalParser.parseBigDecimal(buf, starts[field], ends[field] - starts[field]), column);
                } catch (NumberFormatException e) {
                    // slow path below
                }
            }
        }
        return Conversions.parseDecimal(value(field, column), column);
    }

    /** Only digits, signs, points and exponents: the syntax float8in and numeric_in share with the fast parsers. */
    private boolean plainNumber(int field) {
        for (int i = starts[field]; i < ends[field]; i++) {
            byte c = buf[i];
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = buf[at + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Epoch day of an ISO date at {@code s}, or Integer.MIN_VALUE. */
    private int isoDate(int s) {
        if (buf[s + 4] != '-' || buf[s + 7] != '-') {
            return Integer.MIN_VALUE;
        }
        int y = digits(s, 4);
        int m = digits(s + 5, 2);
        int d = digits(s + 8, 2);
        if (y <= 0 || m < 0 || d < 0) {
            return Integer.MIN_VALUE; // year 0000 does not exist: the slow path refuses it
        }
        try {
            return (int) LocalDate.of(y, m, d).toEpochDay();
        } catch (DateTimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    @Override
    public int date(int field, String column, TimeFormat format) throws ConversionException {
        if (format == null && plain(field) && ends[field] - starts[field] == 10) {
            int v = isoDate(starts[field]);
            if (v != Integer.MIN_VALUE) {
                return v;
            }
        }
        return Conversions.parseDate(value(field, column), column, format);
    }

    /** ISO local date-time with optional fraction, or Long.MIN_VALUE. */
    private long isoTimestamp(int field) {
        int s = starts[field];
        int len = ends[field] - s;
        if (!plain(field) || len < 19) {
            return Long.MIN_VALUE;
        }
        byte sep = buf[s + 10];
        if ((sep != ' ' && sep != 'T') || buf[s + 13] != ':' || buf[s + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int day = isoDate(s);
        int h = digits(s + 11, 2);
        int mi = digits(s + 14, 2);
        int se = digits(s + 17, 2);
        if (day == Integer.MIN_VALUE || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) {
            return Long.MIN_VALUE;
        }
        long micros = 0;
        if (len > 19) {
            if (buf[s + 19] != '.' || len == 20 || len > 26) {
                // more than six fraction digits are rounded as the server rounds them, by the slow path
                return Long.MIN_VALUE;
            }
            int fracLen = len - 20;
            long scale = 100_000;
            for (int i = 0; i < fracLen; i++) {
                int d = buf[s + 20 + i] - '0';
                if (d < 0 || d > 9) {
                    return Long.MIN_VALUE;
                }
                micros += d * scale;
                scale /= 10;
            }
        }
        return day * MICROS_PER_DAY + ((h * 60L + mi) * 60L + se) * 1_000_000L + micros;
    }

    @Override
    public long timestamp(int field, String column, TimeFormat format) throws ConversionException {
        if (format == null) {
            long v = isoTimestamp(field);
            if (v != Long.MIN_VALUE) {
                return v;
            }
        }
        return Conversions.parseTimestamp(value(field, column), column, format);
    }

    @Override
    public long timestamptz(int field, String column, TimeFormat format) throws ConversionException {
        if (format == null) {
            long v = isoTimestamp(field);
            if (v != Long.MIN_VALUE) {
                return v;
            }
        }
        return Conversions.parseTimestamptz(value(field, column), column, format);
    }

    @Override
    public long time(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseTime(value(field, column), column, format);
    }

    @Override
    public UUID uuid(int field, String column) throws ConversionException {
        return Conversions.parseUuid(value(field, column), column);
    }
}
