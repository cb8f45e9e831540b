package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitioned file datasets: {@code odps_table/sale_date=20260101/sale_time=10/part-0.csv} is one
 * table whose partition keys are columns; {@code partition ...} reads only the matching folders.
 * Every assertion compares what PostgreSQL holds with what the files say.
 */
class PartitionedFilesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @BeforeEach
    void lake() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        part("odps_table/sale_date=20260101/sale_time=10/part-0.csv", "id,amount\n1,10.5\n2,20\n");
        part("odps_table/sale_date=20260101/sale_time=10/part-1.csv", "id,amount\n3,30\n");
        part("odps_table/sale_date=20260101/sale_time=11/part-0.csv", "id,amount\n4,40\n");
        part("odps_table/sale_date=20260102/sale_time=9/part-0.csv", "id,amount\n5,50\n6,60\n");
        part("odps_table/_SUCCESS", "");
        part("odps_table/sale_date=20260102/sale_time=9/.part-0.csv.crc", "not data");
    }

    private void part(String name, String text) throws Exception {
        Projects.dataFile(dir, name, text);
    }

    private Path job(String source) throws Exception {
        return Projects.write(dir, """
                job lake_load {
                  source files.odps_table%s
                  sink pg.pt_sales { create if missing  mode overwrite }
                  map by name { }
                }
                """.formatted(source), null, null);
    }

    private Cli.Result run(Path job, String... extra) {
        return Cli.runJob(job, dir, extra);
    }

    private static String rows() throws Exception {
        return TestDb.text("SELECT string_agg(concat_ws('|', id, amount, sale_date, sale_time), ',' ORDER BY id) FROM pt_sales");
    }

    @Test
    void theKeysAreTypedColumnsAndEveryPartitionIsReadWithoutAClause() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_sales");
        Cli.Result r = run(job(""));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|10.5|20260101|10,2|20|20260101|10,3|30|20260101|10,4|40|20260101|11,5|50|20260102|9,6|60|20260102|9", rows());
        assertEquals("id:integer,amount:double precision,sale_date:integer,sale_time:integer", TestDb.text(
                "SELECT string_agg(attname || ':' || format_type(atttypid, NULL), ',' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'pt_sales'::regclass AND attnum > 0"));
    }

    @Test
    void aClauseReadsOnlyTheMatchingFolders() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_sales");
        Path exact = job(" { partition sale_date = \"${bizdate}\", sale_time = \"*\" }");
        Cli.Result r = run(exact, "-p", "bizdate=20260101");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|10.5|20260101|10,2|20|20260101|10,3|30|20260101|10,4|40|20260101|11", rows());

        // ${bizdate} is a built-in: the day before the scheduled time
        r = run(exact, "--at", "2026-01-03 02:00");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("5|50|20260102|9,6|60|20260102|9", rows());

        r = run(job(" { partition sale_time in (\"11\", \"9\") }"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("4|40|20260101|11,5|50|20260102|9,6|60|20260102|9", rows());

        // integers compare as numbers: 9 is between 9 and 10, "9" is not between "10" and "11" as text
        r = run(job(" { partition sale_time between \"9\" and \"10\" }"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|10.5|20260101|10,2|20|20260101|10,3|30|20260101|10,5|50|20260102|9,6|60|20260102|9", rows());

        r = run(job(" { partition sale_date = \"2026010?\", sale_time = \"1*\" }"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|10.5|20260101|10,2|20|20260101|10,3|30|20260101|10,4|40|20260101|11", rows());
    }

    @Test
    void aClauseThatMatchesNothingFailsUnlessEmptyIsAllowed() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_sales", "CREATE TABLE pt_sales (id int, amount float8, sale_date int, sale_time int)",
                "INSERT INTO pt_sales VALUES (99, 1, 1, 1)");
        Cli.Result r = run(job(" { partition sale_date = \"${bizdate}\" }"), "-p", "bizdate=20250101");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("reason        partition sale_date = \"20250101\" matches none of the 3 partitions of"
                + " files.odps_table (sale_date=20260101/sale_time=10, sale_date=20260101/sale_time=11, sale_date=20260102/sale_time=9);"
                + " add `allow empty` to the source to run with no rows instead"), r.toString());
        assertEquals("99|1|1|1", rows(), "the target as it was");

        r = run(job(" { partition sale_date = \"${bizdate}\"  allow empty }"), "-p", "bizdate=20250101");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows read     0"), r.out());
    }

    @Test
    void hiveEscapesNullPartitionsAndValuesThatDoNotFitTheirColumn() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_sales");
        Path root = dir.resolve("data/odps_table");
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        part("odps_table/region=east%2Fnorth/day=1/a.csv", "id\n1\n");
        part("odps_table/region=__HIVE_DEFAULT_PARTITION__/day=2/a.csv", "id\n2\n");
        part("odps_table/region=west/day=x3/a.csv", "id\n3\n4\n");
        Path job = Projects.write(dir, """
                job lake_load {
                  source files.odps_table { columns { day integer } }
                  sink pg.pt_sales { create if missing }
                  map by name { }
                  channel { errors 5 }
                }
                """, null, null);
        Cli.Result r = run(job);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("dirty rows    2"), r.out());
        assertEquals("1|east/north|1,2||2", TestDb.text(
                "SELECT string_agg(concat_ws('|', id, coalesce(region, ''), day), ',' ORDER BY id) FROM pt_sales"));
        Path dirty = Files.list(dir.resolve("dirty")).filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        String text = Files.readString(dirty);
        assertTrue(text.contains("\"location\":\"odps_table/region=west/day=x3/a.csv line 2\",\"fields\":[\"3\",\"west\",\"x3\"],"
                + "\"reason\":\"column day: cannot read \\\"x3\\\" as integer\""), text);
    }

    @Test
    void jsonLinesPartitionsToo() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_events");
        part("events/dt=2026-01-01/part-0.jsonl", "{\"id\": 1}\n{\"id\": 2}\n");
        part("events/dt=2026-01-02/part-0.jsonl", "{\"id\": 3}\n");
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource logs { type jsonl path "data" }
                datasource pg { type postgres url embedded }
                """);
        Path job = dir.resolve("job.sync");
        Files.writeString(job, """
                job events {
                  source logs.events { partition dt = "2026-01-01" }
                  sink pg.pt_events { create if missing }
                  map by name { }
                }
                """);
        Cli.Result r = run(job);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|2026-01-01,2|2026-01-01", TestDb.text("SELECT string_agg(concat_ws('|', id, dt), ',' ORDER BY id) FROM pt_events"));
        assertEquals("date", TestDb.text("SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'pt_events'::regclass"
                + " AND attname = 'dt'"));

        part("clash/dt=2026-01-01/part-0.jsonl", "{\"id\": 1, \"dt\": \"2025-12-31\"}\n");
        Files.writeString(job, "job clash {\n  source logs.clash\n  sink pg.pt_clash { create if missing }\n  map by name { }\n}\n");
        r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("job.sync:2:15: error[SYN210]: 'dt' is both a field of the files of logs.clash and one of its"
                + " partition keys (folders dt=...); rename the field or the folders"), r.toString());
    }

    /** gzip part files (as Spark and MaxCompute write them) are read whole, decompressed; CSV and JSON Lines. */
    @Test
    void gzipPartsAreReadDecompressed() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_gz, pt_gz_json");
        gz("gz/day=1/part-0.csv.gz", "id,amount\n1,10\n2,20\n");
        gz("gz/day=2/part-0.csv.gz", "id,amount\n3,\"30\"\n");
        gz("gzj/day=1/part-0.jsonl.gz", "{\"id\": 1}\n{\"id\": 2}\n");
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource files { type csv path "data" }
                datasource logs { type jsonl path "data" }
                datasource pg { type postgres url embedded }
                """);
        Path job = dir.resolve("job.sync");
        Files.writeString(job, """
                job gz {
                  source files.gz
                  sink pg.pt_gz { create if missing }
                  map by name { }
                }
                job gzj {
                  source logs.gzj
                  sink pg.pt_gz_json { create if missing }
                  map by name { }
                }
                """);
        assertEquals(0, run(job, "--job", "gz").exitCode());
        assertEquals("1|10|1,2|20|1,3|30|2", TestDb.text("SELECT string_agg(concat_ws('|', id, amount, day), ',' ORDER BY id) FROM pt_gz"));
        assertEquals(0, run(job, "--job", "gzj").exitCode());
        assertEquals("1|1,2|1", TestDb.text("SELECT string_agg(concat_ws('|', id, day), ',' ORDER BY id) FROM pt_gz_json"));
    }

    private void gz(String name, String text) throws Exception {
        Path p = dir.resolve("data").resolve(name);
        Files.createDirectories(p.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void misplacedClausesAndLayoutsThatDifferAreLocatedErrors() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pt_plain", "CREATE TABLE pt_plain (id int)");
        part("flat/a.csv", "id\n1\n");
        Path job = Projects.write(dir, """
                job a {
                  source files.odps_table { partition sale_dat = "1", sale_time = "1", sale_time = "2" }
                  sink pg.pt_x { create if missing }
                  map by name { }
                }
                job b {
                  source pg.pt_plain { partition id = "1" }
                  sink pg.pt_y { create if missing }
                  map by name { }
                }
                job c {
                  source files.flat { partition id = "1" }
                  sink pg.pt_z { create if missing }
                  map by name { }
                }
                """, null, null);
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        String out = r.out() + r.err();
        assertTrue(out.contains("3 errors"), out);
        assertTrue(out.contains("job.sync:2:39: error[SYN203]: 'sale_dat' is not a partition key of files.odps_table; its keys:"
                + " sale_date, sale_time; did you mean 'sale_date'?"), out);
        assertTrue(out.contains("job.sync:2:72: error[SYN209]: partition key sale_time is given twice; use in (...) for several values"), out);
        assertTrue(!out.contains("job.sync:7:"), out); // a database table's partition keys are the server's to say, at run time
        assertTrue(out.contains("job.sync:12:23: error[SYN207]: files.flat is not partitioned: its folder has no key=value sub-folders"), out);

        part("odps_table/stray.csv", "id,amount\n7,70\n");
        r = Cli.run("check", job.toString());
        assertTrue((r.out() + r.err()).contains("the partitions of " + dir.resolve("data/odps_table") + " are not laid out alike:"
                + " sale_date=20260101/sale_time=10/part-0.csv is under sale_date=.../sale_time=... but stray.csv under no partition folder"),
                r.toString());
    }
}
