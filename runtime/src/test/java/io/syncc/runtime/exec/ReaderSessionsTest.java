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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
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
}
