package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL → PostgreSQL with key-range splits (integer, numeric, date, timestamp keys, NULL keys) and ctid splits. */
class PostgresToPostgresTest {

    static EmbeddedServer server;
    static int n;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startTemporary();
        Fixtures.loadWithPostgres(server, "src", Fixtures.rows(17, 20_000, 1));
        // rows with NULL split keys and a few updates so the heap has dead tuples between pages
        exec(server, "UPDATE src SET name = name || '!' WHERE id % 97 = 0", "VACUUM src");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    JobReport copy(String target, SqlText where, String splitBy, int parallelism) throws Exception {
        exec(server, "CREATE TABLE " + target + " " + Fixtures.COLUMNS_DDL);
        JobPlan plan = Fixtures.job("pg_" + target, Fixtures.pgSource(server, "src", where, splitBy),
                Fixtures.sink(server, target, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(parallelism, 0));
        return JobRunner.run(plan, new BankJob(), new RunOptions(Map.of("min", "100"), tmp, false, false));
    }

    @ParameterizedTest(name = "split by {0}")
    @ValueSource(strings = {"id", "amount", "born", "seen", "score"})
    void keyRangeSplitsReadExactlyTheSourceRows(String key) throws Exception {
        JobReport r = copy("by_" + key, null, key.equals("score") ? null : key, 3);
        assertNull(r.failure());
        assertEquals(20_000, r.rowsRead());
        assertTrue(r.splits() > 4, "splits: " + r.splits());
        assertEquals(checksum(server, "src"), checksum(server, "by_" + key));
    }

    @Test
    void whereParametersAreBoundNotSpliced() throws Exception {
        JobReport r = copy("filtered", new SqlText("id >= ? AND name IS NOT NULL", List.of("min")), "id", 2);
        assertNull(r.failure());
        assertEquals(checksum(server, "(SELECT * FROM src WHERE id >= 100 AND name IS NOT NULL)"), checksum(server, "filtered"));
    }

    @Test
    void viewsAreReadAsOneSplit() throws Exception {
        exec(server, "CREATE VIEW src_view AS SELECT * FROM src WHERE id % 2 = 0");
        exec(server, "CREATE TABLE from_view " + Fixtures.COLUMNS_DDL);
        JobPlan plan = Fixtures.job("pg_view", Fixtures.pgSource(server, "src_view", null, null),
                Fixtures.sink(server, "from_view", WriteMethod.INSERT, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(2, 0));
        JobReport r = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp, false, false));
        assertNull(r.failure());
        assertEquals(1, r.splits());
        assertEquals(checksum(server, "src_view"), checksum(server, "from_view"));
    }

    @Test
    void previewMapsAndRendersTheFirstRows() throws Exception {
        JobPlan plan = Fixtures.job("preview", Fixtures.pgSource(server, "src", null, "id"),
                Fixtures.sink(server, "never_written", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(2, 0));
        List<String[]> rows = JobRunner.preview(plan, new BankJob(), new RunOptions(Map.of(), tmp, false, false), 5);
        assertEquals(5, rows.size());
        assertEquals(7, rows.get(0).length);
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM pg_class WHERE relname = 'never_written'"));
    }
}
