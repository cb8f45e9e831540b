package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.PgText;
import io.syncc.runtime.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads a binary COPY tuple back as text, the way the generated sink renderer writes values: how
 * a row the server rejected is written to the dirty-record file without keeping every row of the
 * batch as an object. Only tuples this runtime encoded are read (see {@link CopyBuffer}).
 */
final class CopyTupleText {

    private final List<SqlType> types;

    CopyTupleText(List<SqlType> types) {
        this.types = List.copyOf(types);
    }

    /** The values of the tuple at {@code offset} of {@code b}; null for SQL NULL. */
    String[] render(byte[] b, int offset) {
        int p = offset;
        int n = int16(b, p);
        p += 2;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int len = int32(b, p);
            p += 4;
            if (len >= 0) {
                out[i] = value(types.get(i).kind(), b, p, len);
                p += len;
            }
        }
        return out;
    }

    private static String value(SqlType.Kind kind, byte[] b, int p, int len) {
        return switch (kind) {
            case BOOLEAN -> Conversions.text(b[p] != 0);
            case SMALLINT -> Conversions.text((long) (short) int16(b, p));
            case INTEGER -> Conversions.text((long) int32(b, p));
            case BIGINT -> Conversions.text(int64(b, p));
            case REAL -> Conversions.realText(Float.intBitsToFloat(int32(b, p)));
            case DOUBLE -> Conversions.text(Double.longBitsToDouble(int64(b, p)));
            case NUMERIC -> numeric(b, p);
            case TEXT, VARCHAR, CHAR, JSON -> new String(b, p, len, StandardCharsets.UTF_8);
            case JSONB -> new String(b, p + 1, len - 1, StandardCharsets.UTF_8);
            case DATE -> Conversions.dateText(date(int32(b, p)));
            case TIMESTAMP -> Conversions.timestampText(timestamp(int64(b, p)));
            case TIMESTAMPTZ -> Conversions.timestamptzText(timestamp(int64(b, p)));
            case TIME -> Conversions.timeText(int64(b, p));
            case UUID -> Conversions.text(new UUID(int64(b, p), int64(b, p + 8)));
            case BYTEA -> Conversions.text(Arrays.copyOfRange(b, p, p + len));
        };
    }

    private static int date(int pg) {
        return pg == PgText.DATE_POS_INF || pg == PgText.DATE_NEG_INF ? pg : (int) (pg + CopyBuffer.PG_EPOCH_DAYS);
    }

    private static long timestamp(long pg) {
        return pg == PgText.TS_POS_INF || pg == PgText.TS_NEG_INF ? pg : pg + CopyBuffer.PG_EPOCH_MICROS;
    }

    /** PostgreSQL's numeric: digits in base 10,000, a weight (of the first digit) and a display scale. */
    private static String numeric(byte[] b, int p) {
        int ndigits = int16(b, p);
        int weight = (short) int16(b, p + 2);
        int sign = int16(b, p + 4);
        int dscale = int16(b, p + 6);
        if (sign == CopyBuffer.NUMERIC_NAN) {
            return "NaN";
        }
        if (sign == CopyBuffer.NUMERIC_PINF || sign == CopyBuffer.NUMERIC_NINF) {
            return sign == CopyBuffer.NUMERIC_PINF ? "Infinity" : "-Infinity";
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(CopyBuffer.TEN_THOUSAND).add(BigInteger.valueOf(int16(b, p + 8 + 2 * i)));
        }
        // the value is unscaled * 10000^(weight - ndigits + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        v = v.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return Conversions.text(sign == 0x4000 ? v.negate() : v);
    }

    private static int int16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int int32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static long int64(byte[] b, int p) {
        return ((long) int32(b, p) << 32) | (int32(b, p + 4) & 0xffffffffL);
    }
}
