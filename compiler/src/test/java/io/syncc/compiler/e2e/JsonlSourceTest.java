package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Lines source, a connector written against the SPI only: keys become typed columns,
 * nested objects and arrays become jsonb, missing keys NULL, bad lines dirty rows; the values that
 * arrive are what PostgreSQL stores for the same JSON.
 */
class JsonlSourceTest {

    @TempDir
    Path dir;

    @org.junit.jupiter.api.AfterEach
    void clearChunk() {
        System.clearProperty(io.syncc.runtime.exec.JobRunner.CSV_CHUNK_PROPERTY);
    }

    /** chunk 0: one split; 4096: about 90 byte-range splits whose starts fall anywhere in a line. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, 4096})
    void jsonLinesLoadIntoACreatedTableWithNestedValuesAsJsonb(long chunk) throws Exception {
        if (chunk > 0) {
            System.setProperty(io.syncc.runtime.exec.JobRunner.CSV_CHUNK_PROPERTY, Long.toString(chunk));
        }
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS jl_events", "DROP TABLE IF EXISTS jl_expected");
        Files.createDirectories(dir.resolve("data/events"));
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource logs { type jsonl path "data" }
                datasource pg { type postgres url embedded }
                """);
        StringBuilder a = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            String obj = "{\"id\":" + i + ",\"user\":\"u" + (i % 7) + "\\u00e9\\t\\\"q\\\"\",\"score\":" + (i * 0.5)
                    + ",\"ok\":" + (i % 2 == 0) + ",\"day\":\"2026-01-" + String.format("%02d", 1 + i % 28) + "\""
                    + ",\"tags\":[\"a\",{\"n\":" + i + "}]" + (i % 5 == 0 ? ",\"extra\":{\"ignored\":true}" : "")
                    + (i % 3 == 0 ? "" : ",\"note\":null") + "}";
            a.append(obj).append(i % 100 == 0 ? "\r\n" : "\n");
            expected.append(obj).append('\n');
        }
        a.append("\n   \n"); // blank lines are not records
        a.append("[1,2,3]\n{\"id\": 3001, \"user\": \n{\"id\":\"x\",\"user\":\"bad id\"}\n");
        Files.writeString(dir.resolve("data/events/part-0.jsonl"), a.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data/events/_SUCCESS"), "");
        Path job = dir.resolve("job.sync");
        Files.writeString(job, """
                job jl_events {
                  source logs.events
                  sink pg.jl_events { create if missing }
                  map by name { skip extra, note }
                  channel { errors 3 }
                }
                """);
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows read     3,003"), r.out());
        assertTrue(r.out().contains("rows written  3,000"), r.out());
        assertTrue(r.out().contains("dirty rows    3"), r.out());
        assertEquals("id integer|user text|score double precision|ok boolean|day date|tags jsonb",
                TestDb.text("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), '|' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'jl_events'::regclass AND attnum > 0"));
        // the oracle: PostgreSQL's own reading of the same JSON objects
        TestDb.exec("CREATE TABLE jl_expected AS SELECT (j->>'id')::int AS id, j->>'user' AS \"user\", (j->>'score')::float8 AS score,"
                + " (j->>'ok')::boolean AS ok, (j->>'day')::date AS day, j->'tags' AS tags FROM (SELECT line::jsonb AS j FROM"
                + " regexp_split_to_table(" + io.syncc.runtime.util.Sql.quoteLiteral(expected.toString().strip()) + ", E'\\n') line) s");
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM jl_events EXCEPT ALL SELECT * FROM jl_expected) d"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT * FROM jl_expected EXCEPT ALL SELECT * FROM jl_events) d"));
        String dirty = Files.readString(Files.list(dir.resolve("dirty")).filter(Files::isRegularFile).findFirst().orElseThrow());
        assertTrue(dirty.contains("\"location\":\"events/part-0.jsonl line 3003\",\"fields\":[\"[1,2,3]\"],\"reason\":\"not a JSON object:"
                + " the line starts with START_ARRAY, not an object\""), dirty);
        assertTrue(dirty.contains("\"location\":\"events/part-0.jsonl line 3005\""), dirty);
        assertTrue(dirty.contains("column id: cannot read \\\"x\\\" as integer"), dirty);
    }
}
