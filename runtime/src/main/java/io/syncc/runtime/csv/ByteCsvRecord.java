package io.syncc.runtime.csv;

import ch.randelshofer.fastdoubleparser.JavaBigDecimalParser;
import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.TimeFormat;
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

    private static final int QUOTED = 1;
    private static final int ESCAPED = 2;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final byte delimiter;
    private final byte quote;
    private final byte[] nullMarker;
    private final Charset charset;

    private byte[] buf;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] flags = new byte[32];
    private int count;
    private long recordNumber;
    private byte[] scratch = new byte[256];

    ByteCsvRecord(CsvFormat format) {
        this.delimiter = format.delimiter();
        this.quote = format.quote();
        this.nullMarker = format.nullMarker();
        this.charset = format.charset();
    }

    /** Locates the fields of the record in {@code b[start, end)} (line terminator excluded). */
    void parse(byte[] b, int start, int end, long number) {
        this.buf = b;
        this.recordNumber = number;
        int n = 0;
        int i = start;
        byte d = delimiter;
        byte q = quote;
        while (true) {
            int fs = i;
            boolean inQ = false;
            int quotes = 0;
            while (i < end) {
                byte c = b[i];
                if (c == q) {
                    inQ = !inQ;
                    quotes++;
                } else if (c == d && !inQ) {
                    break;
                }
                i++;
            }
            if (n == starts.length) {
                grow();
            }
            if (quotes == 0) {
                starts[n] = fs;
                ends[n] = i;
                flags[n] = 0;
            } else if (quotes == 2 && b[fs] == q && b[i - 1] == q && i - fs >= 2) {
                starts[n] = fs + 1;
                ends[n] = i - 1;
                flags[n] = QUOTED;
            } else {
                starts[n] = fs;
                ends[n] = i;
                flags[n] = QUOTED | ESCAPED;
            }
            n++;
            if (i >= end) {
                break;
            }
            i++; // the delimiter
        }
        count = n;
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
    public long recordNumber() {
        return recordNumber;
    }

    @Override
    public boolean isNull(int field) {
        if (flags[field] != 0) {
            return false;
        }
        int s = starts[field];
        int len = ends[field] - s;
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
    public String text(int field, String column) {
        return raw(field);
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
        return Conversions.parseBool(raw(field), column);
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
        return Conversions.parseInt16(raw(field), column);
    }

    @Override
    public int int32(int field, String column) throws ConversionException {
        long v = fastLong(field);
        if (v != Long.MIN_VALUE && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return (int) v;
        }
        return Conversions.parseInt32(raw(field), column);
    }

    @Override
    public long int64(int field, String column) throws ConversionException {
        long v = fastLong(field);
        if (v != Long.MIN_VALUE) {
            return v;
        }
        return Conversions.parseInt64(raw(field), column);
    }

    @Override
    public float float32(int field, String column) throws ConversionException {
        return Conversions.parseFloat32(raw(field), column);
    }

    @Override
    public double float64(int field, String column) throws ConversionException {
        if (plain(field) && ends[field] > starts[field]) {
            try {
                return JavaDoubleParser.parseDouble(buf, starts[field], ends[field] - starts[field]);
            } catch (NumberFormatException e) {
                // fall through to the slow path, which trims and reports
            }
        }
        return Conversions.parseFloat64(raw(field), column);
    }

    @Override
    public BigDecimal decimal(int field, String column) throws ConversionException {
        if (plain(field) && ends[field] > starts[field]) {
            long v = fastLong(field);
            if (v != Long.MIN_VALUE) {
                return BigDecimal.valueOf(v);
            }
            try {
                return JavaBigDecimalParser.parseBigDecimal(buf, starts[field], ends[field] - starts[field]);
            } catch (NumberFormatException e) {
                // slow path below
            }
        }
        return Conversions.parseDecimal(raw(field), column);
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
        if (y < 0 || m < 0 || d < 0) {
            return Integer.MIN_VALUE;
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
        return Conversions.parseDate(raw(field), column, format);
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
            if (buf[s + 19] != '.' || len == 20 || len > 29) {
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
        return Conversions.parseTimestamp(raw(field), column, format);
    }

    @Override
    public long timestamptz(int field, String column, TimeFormat format) throws ConversionException {
        if (format == null) {
            long v = isoTimestamp(field);
            if (v != Long.MIN_VALUE) {
                return v;
            }
        }
        return Conversions.parseTimestamptz(raw(field), column, format);
    }

    @Override
    public long time(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseTime(raw(field), column, format);
    }

    @Override
    public UUID uuid(int field, String column) throws ConversionException {
        return Conversions.parseUuid(raw(field), column);
    }
}
