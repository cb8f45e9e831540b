package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transient faults are retried per split on a new connection while the others go on: a
 * terminated sink backend in the middle of a COPY, a terminated source backend in the middle of a
 * read. Reads of a PostgreSQL source share one exported snapshot, so rows that move between
 * splits while the job runs are neither duplicated nor dropped. Permanent errors are not retried.
 */
class TransientFaultTest extends ServerTest {

    static List<String[]> rows;
    static int tables;


    @BeforeAll
    static void data() throws Exception {
        rows = Fixtures.rows(61, 24_000, 1);
        Fixtures.writeCsv(tmp.resolve("lake").resolve("bank.csv"), rows);
        Fixtures.loadWithPostgres(server, "expected", rows);
    }



    static String table() throws SQLException {
        String t = "tf_" + (tables++);
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        return t;
    }

    /** Waits until the job has committed rows, then terminates every backend with that application name (at least one). */
    static void terminateOnceCommitted(String job, String applicationName) throws Exception {
        awaitCommittedRows(job);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Fixtures.queryLong(server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = '" + applicationName + "'") == 0) {
            assertTrue(System.nanoTime() < deadline, "no " + applicationName + " connection to terminate");
            Thread.sleep(5);
        }
    }

    @Test
    void aTerminatedSinkBackendMidCopyIsRetriedAndEveryRowArrivesOnce() throws Exception {
        String t = table();
        System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, "200000"); // about 12 splits
        JobPlan plan = Fixtures.job(t, Fixtures.csvSource(tmp.resolve("lake"), "bank"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(2, 8000, 0, 0, -1));
        CompletableFuture<JobReport> run = CompletableFuture.supplyAsync(
                () -> JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false)));
        terminateOnceCommitted(t, "syncc writer");
        JobReport r = run.get();
        assertNull(r.failure());
        assertTrue(r.retries() >= 1, "retries: " + r.retries());
        assertTrue(Summary.format(r).contains("retries       "), Summary.format(r));
        assertEquals(24_000, r.rowsWritten());
        assertEquals(checksum(server, "expected"), checksum(server, t));
    }

    @Test
    void aTerminatedSourceBackendIsRetriedAndRowsMovingBetweenSplitsAreReadOnce() throws Exception {
        // odd ids only: rows can move into the gaps while the job runs
        // 96,000 rows, so a split is longer than the reader's fetch and is read while the backend is terminated
        exec(server, "DROP TABLE IF EXISTS moving", "CREATE TABLE moving AS SELECT (e.id + k * 24000) * 2 - 1 AS id, name, amount, score,"
                + " born, seen, active FROM expected e, generate_series(0, 3) k", "ALTER TABLE moving ADD PRIMARY KEY (id)",
                "VACUUM ANALYZE moving");
        String snapshotAtStart = checksum(server, "moving");
        String t = table();
        JobPlan plan = Fixtures.job(t, Fixtures.pgSource(server, "moving", null, "id"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(1, 30_000, 0, 0, -1));
        CompletableFuture<JobReport> run = CompletableFuture.supplyAsync(
                () -> JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false)));
        terminateOnceCommitted(t, "syncc reader");
        // while the job runs: rows of unread ranges move into read ones and back, some vanish, new ones appear
        exec(server, "UPDATE moving SET id = id + 160001 WHERE id < 1000",   // read range -> unread range
                "UPDATE moving SET id = id - 160001 WHERE id > 180000",              // unread range -> read range
                "DELETE FROM moving WHERE id % 7 = 0",
                "INSERT INTO moving SELECT id * 2, name, amount, score, born, seen, active FROM expected WHERE id <= 100");
        JobReport r = run.get();
        assertNull(r.failure());
        assertTrue(r.retries() >= 1, "retries: " + r.retries());
        assertEquals(96_000, r.rowsWritten());
        assertEquals(snapshotAtStart, checksum(server, t)); // exactly the table as it was when the job started
    }

    @Test
    void permanentErrorsAreNotRetried() throws Exception {
        String t = table();
        JobPlan plan = Fixtures.job(t, Fixtures.pgSource(server, "expected", new io.syncc.runtime.plan.SqlText("no_such_column > 0",
                List.of()), null), Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
        JobReport r = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false));
        assertFalse(r.succeeded());
        assertEquals(0, r.retries());
        assertEquals(io.syncc.runtime.spi.SyncException.Kind.CONFIGURATION, r.failureKind());
        assertEquals("database error: ERROR: column \"no_such_column\" does not exist", r.failure().replaceAll("\\s+Position: \\d+", ""));
    }

    @Test
    void whichFailuresAreTransient() {
        assertTrue(Failures.isTransient(new SQLException("gone", "08006")));
        assertTrue(Failures.isTransient(new SQLException("terminated", "57P01")));
        assertTrue(Failures.isTransient(new SQLException("serialization", "40001")));
        assertTrue(Failures.isTransient(SyncException.caused(SyncException.Kind.CONFIGURATION, "cannot connect", new SQLException("refused", "08001"))));
        assertFalse(Failures.isTransient(new SQLException("no table", "42P01")));
        assertFalse(Failures.isTransient(new SQLException("constraint", "23505")));
        assertFalse(Failures.isTransient(new SyncException(SyncException.Kind.CONFIGURATION, "another run took over")));
        assertEquals(200, Failures.backoffMillis(0));
        assertEquals(10_000, Failures.backoffMillis(12));
    }
}
