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
 * Business-date parameters as `syncc run` gives them: -p first, then the schedule's params evaluated
 * at the scheduled time (--at), then the built-ins ${bizdate} and ${cyctime}; PostgreSQL stores what
 * they became.
 */
class ParametersTest {

    @TempDir
    Path dir;

    Path job;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS pm_src", "CREATE TABLE pm_src (id int, created date)",
                "INSERT INTO pm_src SELECT g, DATE '2026-11-01' + g FROM generate_series(0, 29) g");
    }

    @BeforeEach
    void files() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pm_dst", "CREATE TABLE pm_dst (id int, created date, load_date text, run_at text)");
        Files.writeString(dir.resolve("ds.sync"), "datasource pg { type postgres url embedded }\n");
        job = dir.resolve("job.sync");
        Files.writeString(job, """
                job daily {
                  source pg.pm_src { where "created >= ${since}::date AND created <= ${bizdate}::date" }
                  sink pg.pm_dst
                  map by name {
                    ${bizdate} -> load_date
                    ${cyctime} -> run_at
                  }
                  schedule {
                    cron "0 2 * * *"
                    param since = "$[yyyy-mm-dd-7]"
                  }
                }
                """);
    }

    @Test
    void theScheduleAndTheBuiltInsAreEvaluatedAtTheScheduledTime() throws Exception {
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--at", "2026-11-24T02:00", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        // since = 2026-11-17 (scheduled date - 7), bizdate = 20261123: created 17th..23rd
        assertEquals(7, TestDb.count("pm_dst"));
        assertEquals("2026-11-17..2026-11-23 20261123 20261124020000", TestDb.text(
                "SELECT min(created) || '..' || max(created) || ' ' || min(load_date) || ' ' || min(run_at) FROM pm_dst"));
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pm_dst WHERE load_date <> '20261123' OR run_at <> '20261124020000'"));
    }

    @Test
    void dashPOverridesTheScheduleAndTheBuiltIns() throws Exception {
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--at", "20261124020000", "-p", "since=2026-11-20", "-p", "bizdate=20261121",
                "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("2026-11-20..2026-11-21 20261121", TestDb.text("SELECT min(created) || '..' || max(created) || ' ' || min(load_date) FROM pm_dst"));
    }

    @Test
    void aBadScheduledTimeOrExpressionIsToldBeforeAnyIo() throws Exception {
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--at", "yesterday", "--work-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("error: --at yesterday is not a time: write 2026-11-24T02:00, 2026-11-24 or 20261124020000\n", r.err());
        r = Cli.run("run", job.toString(), "--no-progress", "--time-zone", "Mars/Olympus", "--work-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("error: unknown time zone Mars/Olympus; write a region such as Asia/Shanghai or an offset such as +08:00\n", r.err());
        Files.writeString(job, Files.readString(job).replace("$[yyyy-mm-dd-7]", "$[yyyy-mm-dd-x]"));
        r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error[SYN507]: invalid time expression $[yyyy-mm-dd-x]; expected a pattern of yyyy, mm, dd, hh24, mi, ss"),
                r.err());
        assertEquals(0, TestDb.count("pm_dst"));
    }

    @Test
    void aParameterNeitherGivenNorScheduledNorBuiltInIsAUsageError() throws Exception {
        Files.writeString(job, """
                job daily {
                  source pg.pm_src { where "id < ${limit}" }
                  sink pg.pm_dst
                }
                """);
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(job.toAbsolutePath() + ":2:34: error[SYN205]: job daily needs parameter ${limit}: pass -p limit=VALUE",
                r.err().lines().findFirst().orElseThrow(), r.err());
    }
}
