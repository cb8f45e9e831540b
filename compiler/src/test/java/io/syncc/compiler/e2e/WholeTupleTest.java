package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL → PostgreSQL job whose every sink column is the same-typed source column, in the
 * source's order, forwards each tuple the server sent as it is (one copy per row, no code per
 * column); any other shape keeps encoding column by column. Both arrive exactly (the server
 * compares every row both ways), rows the sink rejects are dirty with the server's text of their
 * values, and a preview shows the values.
 */
class WholeTupleTest {

    /** Every type syncc decodes, plus one it only forwards (interval), with NULLs, infinities, NaN and odd text. */
    static final String COLUMNS = "id int PRIMARY KEY, b boolean, s smallint, i int, l bigint, r real, d double precision, "
            + "n numeric, t text, v varchar(12), c char(3), j jsonb, js json, by bytea, u uuid, dt date, ts timestamp, "
            + "tz timestamptz, tm time, iv interval";
    static final String NAMES = "id, b, s, i, l, r, d, n, t, v, c, j, js, by, u, dt, ts, tz, tm, iv";

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP VIEW IF EXISTS wt_accepted", "DROP TABLE IF EXISTS wt_src, wt_same, wt_reordered, wt_widened, wt_checked",
                "CREATE TABLE wt_src (" + COLUMNS + ")",
                // 3,000 rows of values made from the row number, every 11th value of a column NULL
                "INSERT INTO wt_src SELECT g, CASE WHEN g % 11 = 1 THEN NULL ELSE g % 2 = 0 END, (g % 65535 - 32767)::smallint, "
                        + "g * 7919 - 12000000, g::bigint * 3037000493 - 4611686018427387904, (g * 1.25e-3)::real, "
                        + "CASE g % 5 WHEN 0 THEN 'Infinity' WHEN 1 THEN '-Infinity' WHEN 2 THEN 'NaN' ELSE g / 7.0 END, "
                        + "CASE WHEN g % 13 = 0 THEN 'NaN'::numeric ELSE (g::numeric ^ 3) / 1000 END, "
                        + "CASE WHEN g % 11 = 3 THEN NULL WHEN g % 11 = 4 THEN '' ELSE E'tab\\there\\nnew ' || g || ' é😀 \\\\N' END, "
                        + "left('v' || md5(g::text), 12), left(md5(g::text), 3), jsonb_build_object('g', g, 's', 'x\"y'), "
                        + "('{\"g\": ' || g || ', \"dup\": 1, \"dup\": 2}')::json, "
                        + "CASE WHEN g % 11 = 5 THEN NULL ELSE decode(md5(g::text), 'hex') || '\\x005c0a'::bytea END, "
                        + "md5(g::text)::uuid, CASE g % 97 WHEN 0 THEN 'infinity'::date WHEN 1 THEN '-infinity'::date "
                        + "ELSE date '2000-01-01' + (g * 37 - 50000) END, timestamp '1970-01-01' + g * interval '1 day 1 second', "
                        + "CASE WHEN g % 89 = 0 THEN '-infinity'::timestamptz ELSE timestamptz '2026-03-29 01:59:59.999999+00' + g * interval '17 min' END, "
                        + "time '00:00' + g * interval '29.000001 s', g * interval '1 mon 1 day 00:00:00.000001' "
                        + "FROM generate_series(1, 3000) g");
    }

    /** Compiles the job keeping its generated source, runs it, and returns the generated source. */
    private String compileAndRun(String name, String sink, String channel, int expectedExit) throws Exception {
        Path project = dir.resolve(name);
        Path job = Projects.write(project, "job " + name + " {\n  source pg.wt_src { split by id }\n  sink pg." + sink
                + " { write copy }\n  map by name { }\n  channel { parallelism 2 " + channel + " }\n}\n", null, null);
        Path sources = project.resolve("src");
        Cli.Result compile = Cli.run("compile", job.toString(), "-o", project.resolve("job.jar").toString(), "--keep-sources", sources.toString());
        assertEquals(0, compile.exitCode(), compile.toString());
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(f));
            }
        }
        Cli.Result r = Cli.runJob(job, project);
        assertEquals(expectedExit, r.exitCode(), r.toString());
        return code.toString();
    }

    private static String md5(String table) throws Exception {
        return TestDb.text("SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM (SELECT " + NAMES + " FROM " + table + ") t");
    }

    /**
     * {@code same}: a table of the same columns gets every tuple as the server sent it;
     * {@code reordered}: columns in another order are read in the sink's order, and still forwarded
     * whole; {@code widened}: one column of another type makes every column encoded one by one.
     * All three arrive exactly.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"same", "reordered", "widened"})
    void everyShapeArrivesExactlyAndOnlySameTypedColumnsInOrderAreForwardedWhole(String shape) throws Exception {
        String table = "wt_" + shape;
        TestDb.exec("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + switch (shape) {
            case "same" -> " (LIKE wt_src)";
            case "reordered" -> " (" + String.join(", ", reversed(COLUMNS)) + ")";
            default -> " (" + String.join(", ", reversed(COLUMNS.replace("i int,", "i bigint,"))) + ")";
        });
        String code = compileAndRun(shape, table, "", 0);
        boolean whole = !shape.equals("widened");
        assertEquals(whole, code.contains("out.writeTuple(row.tuple);"), code);
        assertEquals(!whole, code.contains("out.startTuple(20);"), code);
        assertEquals(3000, TestDb.count(table));
        assertEquals(0, difference("wt_src", table));
        assertEquals(md5("wt_src"), md5(table));
    }

    private static List<String> reversed(String columns) {
        List<String> list = new ArrayList<>(List.of(columns.split(", ")));
        java.util.Collections.reverse(list);
        return list;
    }

    /** Rows of one table missing from the other, both ways, compared as the server's text of the columns in one order. */
    private static long difference(String a, String b) throws Exception {
        String rows = "SELECT t::text FROM (SELECT " + NAMES + " FROM %s) t";
        return TestDb.longValue("SELECT count(*) FROM ((" + rows.formatted(a) + " EXCEPT ALL " + rows.formatted(b) + ") UNION ALL ("
                + rows.formatted(b) + " EXCEPT ALL " + rows.formatted(a) + ")) d");
    }

    @Test
    void rowsTheSinkRejectsAreDirtyWithTheServersTextOfEveryValue() throws Exception {
        TestDb.exec("CREATE TABLE wt_checked (LIKE wt_src, CHECK (id % 500 <> 7))");
        String code = compileAndRun("checked", "wt_checked", "errors 10", 0);
        assertTrue(code.contains("out.writeTuple(row.tuple);"), code);
        assertEquals(2994, TestDb.count("wt_checked"));
        TestDb.exec("CREATE VIEW wt_accepted AS SELECT * FROM wt_src WHERE id % 500 <> 7");
        assertEquals(0, difference("wt_accepted", "wt_checked"));
        Path dirty;
        try (Stream<Path> files = Files.list(dir.resolve("checked/dirty"))) {
            dirty = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(dirty);
        assertEquals(6, lines.size(), String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            assertTrue(row.get("reason").asText().startsWith("rejected by the sink: ERROR: new row for relation \"wt_checked\" violates check constraint"),
                    line);
            JsonNode values = row.get("values");
            int id = values.get("id").asInt();
            assertEquals(7, id % 500, line);
            for (String column : NAMES.split(", ")) {
                String got = values.get(column).isNull() ? null : values.get(column).asText();
                assertTrue(serverReadsAs(id, column, got), column + " = " + got + " of " + line);
            }
        }
    }

    /**
     * Whether the server reads {@code text} as the value of {@code column} in source row {@code id}:
     * the dirty file's text of each value is what PostgreSQL casts back to the stored value (json by
     * its text, a type syncc only forwards by the hex of its binary form).
     */
    private static boolean serverReadsAs(int id, String column, String text) throws Exception {
        String type = TestDb.text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'wt_src'::regclass AND attname = '"
                + column + "'");
        String same = switch (column) {
            case "js" -> "js::text IS NOT DISTINCT FROM ?";
            case "iv" -> "'binary ' || interval_send(iv)::text IS NOT DISTINCT FROM ?";
            default -> column + " IS NOT DISTINCT FROM ?::" + type;
        };
        try (java.sql.Connection c = TestDb.connect();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM wt_src WHERE id = ? AND " + same)) {
            ps.setInt(1, id);
            ps.setString(2, text);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Test
    void aPreviewShowsTheForwardedRowsValues() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS wt_preview", "CREATE TABLE wt_preview (LIKE wt_src)");
        Path project = dir.resolve("preview");
        Path job = Projects.write(project, "job preview {\n  source pg.wt_src { where \"id = 4\" }\n  sink pg.wt_preview { write copy }\n"
                + "  map by name { }\n}\n", null, null);
        Cli.Result r = Cli.run("preview", job.toString(), "--work-dir", project.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String expected = TestDb.text("SELECT concat_ws(' | ', id, i, l, v, c, u) FROM wt_src WHERE id = 4");
        String[] header = r.out().lines().findFirst().orElseThrow().split("\\s*\\|\\s*");
        assertEquals(List.of(NAMES.split(", ")), List.of(header), r.out());
        String row = r.out().lines().skip(2).findFirst().orElseThrow();
        List<String> cells = List.of(row.split("\\s*\\|\\s*"));
        assertEquals(expected, String.join(" | ", cells.get(0), cells.get(3), cells.get(4), cells.get(9), cells.get(10), cells.get(14)), r.out());
        assertEquals(0, TestDb.count("wt_preview"), "a preview writes nothing");
    }
}
