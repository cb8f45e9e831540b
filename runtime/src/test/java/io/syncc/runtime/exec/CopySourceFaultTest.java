package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL source read by COPY (the decoder reads COPY text, as generated decoders do): a
 * source backend terminated in the middle of a split's COPY is retried on a new connection in the
 * same exported snapshot, so rows that move between splits meanwhile are read once; and the rows
 * arrive as the source holds them.
 */
class CopySourceFaultTest extends ServerTest {

    @BeforeAll
    static void data() throws Exception {
        Fixtures.loadWithPostgres(server, "expected", Fixtures.rows(61, 24_000, 1));
    }

    @Test
    void rowsReadByCopyAreTheSourceRows() throws Exception {
        exec(server, "DROP TABLE IF EXISTS cs_all", "CREATE TABLE cs_all " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        JobPlan plan = Fixtures.job("cs_all", Fixtures.pgSource(server, "expected", null, "id"),
                Fixtures.sink(server, "cs_all", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(2, 0, 0, 0, -1));
        JobReport r = JobRunner.run(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-all"), false, false));
        assertNull(r.failure());
        assertEquals(24_000, r.rowsWritten());
        assertEquals(checksum(server, "expected"), checksum(server, "cs_all"));
    }

    @Test
    void aSourceBackendTerminatedMidCopyIsRetriedAndRowsMovingBetweenSplitsAreReadOnce() throws Exception {
        // odd ids only, so rows can move into the gaps; names of about 1 KB make each split's COPY (24 MB)
        // larger than socket buffers, so the backend is still sending when it is terminated
        exec(server, "DROP TABLE IF EXISTS cs_moving", "CREATE TABLE cs_moving AS SELECT (e.id + k * 24000) * 2 - 1 AS id,"
                + " repeat(coalesce(name, 'x'), 1000 / greatest(1, length(coalesce(name, 'x')))) AS name, amount, score, born, seen, active"
                + " FROM expected e, generate_series(0, 3) k", "ALTER TABLE cs_moving ADD PRIMARY KEY (id)", "VACUUM ANALYZE cs_moving");
        String snapshotAtStart = checksum(server, "cs_moving");
        String t = "cs_moved";
        exec(server, "DROP TABLE IF EXISTS " + t, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        JobPlan plan = Fixtures.job(t, Fixtures.pgSource(server, "cs_moving", null, "id"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(1, 30_000, 0, 0, -1));
        CompletableFuture<JobReport> run = CompletableFuture.supplyAsync(
                () -> JobRunner.run(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-moving"), false, false)));
        TransientFaultTest.terminateOnceCommitted(t, "syncc reader");
        exec(server, "UPDATE cs_moving SET id = id + 160001 WHERE id < 1000",
                "UPDATE cs_moving SET id = id - 160001 WHERE id > 180000",
                "DELETE FROM cs_moving WHERE id % 7 = 0",
                "INSERT INTO cs_moving SELECT id * 2, name, amount, score, born, seen, active FROM expected WHERE id <= 100");
        JobReport r = run.get();
        assertNull(r.failure());
        assertTrue(r.retries() >= 1, "retries: " + r.retries());
        assertEquals(96_000, r.rowsWritten());
        assertEquals(snapshotAtStart, checksum(server, t));
    }
}
