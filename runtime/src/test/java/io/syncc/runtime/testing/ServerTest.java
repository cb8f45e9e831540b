package io.syncc.runtime.testing;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.exec.JobRunner;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class with its own PostgreSQL server and temporary folder (test classes run one after
 * the other, so the static fields belong to the class that runs).
 */
public abstract class ServerTest {

    protected static EmbeddedServer server;

    @TempDir
    protected static Path tmp;

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.startTemporary();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void clearChunkSize() {
        System.clearProperty(JobRunner.CSV_CHUNK_PROPERTY);
    }

    /** Waits (at most a minute) until the job has committed rows to its run state. */
    protected static void awaitCommittedRows(String job) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Fixtures.queryLong(server, "SELECT count(*) FROM pg_tables WHERE tablename = '_syncc_split'") == 0
                || Fixtures.queryLong(server, "SELECT coalesce(sum(rows_written), 0) FROM _syncc_split WHERE job = '" + job + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " committed no rows within a minute");
            }
            Thread.sleep(20);
        }
    }
}
