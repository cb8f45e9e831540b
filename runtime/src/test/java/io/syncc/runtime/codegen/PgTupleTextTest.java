package io.syncc.runtime.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.syncc.runtime.postgres.CopyBuffer;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.types.SqlType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoded tuples read back as text equal the text of the values that were encoded, for every type. */
class PgTupleTextTest {

    static final List<Kind> KINDS = List.of(Kind.BOOLEAN, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.REAL, Kind.DOUBLE,
            Kind.NUMERIC, Kind.TEXT, Kind.JSONB, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ, Kind.TIME, Kind.UUID, Kind.BYTEA, Kind.VARCHAR);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void tuplesReadBackAsTheirValuesText(long seed) {
        Random r = new Random(seed);
        List<SqlType> types = KINDS.stream().map(SqlType::of).toList();
        PgTupleText text = PgTupleText.of(types);
        CopyBuffer buf = new CopyBuffer(64);
        List<String[]> expected = new ArrayList<>();
        for (int row = 0; row < 2000; row++) {
            buf.startTuple(KINDS.size());
            String[] e = new String[KINDS.size()];
            for (int i = 0; i < KINDS.size(); i++) {
                if (r.nextInt(8) == 0) {
                    buf.writeNull();
                    continue;
                }
                e[i] = switch (KINDS.get(i)) {
                    case BOOLEAN -> { boolean v = r.nextBoolean(); buf.writeBool(v); yield Conversions.text(v); }
                    case SMALLINT -> { short v = (short) r.nextInt(); buf.writeInt16(v); yield Conversions.text(v); }
                    case INTEGER -> { int v = r.nextInt(); buf.writeInt32(v); yield Conversions.text(v); }
                    case BIGINT -> { long v = r.nextLong(); buf.writeInt64(v); yield Conversions.text(v); }
                    case REAL -> { float v = r.nextFloat() * 1e6f - 5e5f; buf.writeFloat32(v); yield Conversions.realText(v); }
                    case DOUBLE -> { double v = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 10); buf.writeFloat64(v); yield Conversions.text(v); }
                    case NUMERIC -> {
                        BigDecimal v = new BigDecimal(new BigInteger(1 + r.nextInt(100), r), r.nextInt(40) - 8);
                        v = r.nextBoolean() ? v.negate() : v;
                        buf.writeNumeric(v);
                        yield Conversions.text(v.scale() < 0 ? v.setScale(0) : v);
                    }
                    case TEXT -> { String v = "t" + r.nextInt() + (r.nextBoolean() ? "中文 é" : ""); buf.writeText(v); yield v; }
                    case VARCHAR -> {
                        String v = "u" + r.nextInt(1000) + "ß";
                        Utf8Text u = new Utf8Text();
                        u.set(v);
                        buf.writeUtf8(u);
                        yield v;
                    }
                    case JSONB -> { String v = "{\"k\": " + r.nextInt() + "}"; buf.writeJsonb(v); yield v; }
                    case DATE -> { int v = r.nextInt(200_000) - 100_000; buf.writeDate(v); yield Conversions.dateText(v); }
                    case TIMESTAMP -> { long v = r.nextLong() % 4_000_000_000_000_000L; buf.writeTimestamp(v); yield Conversions.timestampText(v); }
                    case TIMESTAMPTZ -> { long v = r.nextLong() % 4_000_000_000_000_000L; buf.writeTimestamp(v); yield Conversions.timestamptzText(v); }
                    case TIME -> { long v = Math.floorMod(r.nextLong(), 86_400_000_000L); buf.writeTime(v); yield Conversions.timeText(v); }
                    case UUID -> { UUID v = new UUID(r.nextLong(), r.nextLong()); buf.writeUuid(v); yield Conversions.text(v); }
                    case BYTEA -> {
                        byte[] v = ("b" + r.nextInt()).getBytes(StandardCharsets.UTF_8);
                        buf.writeBytes(v);
                        yield Conversions.text(v);
                    }
                    default -> throw new IllegalStateException();
                };
            }
            expected.add(e);
        }
        for (int row = 0; row < expected.size(); row++) {
            assertArrayEquals(expected.get(row), text.render(buf.array(), buf.tupleOffset(row)), "row " + row);
        }
    }
}
