package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * List-partitioned sinks: {@code sink pg.t { partition sale_date = "${bizdate}" }} writes one
 * partition (its child made when missing, rows of another value dirty), {@code partition sale_date}
 * routes each row to the child of its value (made as values appear), and {@code mode overwrite}
 * replaces exactly one partition atomically. The server's catalog and {@code tableoid} are the oracle.
 */
class PartitionedSinkTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @BeforeEach
    void lake() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS holo_test CASCADE");
        part("odps_table/sale_date=20260101/sale_time=10/part-0.csv", "id,amount\n1,10.5\n2,20\n");
        part("odps_table/sale_date=20260101/sale_time=11/part-0.csv", "id,amount\n3,30\n4,40\n");
        part("odps_table/sale_date=20260102/sale_time=9/part-0.csv", "id,amount\n5,50\n6,60\n");
    }

    private void part(String name, String text) throws Exception {
        Projects.dataFile(dir, name, text);
    }

    private Path job(String source, String sink) throws Exception {
        return Projects.write(dir, """
                job to_holo {
                  source files.odps_table%s
                  sink pg.holo_test { create if missing %s }
                  map by name { }
                  channel { parallelism 2  errors 10 }
                }
                """.formatted(source, sink), null, null);
    }

    private Cli.Result run(Path job, String... extra) {
        return Cli.runJob(job, dir, extra);
    }

    /** {@code child:ids} of every partition, in name order. */
    private static String children() throws Exception {
        return TestDb.text("SELECT string_agg(c || ':' || ids, ' ' ORDER BY c) FROM (SELECT tableoid::regclass::text c,"
                + " string_agg(id::text, ',' ORDER BY id) ids FROM holo_test GROUP BY 1) t");
    }

    @Test
    void oneBusinessDateGoesIntoItsOwnChildMadeWhenMissing() throws Exception {
        Path job = job(" { partition sale_date = \"${bizdate}\" }", "partition sale_date = \"${bizdate}\"");
        Cli.Result first = run(job, "-p", "bizdate=20260101");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals("l|sale_date", TestDb.text("SELECT p.partstrat::text || '|' || a.attname FROM pg_partitioned_table p JOIN pg_attribute a"
                + " ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] WHERE p.partrelid = 'holo_test'::regclass"));
        assertEquals("holo_test_20260101:1,2,3,4", children());
        assertEquals("FOR VALUES IN (20260101)", TestDb.text("SELECT pg_get_expr(relpartbound, oid) FROM pg_class"
                + " WHERE oid = 'holo_test_20260101'::regclass"));

        Cli.Result second = run(job, "--at", "2026-01-03 01:00");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals("holo_test_20260101:1,2,3,4 holo_test_20260102:5,6", children());
    }

    @Test
    void aRowOfAnotherValueIsADirtyRowWithTheServersReason() throws Exception {
        Path job = job("", "partition sale_date = \"20260101\"");
        Cli.Result r = run(job);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows written  4"), r.out());
        assertTrue(r.out().contains("dirty rows    2"), r.out());
        assertEquals("holo_test_20260101:1,2,3,4", children());
        Path dirty = Files.list(dir.resolve("dirty")).filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        String text = Files.readString(dirty);
        assertTrue(text.contains("rejected by the sink: ERROR: new row for relation \\\"holo_test_20260101\\\" violates partition"
                + " constraint"), text);
        assertEquals(2, text.lines().count(), text);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "write {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"copy", "insert", "copy  on conflict replace"})
    void withoutAValueRowsGoToTheChildOfTheirOwnValueMadeAsValuesAppear(String write) throws Exception {
        TestDb.exec("CREATE TABLE holo_test (id int, amount float8, sale_date int NOT NULL, sale_time int,"
                        + " PRIMARY KEY (id, sale_date)) PARTITION BY LIST (sale_date)",
                "CREATE TABLE holo_test_old PARTITION OF holo_test FOR VALUES IN (20260101)");
        Path job = job("", "partition sale_date  write " + write);
        Cli.Result r = run(job);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows written  6"), r.out());
        assertTrue(r.out().contains("dirty rows    0"), r.out());
        assertEquals("holo_test_20260102:5,6 holo_test_old:1,2,3,4", children(), "the existing child is used, a new one made");
    }

    /**
     * {@code mode overwrite} of one partition: the child is replaced in one transaction; a run that
     * fails halfway leaves it as it was, and the other partition is never touched.
     */
    @Test
    void overwriteReplacesExactlyOnePartitionAndAFailureLeavesItIntact() throws Exception {
        Path append = job("", "partition sale_date");
        assertEquals(0, run(append).exitCode());
        String other = TestDb.text("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM holo_test_20260102 t");

        part("odps_table/sale_date=20260101/sale_time=10/part-0.csv", "id,amount\n1,11\n");
        part("odps_table/sale_date=20260101/sale_time=11/part-0.csv", "id,amount\n7,70\nx,not a number\n8,80\n");
        Path overwrite = Projects.write(dir, """
                job to_holo {
                  source files.odps_table { partition sale_date = "${bizdate}" }
                  sink pg.holo_test { mode overwrite  partition sale_date = "${bizdate}" }
                  map by name { }
                  channel { parallelism 1  errors 0 }
                }
                """, null, null);
        Cli.Result failed = run(overwrite, "-p", "bizdate=20260101");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertEquals("holo_test_20260101:1,2,3,4 holo_test_20260102:5,6", children(), "the old child, whole");

        part("odps_table/sale_date=20260101/sale_time=11/part-0.csv", "id,amount\n7,70\n8,80\n");
        Cli.Result done = run(overwrite, "-p", "bizdate=20260101", "--fresh");
        assertEquals(0, done.exitCode(), done.toString());
        assertEquals("holo_test_20260101:1,7,8 holo_test_20260102:5,6", children());
        assertEquals("11", TestDb.text("SELECT amount FROM holo_test WHERE id = 1"));
        assertEquals(other, TestDb.text("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM holo_test_20260102 t"), "untouched");
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pg_class WHERE relname LIKE '\\_syncc\\_stage\\_holo%'"), "no staging left");
    }

    @Test
    void partitionRulesAreLocatedErrors() throws Exception {
        Path job = Projects.write(dir, """
                job a {
                  source files.odps_table
                  sink pg.holo_a { create if missing  mode overwrite  partition sale_dte }
                  map by name { }
                }
                job b {
                  source files.odps_table
                  sink pg.holo_b { create if missing { primary key (id) }  mode overwrite  partition sale_date }
                  map by name { }
                }
                """, null, null);
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        String out = r.out() + r.err();
        assertTrue(out.contains("job.sync:3:65: error[SYN203]: the partition key 'sale_dte' is not a column written to pg.public.holo_a;"
                + " its columns: id, amount, sale_date, sale_time; did you mean 'sale_date'?"), out);
        assertTrue(out.contains("job.sync:8:76: error[SYN408]: mode overwrite replaces one partition: give its value (partition"
                + " sale_date = \"...\"), or write with mode append"), out);
        assertTrue(out.contains("job.sync:8:53: error[SYN408]: the primary key of a table partitioned by sale_date must hold sale_date"
                + " (a key is unique per partition); add it: primary key (id, sale_date)"), out);
    }
}
