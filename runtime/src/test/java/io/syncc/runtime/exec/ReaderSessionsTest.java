package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splits read one by one (key ranges) reuse the reader sessions of the splits before them, in the
 * run's snapshot, instead of a new session per split. The oracle is the server: the source is a
 * view whose {@code name} is the reading backend's process id, so the target holds which sessions
 * read it.
 */
class ReaderSessionsTest extends ServerTest {

    @BeforeAll
    static void data() throws Exception {
        Fixtures.loadWithPostgres(server, "rs_rows", Fixtures.rows(41, 20_000, 1));
        exec(server, "CREATE VIEW rs_pids AS SELECT id, pg_backend_pid()::text AS name, amount, score, born, seen, active FROM rs_rows");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void splitsReadOneByOneShareTheWorkersSessions(int parallelism) throws Exception {
        String t = "rs_" + parallelism;
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL);
        var plan = Fixtures.job("rs_" + t, Fixtures.pgSource(server, "rs_pids", null, "id"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(parallelism, 0));
        JobReport r = JobRunner.run(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertNull(r.failure());
        assertTrue(r.splits() >= 4 * parallelism, "splits: " + r.splits());
        assertEquals(20_000, r.rowsWritten());
        // every other value as PostgreSQL loaded it
        assertEquals(checksum(server, "(SELECT id, amount, score, born, seen, active FROM rs_rows)"),
                checksum(server, "(SELECT id, amount, score, born, seen, active FROM " + t + ")"));
        long sessions = Fixtures.queryLong(server, "SELECT count(DISTINCT name) FROM " + t);
        assertTrue(sessions >= 1 && sessions <= parallelism, r.splits() + " splits read by " + sessions + " sessions");
    }

    @Test
    void aPartitionReadOnItsOwnIsNotKeptLockedForTheRestOfTheRun() throws Exception {
        exec(server, "CREATE TABLE rs_parts (id bigint PRIMARY KEY, name text, amount numeric(12,2), score float8, born date,"
                + " seen timestamp, active boolean) PARTITION BY RANGE (id)");
        for (int p = 0; p < 12; p++) {
            exec(server, "CREATE TABLE rs_parts_" + p + " PARTITION OF rs_parts FOR VALUES FROM (" + (p * 1000 + 1) + ") TO ("
                    + (p * 1000 + 1001) + ")", "CREATE INDEX ON rs_parts_" + p + " (born)");
        }
        exec(server, "INSERT INTO rs_parts SELECT g, md5(g::text), g % 1000, g / 7.0, date '2000-01-01' + g % 9000,"
                + " timestamp '2020-01-01' + g * interval '1 second', g % 3 = 0 FROM generate_series(1, 12000) g", "ANALYZE rs_parts",
                "CREATE TABLE rs_parts_dst " + Fixtures.COLUMNS_DDL);
        List<Long> readerLocks = new CopyOnWriteArrayList<>();
        RunListener probe = new RunListener() {
            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                try {
                    readerLocks.add(Fixtures.queryLong(server, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                            + " WHERE a.application_name = 'syncc reader' AND l.locktype = 'relation'"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        var plan = Fixtures.job("rs_parts", Fixtures.pgSource(server, "rs_parts", null, null),
                Fixtures.sink(server, "rs_parts_dst", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
        JobReport r = JobRun.start(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-parts"), false, false), probe).await();
        assertNull(r.failure());
        assertEquals(12, r.splits());
        assertEquals(12_000, r.rowsWritten());
        // a kept session would keep a lock on each partition and index it read (3, 6, ... 36; adapted from a review)
        assertEquals(Collections.nCopies(12, 0L), readerLocks);
    }
}
