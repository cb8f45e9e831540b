package io.syncc.runtime.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.testing.Fixtures;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded texts and values, with the server as the oracle: what it stores for a text, how it writes a float. */
class PgTextTest {

    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.startTemporary();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** AD and BC date-times, 0–9 fraction digits, 24:00:00, zone offsets (timestamptz): the server's microseconds since 1970. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void timestampsAreReadAsTheServerReadsThem(long seed) throws Exception {
        Random r = new Random(seed);
        for (boolean tz : new boolean[] {false, true}) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                boolean bc = r.nextInt(4) == 0;
                int y = 1 + r.nextInt(bc ? 4000 : 9999);
                StringBuilder b = new StringBuilder();
                b.append(String.format("%04d", y)).append('-').append(two(1 + r.nextInt(12))).append('-').append(two(1 + r.nextInt(28)));
                b.append(r.nextBoolean() ? ' ' : 'T');
                if (r.nextInt(20) == 0) {
                    b.append("24:00:00");
                } else {
                    b.append(two(r.nextInt(24))).append(':').append(two(r.nextInt(60))).append(':').append(two(r.nextInt(60)));
                    int digits = r.nextInt(10);
                    if (digits > 0) {
                        b.append('.');
                        for (int k = 0; k < digits; k++) {
                            b.append((char) ('0' + (r.nextInt(3) == 0 ? 9 : r.nextInt(10))));
                        }
                    }
                }
                if (tz && r.nextBoolean()) {
                    b.append(r.nextBoolean() ? '+' : '-').append(two(r.nextInt(15)));
                    if (r.nextBoolean()) {
                        b.append(':').append(two(r.nextInt(60)));
                    }
                }
                if (bc) {
                    b.append(" BC");
                }
                texts.add(b.toString());
            }
            String type = tz ? "timestamptz" : "timestamp";
            List<Long> expected = new ArrayList<>();
            try (Connection c = Fixtures.connect(server); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                Array a = c.createArrayOf("text", texts.toArray());
                try (PreparedStatement ps = c.prepareStatement("SELECT (extract(epoch from t::" + type + ") * 1000000)::bigint "
                        + "FROM unnest(?::text[]) WITH ORDINALITY u(t, n) ORDER BY n")) {
                    ps.setArray(1, a);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            expected.add(rs.getLong(1));
                        }
                    }
                }
            }
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i), PgText.parseTimestamp(texts.get(i), tz), type + " " + texts.get(i));
            }
        }
    }

    /** Doubles and reals of random bit patterns (normal, denormal, huge, tiny): the server's text of them. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void floatsAreWrittenAsTheServerWritesThem(long seed) throws Exception {
        Random r = new Random(seed);
        List<Double> doubles = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            float f = Float.intBitsToFloat(r.nextInt());
            if (i % 3 == 0) {
                d = Math.round(r.nextGaussian() * 1e6) / Math.pow(10, r.nextInt(12));
                f = (float) d;
            }
            if (!Double.isNaN(d)) {
                doubles.add(d);
            }
            if (!Float.isNaN(f)) {
                floats.add(f);
            }
        }
        doubles.addAll(List.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e15, 1e14, 123456789012345.0, 1e-4,
                1e-5, 0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        floats.addAll(List.of(0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, 16777216f, 123456f, 1234567f, 0.1f, Float.NaN));
        try (Connection c = Fixtures.connect(server)) {
            List<String> expected = texts(c, "float8", doubles.toArray());
            for (int i = 0; i < doubles.size(); i++) {
                assertEquals(expected.get(i), PgText.floatText(doubles.get(i), false), "double bits " + Double.doubleToRawLongBits(doubles.get(i)));
            }
            List<String> expectedReal = texts(c, "float4", floats.toArray());
            for (int i = 0; i < floats.size(); i++) {
                assertEquals(expectedReal.get(i), PgText.floatText(floats.get(i), true), "real bits " + Float.floatToRawIntBits(floats.get(i)));
            }
        }
    }

    /** Numeric, integer and time texts in the forms the input functions take: the server's value of each, as text. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void numbersAndTimesAreReadAsTheServerReadsThem(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> numerics = new ArrayList<>();
        List<String> integers = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            b.append(r.nextInt(3) == 0 ? " " : "").append(r.nextBoolean() ? "-" : r.nextInt(5) == 0 ? "+" : "");
            int whole = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(25);
            for (int k = 0; k < whole; k++) {
                b.append((char) ('0' + r.nextInt(10)));
                if (k + 1 < whole && r.nextInt(8) == 0) {
                    b.append('_');
                }
            }
            int frac = whole == 0 ? 1 + r.nextInt(20) : r.nextInt(3) == 0 ? 0 : r.nextInt(20);
            if (frac > 0 || r.nextInt(10) == 0) {
                b.append('.');
                for (int k = 0; k < frac; k++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
            }
            if (r.nextInt(3) == 0) {
                b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "-" : r.nextBoolean() ? "+" : "").append(r.nextInt(400));
            }
            numerics.add(b.append(r.nextInt(3) == 0 ? "\t" : "").toString());
            long v = r.nextLong() >> r.nextInt(63);
            integers.add(switch (r.nextInt(4)) {
                case 0 -> (v < 0 ? "-0x" : "0x") + Long.toHexString(Math.abs(v));
                case 1 -> (v < 0 ? "-0o" : "0o") + Long.toOctalString(Math.abs(v));
                case 2 -> String.format("%,d", v).replace(',', '_');
                default -> " " + v + " ";
            });
            StringBuilder t = new StringBuilder();
            t.append(two(r.nextInt(24))).append(':').append(two(r.nextInt(60)));
            if (r.nextInt(4) > 0) {
                t.append(':').append(two(r.nextInt(60)));
                int digits = r.nextInt(10);
                if (digits > 0) {
                    t.append('.');
                    for (int k = 0; k < digits; k++) {
                        t.append((char) ('0' + (r.nextInt(2) == 0 ? 9 : r.nextInt(10))));
                    }
                }
            }
            times.add(r.nextInt(50) == 0 ? "24:00:00" : t.toString());
        }
        integers.removeIf(x -> x.contains("0x-") || x.contains("0o-") || x.contains("-9223372036854775808") && !x.startsWith(" "));
        try (Connection c = Fixtures.connect(server)) {
            List<String> num = texts(c, "numeric", numerics.toArray());
            List<String> ints = texts(c, "bigint", integers.toArray());
            List<String> tms = texts(c, "time", times.toArray());
            for (int i = 0; i < numerics.size(); i++) {
                assertEquals(num.get(i), PgText.numericText(PgText.parseNumeric(numerics.get(i))), "numeric " + numerics.get(i));
            }
            for (int i = 0; i < integers.size(); i++) {
                assertEquals(ints.get(i), Long.toString(PgText.parseInteger(integers.get(i), "bigint", Long.MIN_VALUE, Long.MAX_VALUE)),
                        "bigint " + integers.get(i));
            }
            for (int i = 0; i < times.size(); i++) {
                assertEquals(tms.get(i), PgText.timeText(PgText.parseTime(times.get(i))), "time " + times.get(i));
            }
        }
    }

    /** The server's text of values sent as their shortest Java text (which reads back exactly). */
    private static List<String> texts(Connection c, String type, Object[] values) throws Exception {
        String[] in = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            in[i] = values[i].toString();
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t::" + type + "::text FROM unnest(?::text[]) WITH ORDINALITY u(t, n) ORDER BY n")) {
            ps.setArray(1, c.createArrayOf("text", in));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
