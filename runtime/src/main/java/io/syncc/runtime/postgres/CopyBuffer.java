package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.BinaryCopyOut;
import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.PgText;
import io.syncc.runtime.codegen.Utf8Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.UUID;

/**
 * A growable buffer of PostgreSQL binary COPY tuples. Tuple start offsets are kept so that any
 * run of tuples can be sent again on its own (row isolation after a failed batch). The 19-byte
 * file header and the 2-byte trailer are added by {@link #header()} / {@link #TRAILER} when sending.
 * Not thread-safe: one per writer.
 */
public final class CopyBuffer implements BinaryCopyOut {

    static final byte[] HEADER = PgBinaryRecord.fileHeader();
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};


    private byte[] buf;
    private int pos;
    private int[] tupleStarts = new int[1024];
    private int tuples;
    private final short[] groups = new short[64];

    public CopyBuffer(int initialBytes) {
        buf = new byte[initialBytes];
    }

    public static byte[] header() {
        return HEADER.clone();
    }

    public byte[] array() {
        return buf;
    }

    public int size() {
        return pos;
    }

    public int tuples() {
        return tuples;
    }

    /** Offset of tuple {@code i}; {@code tupleOffset(tuples())} is the end. */
    public int tupleOffset(int i) {
        return i == tuples ? pos : tupleStarts[i];
    }

    public void reset() {
        pos = 0;
        tuples = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void int16(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int32(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    /** Records that a tuple starts here. */
    private void markTuple() {
        if (tuples == tupleStarts.length) {
            tupleStarts = Arrays.copyOf(tupleStarts, tuples * 2);
        }
        tupleStarts[tuples++] = pos;
    }

    @Override
    public void startTuple(int fieldCount) {
        markTuple();
        ensure(2);
        int16(fieldCount);
    }

    @Override
    public void writeTuple(Utf8Text tuple) {
        markTuple();
        int n = tuple.length();
        ensure(n);
        System.arraycopy(tuple.bytes(), tuple.offset(), buf, pos, n);
        pos += n;
    }

    @Override
    public void writeNull() {
        ensure(4);
        int32(-1);
    }

    @Override
    public void writeBool(boolean v) {
        ensure(5);
        int32(1);
        buf[pos++] = (byte) (v ? 1 : 0);
    }

    @Override
    public void writeInt16(short v) {
        ensure(6);
        int32(2);
        int16(v);
    }

    @Override
    public void writeInt32(int v) {
        ensure(8);
        int32(4);
        int32(v);
    }

    @Override
    public void writeInt64(long v) {
        ensure(12);
        int32(8);
        int64(v);
    }

    @Override
    public void writeFloat32(float v) {
        ensure(8);
        int32(4);
        int32(Float.floatToRawIntBits(v));
    }

    @Override
    public void writeFloat64(double v) {
        ensure(12);
        int32(8);
        int64(Double.doubleToRawLongBits(v));
    }

    @Override
    public void writeNumeric(BigDecimal v) {
        if (PgText.isSpecial(v)) {
            ensure(12);
            int32(8);
            int16(0);
            int16(0);
            int16(v == PgText.NUMERIC_NAN ? PgBinaryRecord.NUMERIC_NAN : v == PgText.NUMERIC_POS_INF ? PgBinaryRecord.NUMERIC_PINF
                    : PgBinaryRecord.NUMERIC_NINF);
            int16(0);
            return;
        }
        int sign = v.signum() < 0 ? PgBinaryRecord.NUMERIC_NEG : 0;
        int scale = v.scale();
        BigInteger unscaled = v.unscaledValue().abs();
        if (scale < 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
            scale = 0;
        }
        int dscale = scale;
        int fracGroups = (scale + 3) / 4;
        int pad = fracGroups * 4 - scale;
        int n = 0;
        if (unscaled.bitLength() < 50) {
            long u = unscaled.longValue();
            for (int i = 0; i < pad; i++) {
                u *= 10;
            }
            while (u != 0) {
                groups[n++] = (short) (u % 10_000);
                u /= 10_000;
            }
        } else {
            BigInteger u = pad == 0 ? unscaled : unscaled.multiply(BigInteger.TEN.pow(pad));
            short[] g = groups;
            while (u.signum() != 0) {
                BigInteger[] qr = u.divideAndRemainder(PgBinaryRecord.NBASE);
                if (n == g.length) {
                    writeNumericSlow(v);
                    return;
                }
                g[n++] = qr[1].shortValue();
                u = qr[0];
            }
        }
        // groups[0] is the least significant; weight of the most significant group:
        int weight = n - fracGroups - 1;
        int low = 0;
        while (low < n && groups[low] == 0) {
            low++;
        }
        int ndigits = n - low;
        if (ndigits == 0) {
            weight = 0;
            sign = 0;
        }
        ensure(4 + 8 + 2 * ndigits);
        int32(8 + 2 * ndigits);
        int16(ndigits);
        int16(weight);
        int16(sign);
        int16(dscale);
        for (int i = n - 1; i >= low; i--) {
            int16(groups[i]);
        }
    }

    private void writeNumericSlow(BigDecimal v) {
        // extremely long values (> 256 decimal digits): let the server parse text instead is not
        // possible in binary COPY, so encode with a big enough array.
        int scale = Math.max(0, v.scale());
        int fracGroups = (scale + 3) / 4;
        BigInteger u = v.abs().movePointRight(fracGroups * 4).toBigInteger();
        // digits of the scaled integer (a negative scale, as in 1E+256, adds digits precision() does not count)
        short[] g = new short[(int) (u.bitLength() * 0.30103) / 4 + 3];
        int n = 0;
        while (u.signum() != 0) {
            BigInteger[] qr = u.divideAndRemainder(PgBinaryRecord.NBASE);
            g[n++] = qr[1].shortValue();
            u = qr[0];
        }
        int low = 0;
        while (low < n && g[low] == 0) {
            low++;
        }
        int ndigits = n - low;
        ensure(12 + 2 * ndigits);
        int32(8 + 2 * ndigits);
        int16(ndigits);
        int16(ndigits == 0 ? 0 : n - fracGroups - 1);
        int16(v.signum() < 0 ? PgBinaryRecord.NUMERIC_NEG : 0);
        int16(scale);
        for (int i = n - 1; i >= low; i--) {
            int16(g[i]);
        }
    }

    @Override
    public void writeText(String v) {
        utf8(v, -1);
    }

    @Override
    public void writeUtf8(io.syncc.runtime.codegen.Utf8Text v) {
        int len = v.length();
        ensure(4 + len);
        int32(len);
        System.arraycopy(v.bytes(), v.offset(), buf, pos, len);
        pos += len;
    }

    @Override
    public void writeJsonb(String v) {
        utf8(v, 1);
    }

    /** Length-prefixed UTF-8, optionally preceded by one {@code prefix} byte (jsonb's version). */
    private void utf8(String v, int prefix) {
        int len = v.length();
        ensure(5 + len * 3);
        int lenAt = pos;
        byte[] b = buf;
        int p = pos + 4;
        int start = p;
        if (prefix >= 0) {
            b[p++] = (byte) prefix;
        }
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(v.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, v.charAt(++i));
                b[p++] = (byte) (0xf0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                if (Character.isSurrogate(c)) {
                    c = '\ufffd'; // an unpaired surrogate cannot be encoded
                }
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        pos = lenAt;
        int32(p - start);
        pos = p;
    }

    /** ±infinity ({@link PgText#DATE_POS_INF}, {@link PgText#DATE_NEG_INF}) are the server's own values, not shifted. */
    @Override
    public void writeDate(int epochDays) {
        ensure(8);
        int32(4);
        int32(epochDays == PgText.DATE_POS_INF || epochDays == PgText.DATE_NEG_INF ? epochDays : epochDays - PgBinaryRecord.PG_EPOCH_DAYS);
    }

    /** ±infinity ({@link PgText#TS_POS_INF}, {@link PgText#TS_NEG_INF}) are the server's own values, not shifted. */
    @Override
    public void writeTimestamp(long epochMicros) {
        ensure(12);
        int32(8);
        int64(epochMicros == PgText.TS_POS_INF || epochMicros == PgText.TS_NEG_INF ? epochMicros : epochMicros - PgBinaryRecord.PG_EPOCH_MICROS);
    }

    @Override
    public void writeTime(long microsOfDay) {
        ensure(12);
        int32(8);
        int64(microsOfDay);
    }

    @Override
    public void writeUuid(UUID v) {
        ensure(20);
        int32(16);
        int64(v.getMostSignificantBits());
        int64(v.getLeastSignificantBits());
    }

    @Override
    public void writeBytes(byte[] v) {
        ensure(4 + v.length);
        int32(v.length);
        System.arraycopy(v, 0, buf, pos, v.length);
        pos += v.length;
    }
}
