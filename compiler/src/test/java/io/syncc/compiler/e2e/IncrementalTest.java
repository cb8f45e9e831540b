package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source pg.t { incremental by column }}: each run reads the rows after the watermark kept in
 * the sink's database, up to the largest value of its snapshot, and advances the watermark in the
 * transaction that publishes the rows. PostgreSQL is the oracle: after every run the target holds
 * exactly the source's rows ({@code EXCEPT ALL} both ways), however they were inserted, updated,
 * committed during a run, or a run was killed.
 */
class IncrementalTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    private static final String ORDERS = """
            job orders {
              source pg.inc_src { incremental by updated_at  split by id }
              sink pg.inc_dst { on conflict replace%s }
              map by name { }
              channel { parallelism 2 }
            }
            """;

    private Cli.Result run(Path job, String... extra) {
        return Cli.runJob(job, dir, extra);
    }

    private static void ordersTables() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS inc_src, inc_dst, _syncc_watermark",
                "CREATE TABLE inc_src (id int PRIMARY KEY, v text, updated_at timestamptz)",
                "INSERT INTO inc_src SELECT g, 'v' || g, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + interval '0.000001 s'"
                        + " FROM generate_series(1, 1000) g",
                // never picked up by an incremental run, read by the first (full) one
                "INSERT INTO inc_src VALUES (1001, 'no time', NULL), (1002, 'forever', 'infinity')",
                "CREATE TABLE inc_dst (id int PRIMARY KEY, v text, updated_at timestamptz)");
    }

    @Test
    void insertsAndUpdatesBetweenRunsArriveExactlyOnce() throws Exception {
        ordersTables();
        Path job = Projects.write(dir, ORDERS.formatted(""), null, null);

        Cli.Result first = run(job);
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("rows read     1,002"), first.out());
        assertTrue(first.out().contains("incremental   updated_at from the start up to 2026-01-01 00:16:40.000001+00"), first.out());
        assertEquals(0, TestDb.difference("inc_src", "inc_dst"));
        assertEquals("updated_at|2026-01-01 00:16:40.000001+00|", TestDb.text(
                "SELECT concat_ws('|', column_name, value, coalesce(pending, '')) FROM _syncc_watermark WHERE job = 'orders'"));
        Cli.Result state = Cli.run("state", "list", job.toString());
        assertEquals(0, state.exitCode(), state.toString());
        assertTrue(state.out().contains("pg.public  job orders  watermark updated_at = 2026-01-01 00:16:40.000001+00 for public.inc_dst"),
                state.out());

        Cli.Result idle = run(job);
        assertEquals(0, idle.exitCode(), idle.toString());
        assertTrue(idle.out().contains("rows read     0"), idle.out());
        assertTrue(idle.out().contains("incremental   updated_at after 2026-01-01 00:16:40.000001+00 (no rows beyond it)"), idle.out());

        TestDb.exec("UPDATE inc_src SET v = 'changed', updated_at = timestamptz '2026-01-02 00:00:00+00' + id * interval '1 ms'"
                        + " WHERE id % 100 = 0",
                "INSERT INTO inc_src SELECT g, 'new', timestamptz '2026-01-02 00:00:01+00' FROM generate_series(2001, 2005) g");
        Cli.Result second = run(job);
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("rows read     15"), second.out());
        assertTrue(second.out().contains("incremental   updated_at after 2026-01-01 00:16:40.000001+00 up to 2026-01-02 00:00:01+00"),
                second.out());
        assertEquals(0, TestDb.difference("inc_src", "inc_dst"));
        assertEquals(1007, TestDb.count("inc_dst"));

        // a value from the future moves the watermark past the clock: the summary says so
        TestDb.exec("UPDATE inc_src SET updated_at = timestamptz '2099-01-01 00:00:00+00' WHERE id = 7");
        Cli.Result future = run(job);
        assertEquals(0, future.exitCode(), future.toString());
        assertTrue(future.out().contains("up to 2099-01-01 00:00:00+00; WARNING: the largest value read is later than the server's clock ("),
                future.out());
    }

    /**
     * A row committed while a run is reading (here by the sink's {@code before}, after the snapshot was
     * taken) is not in that run, and the watermark does not pass it: the next run reads it.
     */
    @Test
    void aRowCommittedDuringARunArrivesWithTheNextOne() throws Exception {
        ordersTables();
        Path job = Projects.write(dir, ORDERS.formatted("\n    before \"INSERT INTO inc_src SELECT 3000, 'during', now() WHERE NOT EXISTS"
                + " (SELECT 1 FROM inc_src WHERE id = 3000)\""), null, null);
        Cli.Result first = run(job);
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(1, TestDb.longValue("SELECT count(*) FROM inc_src WHERE id = 3000"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM inc_dst WHERE id = 3000"), "not in the run's snapshot");
        assertEquals(1002, TestDb.count("inc_dst"));

        Cli.Result second = run(job);
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("rows read     1"), second.out());
        assertEquals(0, TestDb.difference("inc_src", "inc_dst"));
    }

    @Test
    void fromAndFullOverrideTheWatermark() throws Exception {
        ordersTables();
        Path job = Projects.write(dir, ORDERS.formatted(""), null, null);
        assertEquals(0, run(job).exitCode());
        TestDb.exec("DELETE FROM inc_dst WHERE id > 990 OR id = 3");

        Cli.Result from = run(job, "--from", "2026-01-01 00:16:31.000001+00");
        assertEquals(0, from.exitCode(), from.toString());
        assertTrue(from.out().contains("rows read     10"), from.out()); // 991..1000, inclusive of the value given
        assertTrue(from.out().contains("updated_at from 2026-01-01 00:16:31.000001+00 up to"), from.out());
        assertEquals(1000 - 1, TestDb.count("inc_dst"));

        Cli.Result full = run(job, "--full");
        assertEquals(0, full.exitCode(), full.toString());
        assertTrue(full.out().contains("rows read     1,002"), full.out());
        assertEquals(0, TestDb.difference("inc_src", "inc_dst"));

        Cli.Result bad = run(job, "--from", "yesterday-ish");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.out().contains("reason        incremental by updated_at: 'yesterday-ish' is not a value of type timestamp with time"
                + " zone (invalid input syntax for type timestamp with time zone: \"yesterday-ish\")"), bad.toString());

        Cli.Result both = run(job, "--from", "1", "--full");
        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.err().contains("error: --from and --full exclude each other"), both.toString());
    }

    @Test
    void theWatermarkBelongsToItsColumn() throws Exception {
        ordersTables();
        Path job = Projects.write(dir, ORDERS.formatted(""), null, null);
        assertEquals(0, run(job).exitCode());
        Files.writeString(job, ORDERS.formatted("").replace("incremental by updated_at", "incremental by id"));
        Cli.Result other = run(job);
        assertEquals(1, other.exitCode(), other.toString());
        assertTrue(other.out().contains("reason        job orders kept its watermark for column updated_at, and now reads incrementally"
                + " by id; run it once with --full (or --from VALUE) to start the watermark of id"), other.out());
        Cli.Result full = run(job, "--full");
        assertEquals(0, full.exitCode(), full.toString());
        assertEquals("id|1002", TestDb.text("SELECT column_name || '|' || value FROM _syncc_watermark WHERE job = 'orders'"));
    }

    @Test
    void fullAndFromNeedAnIncrementalJob() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS inc_plain", "CREATE TABLE inc_plain (id int)");
        Path job = Projects.write(dir, "job plain {\n  source pg.inc_plain\n  sink pg.inc_plain_copy { create if missing }\n"
                + "  map by name { }\n}\n", null, null);
        Cli.Result r = run(job, "--full");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: --full applies to incremental jobs (source { incremental by COLUMN }), and job plain reads"
                + " every row each run"), r.toString());
    }

    @Test
    void misplacedIncrementsAreLocatedErrors() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS inc_chk", "CREATE TABLE inc_chk (id int PRIMARY KEY, name text, at timestamp, amount numeric)");
        Path job = Projects.write(dir, """
                job from_file {
                  source files.items { incremental by id }
                  sink pg.inc_chk
                  map by name { }
                }
                job by_text {
                  source pg.inc_chk { incremental by name }
                  sink pg.inc_chk_copy { create if missing }
                  map by name { }
                }
                job into_file {
                  source pg.inc_chk { incremental by id }
                  sink files.out
                  map by name { }
                }
                job overwrite {
                  source pg.inc_chk { incremental by at }
                  sink pg.inc_chk_over { create if missing  mode overwrite }
                  map by name { }
                }
                job appends_updates {
                  source pg.inc_chk { incremental by at }
                  sink pg.inc_chk_app { create if missing }
                  map by name { }
                }
                """, "items.csv", "id,name\n1,a\n");
        Files.createDirectories(dir.resolve("data"));
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        String out = r.out() + r.err();
        assertTrue(out.contains("job.sync:2:24: error[SYN406]: incremental by reads the rows of a database table after a watermark;"
                + " datasource 'files' is a file datasource"), out);
        assertTrue(out.contains("job.sync:7:38: error[SYN406]: incremental by needs a timestamp, date or integer column whose value grows"
                + " as rows are added or changed; 'name' is text"), out);
        assertTrue(out.contains("job.sync:12:23: error[SYN406]: incremental by keeps its watermark in the sink's database, committed"
                + " with the rows it covers; datasource 'files' (type csv) keeps none"), out);
        assertTrue(out.contains("job.sync:17:23: error[SYN406]: incremental by with mode overwrite would replace pg.public.inc_chk_over with"
                + " only the rows after the watermark"), out);
        assertTrue(out.contains("job.sync:22:23: warning[SYN407]: incremental by at reads a row again each time it is updated; without"
                + " `on conflict replace` on pg.public.inc_chk_app's primary key it is appended as another row"), out);
        assertTrue(out.contains("4 errors, 1 warning"), out); // an integer column (line 12): an append-only log, no warning
    }

    /**
     * kill -9 of a job jar in the middle of an incremental run: the rows of its committed splits stay,
     * the watermark does not move, the next run finishes the same range (resuming those splits), and
     * the run after it reads what came meanwhile; an append-only target then holds every row once.
     */
    @Test
    void killedMidRunThenRerunLosesAndRepeatsNothing() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS inc_log, inc_log_dst, _syncc_watermark, _syncc_run, _syncc_split",
                "CREATE TABLE inc_log (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO inc_log SELECT g, md5(g::text) FROM generate_series(1, 20000) g",
                "CREATE TABLE inc_log_dst (id bigint, payload text)");
        Path job = Projects.write(dir, """
                job log {
                  source pg.inc_log { incremental by id  split by id }
                  sink pg.inc_log_dst
                  map by name { }
                  channel { parallelism 1  rate 5000 rows/s }
                }
                """, null, null);
        Path jar = dir.resolve("log.jar");
        Cli.Result c = Cli.run("compile", job.toString(), "-o", jar.toString());
        assertEquals(0, c.exitCode(), c.toString());
        JobJarTest.publishEmbedded(dir);

        Process p = new ProcessBuilder(JobJarTest.java(), "-jar", jar.toString(), "--no-progress").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (TestDb.count("inc_log_dst") < 3000 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "still running: " + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the job's side
        p.waitFor();
        long committed = TestDb.count("inc_log_dst");
        assertTrue(committed >= 3000 && committed < 20000, "some splits committed: " + committed);
        assertEquals("|20000", TestDb.text("SELECT coalesce(value, '') || '|' || pending FROM _syncc_watermark WHERE job = 'log'"));

        TestDb.exec("INSERT INTO inc_log SELECT g, md5(g::text) FROM generate_series(20001, 20500) g");
        var resumed = JobJarTest.exec(dir, Map.of(), JobJarTest.java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(0, resumed.getKey(), resumed.getValue());
        assertTrue(resumed.getValue().contains("resumed from an earlier run"), resumed.getValue());
        assertTrue(resumed.getValue().contains("incremental   id from the start up to 20000"), resumed.getValue());
        assertEquals(0, TestDb.difference("(SELECT * FROM inc_log WHERE id <= 20000) s", "inc_log_dst"));

        var next = JobJarTest.exec(dir, Map.of(), JobJarTest.java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(0, next.getKey(), next.getValue());
        assertTrue(next.getValue().contains("rows read     500"), next.getValue());
        assertTrue(next.getValue().contains("incremental   id after 20000 up to 20500"), next.getValue());
        assertEquals(0, TestDb.difference("inc_log", "inc_log_dst"));
        assertEquals("20500", TestDb.text("SELECT value FROM _syncc_watermark WHERE job = 'log'"));
    }
}
