package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * Edge values of every supported type, through generated code and both write methods, with the
 * server as the oracle: CSV → PostgreSQL is compared with what {@code COPY ... (FORMAT csv)} of
 * the same line stores (or refuses), PostgreSQL → PostgreSQL with the source rows. Rows are
 * compared as the server's text of the whole row, so {@code -0}, NaN, infinities and digits count.
 */
class ValueRoundTripTest {

    /** Every supported type once; each row of a test sets one column and leaves the others NULL. */
    static final String COLUMNS = "id int PRIMARY KEY, c_bool boolean, c_int2 smallint, c_int4 integer, c_int8 bigint, c_real real, "
            + "c_double double precision, c_num numeric, c_num52 numeric(5,2), c_text text, c_vc varchar(3), c_ch char(3), "
            + "c_date date, c_ts timestamp, c_tstz timestamptz, c_time time, c_bytea bytea, c_uuid uuid, c_json json, c_jsonb jsonb";

    static final String DECLARED = "c_bool boolean  c_int2 smallint  c_int4 int  c_int8 bigint  c_real real  c_double double  "
            + "c_num numeric  c_num52 numeric(5,2)  c_text text  c_vc varchar(3)  c_ch char(3)  c_date date  c_ts timestamp  "
            + "c_tstz timestamptz  c_time time  c_bytea bytea  c_uuid uuid  c_json json  c_jsonb jsonb";

    static final List<String> NAMES = List.of("c_bool", "c_int2", "c_int4", "c_int8", "c_real", "c_double", "c_num", "c_num52",
            "c_text", "c_vc", "c_ch", "c_date", "c_ts", "c_tstz", "c_time", "c_bytea", "c_uuid", "c_json", "c_jsonb");

    /** Column → edge texts: minimum, maximum, infinities, NaN, BC, 24:00, -0, denormals, empty, rounding, and texts the server refuses. */
    static final Map<String, List<String>> EDGES = Map.ofEntries(
            Map.entry("c_bool", List.of("t", "f", "TRUE", " yes ", "off", "tr", "of", "1", "0", "o", "maybe", "")),
            Map.entry("c_int2", List.of("-32768", "32767", "-0", "+7", " 7 ", "1_000", "0x7FFF", "32768", "-32769", "1.5", "")),
            Map.entry("c_int4", List.of("-2147483648", "2147483647", "2147483648", "0b101", "0o17", "1__0", "abc")),
            Map.entry("c_int8", List.of("-9223372036854775808", "9223372036854775807", "9223372036854775808", "123456789012345678",
                    "-0x8000000000000000")),
            Map.entry("c_real", List.of("NaN", "Infinity", "-Infinity", "inf", "-0", "1.4e-45", "1e-45", "1.17549435e-38", "3.4028235e38",
                    "3.4028236e38", "1e-46", "1e39", "0.1", "16777217", "1d", "")),
            Map.entry("c_double", List.of("NaN", "-Infinity", "+inf", "-0", "4.9e-324", "2.2250738585072014e-308",
                    "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "1e-400", "0e-400", "0.1", "12345678901234567890",
                    "1.00000000000000000001", "-36.4", "1f")),
            Map.entry("c_num", List.of("NaN", "Infinity", "-Infinity", "-inf", "0", "-0", "-0.00", "1e256", "1.50", "1e-20",
                    "123456789012345678901234567890.123456789", ".5", "5.", "1_000.5", "0x10", "1e-16384", "abc", "")),
            Map.entry("c_num52", List.of("999.994", "999.995", "-999.995", "1.005", "NaN", "Infinity", "0.001", "-0.005")),
            Map.entry("c_text", List.of("", "a", "h\u00e9llo", "\ud83d\ude00", "quote \" and, comma", " spaces ", "\\x41")),
            Map.entry("c_vc", List.of("abc", "abcd", "ab   ", "\u00e9\u20ac\ud83d\ude00", "")),
            Map.entry("c_ch", List.of("a", "abc   ", "abcd", "")),
            Map.entry("c_date", List.of("2020-02-29", "infinity", "-infinity", "4714-11-24 BC", "4714-11-23 BC", "5874897-12-31",
                    "5874898-01-01", "0044-03-15 BC", "2021-02-29", "epoch", "0001-01-01", "10000-01-01", "0000-01-01", "1999-01-08",
                    "20260101", "")),
            Map.entry("c_ts", List.of("infinity", "-infinity", "2020-01-01 00:00:00.1234565", "2020-01-01 00:00:00.1234575",
                    "2020-01-01 23:59:59.9999995", "4714-11-24 00:00:00 BC", "294276-12-31 23:59:59.999999", "294247-01-10 04:00:54.775806", "294277-01-01 00:00:00",
                    "2020-01-01T10:00:00", "2020-01-01 10:00", "2020-01-01", "2020-01-01 24:00:00", "2020-01-01 10:00:00+05",
                    "0044-03-15 10:00:00.5 BC", "1969-12-31 23:59:59.999999", "")),
            Map.entry("c_tstz", List.of("infinity", "-infinity", "2020-01-01 10:00:00+05:30", "2020-01-01 10:00:00.0000005+00",
                    "0044-03-15 10:00:00+00 BC", "2020-01-01 10:00:00Z", "2020-01-01 10:00:00", "294276-12-31 23:59:59.999999+00", "294247-01-10 04:00:54.775806+00",
                    "2020-01-01 10:00:00-0330", "")),
            Map.entry("c_time", List.of("00:00:00", "24:00:00", "23:59:59.999999", "23:59:59.9999995", "12:00:00.0000005", "25:00:00",
                    "allballs", "12:00", "23:59:60", "23:59:60.5", "24:00:00.1", "")),
            Map.entry("c_bytea", List.of("\\x", "\\x00ff41", "abc", "\\\\", "\\001", "\\x0", "\\xzz", "\\q", "\\x 00 ff", "\u00e9", "")),
            Map.entry("c_uuid", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}",
                    "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "1-2-3-4-5",
                    " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "")),
            Map.entry("c_json", List.of("{\"a\":1}", "[]", "null", "{")),
            Map.entry("c_jsonb", List.of("{\"b\":1,\"a\":2}", " {\"a\" : 1} ", "{")));

    /**
     * Values the server stores that syncc refuses, with the reason: a timestamp is microseconds
     * since 1970 in a long, which ends 30 years before PostgreSQL's timestamps do.
     */
    static final Map<String, String> KNOWN_LIMITS = Map.of(
            "294276-12-31 23:59:59.999999", "(syncc carries timestamps up to 294247-01-10 04:00:54.775806)",
            "294276-12-31 23:59:59.999999+00", "(syncc carries timestamps up to 294247-01-10 04:00:54.775806)");

    /** Refused texts whose dirty reason is word for word the server's. */
    static final java.util.Set<String> SERVER_WORDED = java.util.Set.of("32768", "-32769", "2147483648", "9223372036854775808",
            "3.4028236e38", "1e-46", "1e39", "1e309", "1e-400", "1.7976931348623159e308", "1e-16384", "4714-11-23 BC",
            "5874898-01-01", "2021-02-29", "0000-01-01", "294277-01-01 00:00:00", "25:00:00", "23:59:60.5", "24:00:00.1",
            "\\x0", "\\xzz");

    /** One CSV row: the id and the value of one column (null: every column NULL). */
    record Row(int id, String column, byte[] value) {
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int id = 1;
        rows.add(new Row(id++, null, null));
        for (String c : NAMES) {
            for (String v : EDGES.get(c)) {
                rows.add(new Row(id++, c, v.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return rows;
    }

    static byte[] line(Row r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Integer.toString(r.id()).getBytes(StandardCharsets.US_ASCII));
        for (String c : NAMES) {
            b.write(',');
            if (c.equals(r.column())) {
                b.write('"');
                for (byte x : r.value()) {
                    if (x == '"') {
                        b.write('"');
                    }
                    b.write(x);
                }
                b.write('"');
            }
        }
        b.write('\n');
        return b.toByteArray();
    }

    static byte[] csv(List<Row> rows) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("id," + String.join(",", NAMES) + "\n").getBytes(StandardCharsets.US_ASCII));
        for (Row r : rows) {
            b.writeBytes(line(r));
        }
        return b.toByteArray();
    }

    /** COPY of each line on its own, as psql's \copy with format csv would store it: id → refusal message for refused lines. */
    static Map<Integer, String> oracleCopy(String table, List<Row> rows) throws SQLException {
        Map<Integer, String> refused = new TreeMap<>();
        try (Connection c = TestDb.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
            for (Row r : rows) {
                try {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)",
                            new ByteArrayInputStream(line(r)));
                } catch (SQLException e) {
                    refused.put(r.id(), e.getMessage());
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
            }
        }
        return refused;
    }

    /** Every row as the server's text of it, in id order. */
    static List<String> rowTexts(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDb.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Ids of the dirty rows a run wrote (CSV fields or row values) → reason. */
    static Map<Integer, String> dirty(Path workDir) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        Path d = workDir.resolve("dirty");
        if (!Files.exists(d)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String l : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(l);
                    String id = n.has("fields") ? n.get("fields").get(0).asText() : n.get("values").get("id").asText();
                    out.put(Integer.parseInt(id), n.get("reason").asText());
                }
            }
        }
        return out;
    }

    private Cli.Result run(Path project, String job) throws Exception {
        Path file = Projects.write(project, job, null, null);
        Cli.Result r = Cli.run("run", file.toString(), "--no-progress", "--work-dir", project.toString());
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    @ParameterizedTest(name = "write {0}")
    @ValueSource(strings = {"copy", "insert"})
    void csvEdgeValuesAreStoredAsCopyCsvStoresThemOrAreDirtyRowsWhereItRefusesThem(String write) throws Exception {
        List<Row> rows = rows();
        Map<Integer, String> refused = oracleCopy("rt_csv_oracle", rows);
        String table = "rt_csv_" + write;
        TestDb.exec("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + COLUMNS + ")");
        Path project = dir.resolve(write);
        Files.createDirectories(project.resolve("data"));
        Files.write(project.resolve("data").resolve("edges.csv"), csv(rows));
        run(project, "job rt {\n  source files.edges { columns { id int  " + DECLARED + " } }\n  sink pg." + table
                + " { write " + write + " }\n  map by name { }\n  channel { errors 1000 }\n}\n");

        Map<Integer, String> dirty = dirty(project);
        // rows syncc refuses by its own limits: dirty with that reason, and left out of the comparison
        for (Row r : rows) {
            String limit = r.value() == null ? null : KNOWN_LIMITS.get(new String(r.value(), StandardCharsets.UTF_8));
            if (limit != null) {
                assertTrue(dirty.getOrDefault(r.id(), "").endsWith(limit), r.id() + ": " + dirty.get(r.id()));
                dirty.remove(r.id());
                TestDb.exec("DELETE FROM rt_csv_oracle WHERE id = " + r.id());
            }
        }
        assertSameRows(rowTexts("rt_csv_oracle"), rowTexts(table), dirty);
        assertEquals(refused.keySet(), dirty.keySet(), "dirty rows " + dirty + "\nrefused by COPY " + refused);
        // where the reason is about the value's range or form, it is the server's own sentence
        int worded = 0;
        for (Row r : rows) {
            if (r.value() != null && SERVER_WORDED.contains(new String(r.value(), StandardCharsets.UTF_8))) {
                String reason = dirty.get(r.id());
                String sentence = reason.substring(reason.indexOf(": ") + 2);
                assertTrue(refused.get(r.id()).contains(sentence), "syncc: " + reason + "\nserver: " + refused.get(r.id()));
                worded++;
            }
        }
        assertEquals(SERVER_WORDED.size(), worded);
    }

    @ParameterizedTest(name = "write {0}")
    @ValueSource(strings = {"copy", "insert"})
    void postgresEdgeValuesArriveExactlyAsTheSourceHoldsThem(String write) throws Exception {
        int stored = pgSource("rt_pg_src");
        assertTrue(stored > 120, "edge values stored: " + stored);
        String table = "rt_pg_" + write;
        TestDb.exec("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + COLUMNS + ")");
        Path project = dir.resolve(write);
        Cli.Result r = run(project, "job rt {\n  source pg.rt_pg_src\n  sink pg." + table + " { write " + write
                + " }\n  map by name { }\n  channel { errors 0 }\n}\n");

        assertSameRows(rowTexts("rt_pg_src"), rowTexts(table), dirty(project));
        assertEquals(Map.of(), dirty(project));
        assertTrue(r.out().contains("dirty rows    0"), r.out());
        // and the same rows, compared by the server: nothing in one that is not in the other
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM ((SELECT t::text FROM rt_pg_src t EXCEPT ALL SELECT t::text FROM "
                + table + " t) UNION ALL (SELECT t::text FROM " + table + " t EXCEPT ALL SELECT t::text FROM rt_pg_src t)) d"));
    }

    @ParameterizedTest(name = "write {0}")
    @ValueSource(strings = {"copy", "insert"})
    void everyTypeReadAsTextIsTheServersCastToText(String write) throws Exception {
        pgSource("rt_cast_src");
        String table = "rt_cast_" + write;
        StringBuilder textColumns = new StringBuilder("id int");
        StringBuilder casts = new StringBuilder("id");
        StringBuilder as = new StringBuilder();
        for (String c : NAMES) {
            textColumns.append(", ").append(c).append(" text");
            casts.append(", ").append(c).append("::text AS ").append(c);
            as.append(c).append(" as text  ");
        }
        TestDb.exec("SET TimeZone = 'UTC'", "DROP TABLE IF EXISTS rt_cast_expected",
                "CREATE TABLE rt_cast_expected AS SELECT " + casts + " FROM rt_cast_src",
                "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + textColumns + ")");
        Path project = dir.resolve(write);
        run(project, "job rt {\n  source pg.rt_cast_src\n  sink pg." + table + " { write " + write
                + " }\n  map by name { " + as + "}\n  channel { errors 0 }\n}\n");
        assertSameRows(rowTexts("rt_cast_expected"), rowTexts(table), dirty(project));
    }

    /** Source column, sink column, sink type: conversions between numeric and between temporal types. */
    static final List<String[]> CASTS = List.of(
            new String[] {"c_double", "d_num", "numeric"}, new String[] {"c_real", "r_num", "numeric"},
            new String[] {"c_num", "n_dbl", "double precision"}, new String[] {"c_num", "n_real", "real"},
            new String[] {"c_double", "d_real", "real"}, new String[] {"c_int8", "i8_real", "real"},
            new String[] {"c_int8", "i8_dbl", "double precision"}, new String[] {"c_real", "r_dbl", "double precision"},
            new String[] {"c_num", "n_num52", "numeric(5,2)"}, new String[] {"c_date", "dt_ts", "timestamp"},
            new String[] {"c_date", "dt_tstz", "timestamptz"}, new String[] {"c_ts", "ts_date", "date"});

    @ParameterizedTest(name = "write {0}")
    @ValueSource(strings = {"copy", "insert"})
    void numericAndTemporalConversionsAreTheServersCastsOrDirtyWhereTheCastFails(String write) throws Exception {
        pgSource("rt_conv_edges");
        String table = "rt_conv_" + write;
        StringBuilder columns = new StringBuilder("id int");
        StringBuilder sources = new StringBuilder("id");
        StringBuilder casts = new StringBuilder("id");
        StringBuilder map = new StringBuilder("id  ");
        for (String[] c : CASTS) {
            // a source column per conversion (a column is read with one conversion)
            String from = "s_" + c[1];
            columns.append(", ").append(c[1]).append(' ').append(c[2]);
            sources.append(", ").append(c[0]).append(" AS ").append(from);
            casts.append(", ").append(from).append("::").append(c[2]);
            map.append(from).append(" -> ").append(c[1]).append(" as ").append(c[2].equals("double precision") ? "double" : c[2]).append("  ");
        }
        TestDb.exec("DROP TABLE IF EXISTS rt_conv_src", "CREATE TABLE rt_conv_src AS SELECT " + sources + " FROM rt_conv_edges",
                "DROP TABLE IF EXISTS rt_conv_expected", "CREATE TABLE rt_conv_expected (" + columns + ")",
                "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + columns + ")");
        // the server casts row by row; a row whose cast fails is expected dirty
        java.util.Set<Integer> failed = new java.util.TreeSet<>();
        try (Connection c = TestDb.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM rt_conv_src ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            for (int id : ids) {
                try {
                    s.execute("INSERT INTO rt_conv_expected SELECT " + casts + " FROM rt_conv_src WHERE id = " + id);
                } catch (SQLException e) {
                    failed.add(id);
                }
            }
        }
        Path project = dir.resolve(write);
        run(project, "job rt {\n  source pg.rt_conv_src\n  sink pg." + table + " { write " + write
                + " }\n  map { " + map + "}\n  channel { errors 1000 }\n}\n");
        Map<Integer, String> dirty = dirty(project);
        assertSameRows(rowTexts("rt_conv_expected"), rowTexts(table), dirty);
        assertEquals(failed, dirty.keySet(), dirty.toString());
    }

    /** A table of {@link #COLUMNS} holding every edge value the server stores (one per row); returns how many. */
    private static int pgSource(String name) throws SQLException {
        TestDb.exec("DROP TABLE IF EXISTS " + name, "CREATE TABLE " + name + " (" + COLUMNS + ")");
        int stored = 0;
        try (Connection c = TestDb.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            c.setAutoCommit(true);
            s.execute("INSERT INTO " + name + " (id) VALUES (1)");
            int id = 2;
            for (String col : NAMES) {
                for (String v : EDGES.get(col)) {
                    if (KNOWN_LIMITS.containsKey(v)) {
                        id++;
                        continue;
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name + " (id, " + col + ") VALUES (?, ?::text::"
                            + typeOf(col) + ")")) {
                        ps.setInt(1, id++);
                        ps.setString(2, v);
                        ps.executeUpdate();
                        stored++;
                    } catch (SQLException refused) {
                        // the server does not store it: nothing to carry
                    }
                }
            }
        }
        return stored;
    }

    /** Equal lists of row texts; the message lists only the rows that differ (and the dirty rows' reasons). */
    static void assertSameRows(List<String> expected, List<String> actual, Map<Integer, String> dirty) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertEquals(expected, actual, () -> "rows the oracle has and the target lacks: " + missing
                + "\nrows the target has and the oracle lacks: " + extra + "\ndirty: " + dirty);
    }

    private static String typeOf(String column) {
        String spec = COLUMNS.substring(COLUMNS.indexOf(column + " ") + column.length() + 1);
        int end = spec.indexOf(", c_");
        return end < 0 ? spec : spec.substring(0, end);
    }

    @Test
    void aSourceTimestampPastWhatSynccCarriesGoesUnchangedIntoATimestampAndIsADirtyRowWhereItMustBeConverted() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS rt_far_src", "DROP TABLE IF EXISTS rt_far_dst", "DROP TABLE IF EXISTS rt_far_day",
                "CREATE TABLE rt_far_src (id int, ts timestamp)", "CREATE TABLE rt_far_dst (id int, ts timestamp)",
                "CREATE TABLE rt_far_day (id int, ts date)",
                "INSERT INTO rt_far_src VALUES (1, '294276-12-31 23:59:59.999999'), (2, '294247-01-10 04:00:54.775806'), (3, 'infinity')");
        // the same type: forwarded as the server's bytes, every value arrives
        Path same = dir.resolve("far");
        Cli.Result r = run(same, "job far {\n  source pg.rt_far_src\n  sink pg.rt_far_dst\n  map by name { }\n  channel { errors 1 }\n}\n");
        assertTrue(r.out().contains("dirty rows    0"), r.out());
        assertEquals(0, TestDb.difference("rt_far_src", "rt_far_dst"));
        // into a date the value is decoded, and one past what syncc carries is a dirty row saying so
        Path day = dir.resolve("far_day");
        r = run(day, "job far_day {\n  source pg.rt_far_src\n  sink pg.rt_far_day\n  map {\n    id -> id\n    ts -> ts as date\n  }\n"
                + "  channel { errors 1 }\n}\n");
        assertTrue(r.out().contains("dirty rows    1"), r.out());
        assertEquals(Map.of(1, "column ts: timestamp out of range: \"294276-12-31 23:59:59.999999\" "
                + "(syncc carries timestamps up to 294247-01-10 04:00:54.775806)"), dirty(day));
        assertEquals("2|294247-01-10,3|infinity", TestDb.text("SELECT string_agg(id || '|' || ts, ',' ORDER BY id) FROM rt_far_day"));
    }

    @Test
    void invalidUtf8IsADirtyRowNamingTheBytesAndTheirOffsetWhateverTheColumnType() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS rt_utf8", "CREATE TABLE rt_utf8 (id int, t text, v varchar(10), n int, d date, j jsonb)");
        Path project = dir.resolve("utf8");
        Files.createDirectories(project.resolve("data"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("id,t,v,n,d,j\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bad = {(byte) 0xc0, (byte) 0xaf, 'X'};
        for (int i = 0; i < 5; i++) {
            b.writeBytes(("" + (i + 1)).getBytes(StandardCharsets.US_ASCII));
            for (int k = 0; k < 5; k++) {
                b.write(',');
                if (k == i) {
                    b.writeBytes(new byte[] {'a', 'b'});
                    b.writeBytes(bad);
                }
            }
            b.write('\n');
        }
        b.writeBytes("6,ok,ok,6,2026-01-06,{}\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(project.resolve("data").resolve("bad.csv"), b.toByteArray());
        Cli.Result r = run(project, """
                job u {
                  source files.bad { columns { t text  v varchar(10)  n int  d date  j jsonb } }
                  sink pg.rt_utf8
                  map by name { }
                  channel { errors 10 }
                }
                """);
        assertTrue(r.out().contains("rows written  1"), r.out());
        assertEquals("6|ok|ok|6|2026-01-06|{}", TestDb.text("SELECT string_agg(concat_ws('|', id, t, v, n, d, j), ',') FROM rt_utf8"));
        Map<Integer, String> dirty = dirty(project);
        String[] columns = {"t", "v", "n", "d", "j"};
        for (int i = 0; i < 5; i++) {
            assertEquals("column " + columns[i] + ": invalid byte sequence for encoding \"UTF8\": 0xc0 0xaf 0x58 at byte 2 of the field",
                    dirty.get(i + 1), dirty.toString());
        }
    }
}
