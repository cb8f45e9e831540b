package io.syncc.runtime.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import io.syncc.runtime.types.SqlType.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Binary COPY tuples decoded by {@link PgBinaryRecord} against the server as the oracle: each value
 * of each type, sent by {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, reads as the value the
 * server's text of it parses to, and renders as exactly that text (UTC, ISO dates).
 */
class PgBinaryRecordTest extends ServerTest {

    /** Decodes {@code COPY (SELECT v::type ...) (FORMAT binary)} and the server's text of the same values, in order. */
    private static List<Object[]> roundTrip(String type, List<String> values, Kind kind) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = Fixtures.connect(server)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET extra_float_digits = 1");
            }
            List<String> texts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + (type.startsWith("char")
                    ? "format('%s', CAST(v AS " + type + "))" // char(n) keeps its padding (a cast to text drops it)
                    : "CAST(v AS " + type + ")::text") + " FROM unnest(?::text[]) WITH ORDINALITY u(v, n) ORDER BY n")) {
                ps.setArray(1, c.createArrayOf("text", values.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        texts.add(rs.getString(1));
                    }
                }
            }
            StringBuilder array = new StringBuilder("ARRAY[");
            for (int i = 0; i < values.size(); i++) {
                array.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "NULL" : "'" + values.get(i).replace("'", "''") + "'");
            }
            array.append("]::text[]");
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT CAST(v AS " + type + ") FROM unnest(" + array
                    + ") WITH ORDINALITY u(v, n) ORDER BY n) TO STDOUT (FORMAT binary)");
            PgBinaryRecord r = new PgBinaryRecord();
            Utf8Text field = new Utf8Text();
            byte[] b;
            int i = 0;
            boolean trailer = false;
            while ((b = copy.readFromCopy()) != null) {
                if (!r.reset(b)) {
                    trailer = true;
                    continue;
                }
                assertEquals(1, r.fieldCount());
                String text = texts.get(i++);
                if (r.isNull(0)) {
                    out.add(new Object[] {null, text, null});
                    continue;
                }
                r.view(0, field);
                out.add(new Object[] {PgBinaryRecord.text(kind, field), text, r});
                assertEquals(text, PgBinaryRecord.text(kind, field), type + " value " + text);
                check(r, kind, text);
            }
            assertTrue(trailer, "the trailer ends the data");
            assertEquals(values.size(), i);
        }
        return out;
    }

    /** The typed read equals what the server's text parses to. */
    private static void check(PgBinaryRecord r, Kind kind, String text) throws ConversionException {
        switch (kind) {
            case NUMERIC -> {
                BigDecimal expected = PgText.parseNumeric(text);
                BigDecimal actual = r.numeric(0);
                if (expected == PgText.NUMERIC_NAN || expected == PgText.NUMERIC_POS_INF || expected == PgText.NUMERIC_NEG_INF) {
                    assertSame(expected, actual, text);
                } else {
                    assertEquals(expected, actual, text); // equals: digits and scale
                }
            }
            case DATE -> assertEquals(PgText.parseDate(text), r.date(0), text);
            case TIMESTAMP -> assertEquals(PgText.parseTimestamp(text, false), r.timestamp(0, "c"), text);
            case TIMESTAMPTZ -> assertEquals(PgText.parseTimestamp(text, true), r.timestamptz(0, "c"), text);
            case TIME -> assertEquals(PgText.parseTime(text), r.time(0), text);
            case DOUBLE -> assertEquals(Double.parseDouble(text.replace("Infinity", "Infinity")), r.float64(0), 0.0, text);
            case TEXT, VARCHAR, CHAR, JSON -> assertEquals(text, r.text(0));
            case JSONB -> assertEquals(text, r.jsonb(0));
            case UUID -> assertEquals(text, r.uuid(0).toString());
            case BIGINT -> assertEquals(Long.parseLong(text), r.int64(0));
            case INTEGER -> assertEquals(Integer.parseInt(text), r.int32(0));
            case SMALLINT -> assertEquals(Short.parseShort(text), r.int16(0));
            case BOOLEAN -> assertEquals(text.equals("true"), r.bool(0));
            default -> {
            }
        }
    }

    @Test
    void edgeValuesOfEveryTypeReadAsTheServerWritesThem() throws Exception {
        roundTrip("boolean", List.of("t", "f"), Kind.BOOLEAN);
        roundTrip("smallint", List.of("-32768", "32767", "0", "-1"), Kind.SMALLINT);
        roundTrip("integer", List.of("-2147483648", "2147483647", "0", "-7"), Kind.INTEGER);
        roundTrip("bigint", List.of("-9223372036854775808", "9223372036854775807", "0", "-1"), Kind.BIGINT);
        roundTrip("real", List.of("NaN", "Infinity", "-Infinity", "-0", "1.4e-45", "3.4028235e38", "0.1", "16777217"), Kind.REAL);
        roundTrip("double precision", List.of("NaN", "-Infinity", "-0", "4.9e-324", "1.7976931348623157e308", "0.1", "-36.4"), Kind.DOUBLE);
        roundTrip("numeric", List.of("NaN", "Infinity", "-Infinity", "0", "-0.00", "0.000", "1e256", "1.50", "1e-20", "10000", "9999.9999",
                "123456789012345678901234567890.123456789", "-0.0001", "100000000", "0.00010000", "1e-16383"), Kind.NUMERIC);
        roundTrip("numeric(5,2)", List.of("999.99", "-0.5", "1.005"), Kind.NUMERIC);
        roundTrip("text", List.of("", "a", "h\u00e9llo \ud83d\ude00", "tab\tnew\nline\\x41"), Kind.TEXT);
        roundTrip("char(3)", List.of("a", "abc", ""), Kind.CHAR);
        roundTrip("date", List.of("infinity", "-infinity", "4714-11-24 BC", "5874897-12-31", "2000-01-01", "1999-12-31", "1970-01-01",
                "0044-03-15 BC"), Kind.DATE);
        roundTrip("timestamp", List.of("infinity", "-infinity", "4714-11-24 00:00:00 BC", "2000-01-01", "1969-12-31 23:59:59.999999",
                "294247-01-10 04:00:54.775806", "2020-02-29 12:34:56.5"), Kind.TIMESTAMP);
        roundTrip("timestamptz", List.of("infinity", "-infinity", "2020-01-01 10:00:00+05:30", "0044-03-15 10:00:00+00 BC"), Kind.TIMESTAMPTZ);
        roundTrip("time", List.of("00:00:00", "24:00:00", "23:59:59.999999", "12:00:00.5"), Kind.TIME);
        roundTrip("bytea", List.of("", "\\x00ff5c0a", "abc"), Kind.BYTEA);
        roundTrip("uuid", List.of("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "123e4567-e89b-12d3-a456-426614174000"), Kind.UUID);
        roundTrip("json", List.of("{\"a\": [1, 2.50]}", "null", "\"\u00e9\""), Kind.JSON);
        roundTrip("jsonb", List.of("{\"b\": 1, \"a\": [1, 2.50]}", "null", "\"\u00e9\""), Kind.JSONB);
        List<Object[]> nulls = roundTrip("integer", java.util.Arrays.asList(null, "1", null), Kind.INTEGER);
        assertEquals(null, nulls.get(0)[0]);
        assertEquals("1", nulls.get(1)[0]);
    }

    @Test
    void aTimestampPastWhatSynccCarriesIsRefusedWhenDecodedAndRenderedAsTheServerWritesIt() throws Exception {
        for (String type : List.of("timestamp", "timestamptz")) {
            Kind kind = type.equals("timestamp") ? Kind.TIMESTAMP : Kind.TIMESTAMPTZ;
            List<String> values = List.of("294276-12-31 23:59:59.999999", "294247-01-10 04:00:54.775807", "294250-06-01 12:00:00.25");
            try (Connection c = Fixtures.connect(server)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                }
                for (String v : values) {
                    String text;
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST('" + v + "' AS " + type + ")::text")) {
                        rs.next();
                        text = rs.getString(1);
                    }
                    CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT CAST('" + v + "' AS " + type
                            + ")) TO STDOUT (FORMAT binary)");
                    PgBinaryRecord r = new PgBinaryRecord();
                    assertTrue(r.reset(copy.readFromCopy()));
                    ConversionException e = assertThrows(ConversionException.class,
                            () -> { if (kind == Kind.TIMESTAMP) { r.timestamp(0, "c_ts"); } else { r.timestamptz(0, "c_ts"); } });
                    assertEquals("column c_ts: timestamp out of range: \"" + text + "\" (" + PgText.TS_BEYOND + ")", e.getMessage());
                    Utf8Text field = new Utf8Text();
                    r.view(0, field);
                    assertEquals(text, PgBinaryRecord.text(kind, field));
                    assertFalse(r.reset(copy.readFromCopy()));
                    assertEquals(null, copy.readFromCopy(), "the COPY ends after its trailer");
                }
            }
        }
    }

    /** Random numerics of up to 60 digits at scales -20..40, and random doubles: the decoded value is the server's. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomNumericsAndDoublesReadAsTheServerWritesThem(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> numerics = new ArrayList<>();
        List<String> doubles = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
            int n = 1 + random.nextInt(60);
            for (int k = 0; k < n; k++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            numerics.add(new BigDecimal(new java.math.BigInteger(digits.toString()), random.nextInt(61) - 20).toString());
            doubles.add(Double.toString(Double.longBitsToDouble(random.nextLong())));
        }
        roundTrip("numeric", numerics, Kind.NUMERIC);
        roundTrip("double precision", doubles.stream().filter(d -> !d.contains("NaN")).toList(), Kind.DOUBLE);
    }
}
