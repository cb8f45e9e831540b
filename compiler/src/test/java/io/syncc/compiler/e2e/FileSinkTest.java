package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * File sinks: a table exported to CSV (with a header, RFC 4180 quoting) reads back with
 * PostgreSQL's own CSV parser to exactly the source rows; exported to JSON Lines it reads back
 * with the server's jsonb to the same values; a failed run leaves the old file and no leftovers.
 */
class FileSinkTest {

    @TempDir
    Path dir;

    static final String COLUMNS = "id int PRIMARY KEY, name text, amount numeric(12,2), score float8, born date, seen timestamptz,"
            + " ok boolean, doc jsonb, raw bytea";

    @BeforeAll
    static void source() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS fs_src", "CREATE TABLE fs_src (" + COLUMNS + ")",
                "INSERT INTO fs_src SELECT g, CASE g % 7 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'a,b \"q\"' WHEN 3 THEN E'two\\nlines'"
                        + " WHEN 4 THEN '\\.' WHEN 5 THEN ' spaced ' ELSE 'zoë 🙂 ' || g END, g * 1.25, CASE WHEN g % 50 = 0 THEN 'NaN'"
                        + " WHEN g % 51 = 0 THEN '-Infinity' ELSE g / 3.0 END, DATE '2026-01-01' + g, TIMESTAMPTZ '2026-01-01 00:00:00+00'"
                        + " + g * INTERVAL '1 minute 1.5 second', g % 2 = 0, jsonb_build_object('g', g, 'tags', jsonb_build_array('x', g)),"
                        + " decode(md5(g::text), 'hex') FROM generate_series(1, 2000) g",
                "UPDATE fs_src SET born = 'infinity', doc = NULL, raw = NULL WHERE id = 9");
    }

    Path project() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource pg { type postgres url embedded }
                datasource out { type csv path "out" }
                datasource lines { type jsonl path "out" }
                """);
        Path job = dir.resolve("job.sync");
        Files.writeString(job, """
                job to_csv { source pg.fs_src { split by id }  sink out.fs_export  map by name { }  channel { parallelism 2 } }
                job to_jsonl { source pg.fs_src  sink lines.fs_export  map by name { } }
                """);
        return job;
    }

    @Test
    void aCsvExportReadsBackWithPostgresCsvParserToExactlyTheSourceRows() throws Exception {
        Path job = project();
        Files.writeString(dir.resolve("out/fs_export.csv"), "old contents\n");
        Cli.Result r = Cli.run("run", job.toString(), "--job", "to_csv", "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String csv = Files.readString(dir.resolve("out/fs_export.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("id,name,amount,score,born,seen,ok,doc,raw\n"), csv.substring(0, 80));
        TestDb.exec("DROP TABLE IF EXISTS fs_back", "CREATE TABLE fs_back (" + COLUMNS.replace(" PRIMARY KEY", "") + ")");
        try (Connection c = TestDb.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY fs_back FROM STDIN (FORMAT csv, HEADER true)", new StringReader(csv));
        }
        assertEquals(2000, TestDb.count("fs_back"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM fs_src EXCEPT ALL SELECT * FROM fs_back) d"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM fs_back EXCEPT ALL SELECT * FROM fs_src) d"));
        assertEquals(List.of("fs_export.csv"), leftovers());
        Cli.Result ddl = Cli.run("ddl", job.toString(), "--job", "to_csv");
        assertEquals(2, ddl.exitCode(), ddl.toString());
        assertEquals("syncc: job to_csv writes the file fs_export.csv of datasource 'out', which has no CREATE TABLE\n", ddl.err());
    }

    @Test
    void aJsonLinesExportHoldsTheSameValues() throws Exception {
        Path job = project();
        Cli.Result r = Cli.run("run", job.toString(), "--job", "to_jsonl", "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String lines = Files.readString(dir.resolve("out/fs_export.jsonl"), StandardCharsets.UTF_8);
        TestDb.exec("DROP TABLE IF EXISTS fs_lines", "CREATE TABLE fs_lines (j jsonb)");
        try (Connection c = TestDb.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY fs_lines FROM STDIN (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
                    new StringReader(lines));
        }
        TestDb.exec("DROP TABLE IF EXISTS fs_back2", "CREATE TABLE fs_back2 AS SELECT (j->>'id')::int AS id, j->>'name' AS name,"
                + " (j->>'amount')::numeric(12,2) AS amount, (j->>'score')::float8 AS score, (j->>'born')::date AS born,"
                + " (j->>'seen')::timestamptz AS seen, (j->>'ok')::boolean AS ok, j->'doc' AS doc, (j->>'raw')::bytea AS raw FROM fs_lines");
        // nested values are JSON, not strings holding JSON
        assertEquals("object", TestDb.text("SELECT string_agg(DISTINCT jsonb_typeof(j->'doc'), ',') FROM fs_lines WHERE j->'doc' <> 'null'"));
        TestDb.exec("UPDATE fs_back2 SET doc = NULL WHERE doc = 'null'::jsonb");
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM fs_src EXCEPT ALL SELECT * FROM fs_back2) d"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM fs_back2 EXCEPT ALL SELECT * FROM fs_src) d"));
        assertEquals("number", TestDb.text("SELECT jsonb_typeof(j->'amount') FROM fs_lines WHERE (j->>'id')::int = 1"));
        assertEquals("boolean", TestDb.text("SELECT jsonb_typeof(j->'ok') FROM fs_lines WHERE (j->>'id')::int = 1"));
    }

    @Test
    void aFailedRunLeavesTheOldFileAndNoLeftovers() throws Exception {
        project();
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/nums.csv"), "id,qty\n1,1\n2,x\n3,3\n");
        Files.writeString(dir.resolve("bad.sync"), """
                datasource src { type csv path "in" }
                job bad { source src.nums { columns { qty int } }  sink out.nums  map by name { } }
                """);
        Files.writeString(dir.resolve("out/nums.csv"), "id,qty\n7,7\n");
        Cli.Result r = Cli.run("run", dir.resolve("bad.sync").toString(), "--job", "bad", "--no-progress", "--work-dir", dir.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("dirty-record budget exceeded"), r.out());
        assertEquals("id,qty\n7,7\n", Files.readString(dir.resolve("out/nums.csv")));
        assertEquals(List.of("nums.csv"), leftovers());
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
