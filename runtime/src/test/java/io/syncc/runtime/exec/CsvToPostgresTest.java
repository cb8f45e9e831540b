package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CSV → PostgreSQL for every write method × conflict strategy × load mode. The target starts with
 * 100 "old" rows (ids 1..100); the file has ids 51..2550, so 50 keys collide. Expected contents are
 * computed from PostgreSQL's own CSV parser and compared by an md5 over all values.
 */
class CsvToPostgresTest {

    static EmbeddedServer server;
    static List<String[]> oldRows;
    static List<String[]> fileRows;
    static Path data;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startTemporary();
        oldRows = Fixtures.rows(7, 100, 1);
        fileRows = Fixtures.rows(11, 2500, 51);
        data = tmp.resolve("lake");
        Fixtures.writeCsv(data.resolve("bank.csv"), fileRows);
        Fixtures.loadWithPostgres(server, "old_rows", oldRows);
        Fixtures.loadWithPostgres(server, "file_rows", fileRows);
    }

    @AfterAll
    static void stop() {
        System.clearProperty(JobRunner.CSV_CHUNK_PROPERTY);
        server.close();
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (WriteMethod w : WriteMethod.values()) {
            for (ConflictStrategy c : ConflictStrategy.values()) {
                for (LoadMode m : LoadMode.values()) {
                    out.add(Arguments.of(w, c, m));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void loadsExactlyTheExpectedRows(WriteMethod write, ConflictStrategy conflict, LoadMode mode) throws Exception {
        String table = ("t_" + write + "_" + conflict + "_" + mode).toLowerCase();
        exec(server, "CREATE TABLE " + table + " " + Fixtures.COLUMNS_DDL, "INSERT INTO " + table + " SELECT * FROM old_rows");
        System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, "40000"); // several byte-range splits
        var plan = Fixtures.job("load_" + table, Fixtures.csvSource(data, "bank"),
                Fixtures.sink(server, table, write, conflict, mode), Fixtures.channel(2, 100));
        JobReport report = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false));
        System.clearProperty(JobRunner.CSV_CHUNK_PROPERTY);

        if (conflict == ConflictStrategy.FAIL && mode == LoadMode.APPEND) {
            // the name is the behaviour: an existing key fails the job, its split rolls back (file ids 51..100 exist)
            assertFalse(report.succeeded());
            assertTrue(report.failure().matches("on conflict fail: a row's key is already in public\\." + table
                    + " \\(in the target before the run, or from an earlier row of the source\\) \\(Key \\(id\\)=\\(\\d+\\) already exists\\.\\); the split rolled back"), report.failure());
            assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM " + table + " t JOIN old_rows o USING (id) WHERE t.name"
                    + " IS DISTINCT FROM o.name"));
            return;
        }
        assertNull(report.failure(), report.failure());
        assertTrue(report.succeeded());
        assertTrue(report.splits() > 1, "byte-range splits: " + report.splits());
        assertEquals(2500, report.rowsRead());
        String expected;
        long dirty;
        if (mode == LoadMode.OVERWRITE) {
            expected = "(SELECT * FROM file_rows)";
            dirty = 0;
        } else if (conflict == ConflictStrategy.REPLACE) {
            expected = "(SELECT * FROM old_rows WHERE id <= 50 UNION ALL SELECT * FROM file_rows)";
            dirty = 0;
        } else {
            // ignore keeps the old rows; without on conflict the 50 colliding rows are dirty
            expected = "(SELECT * FROM old_rows UNION ALL SELECT * FROM file_rows WHERE id > 100)";
            dirty = conflict == ConflictStrategy.IGNORE ? 0 : 50;
        }
        assertEquals(dirty, report.dirtyRows());
        assertEquals(checksum(server, expected), checksum(server, table));
        long rows = Fixtures.count(server, table);
        assertEquals(mode == LoadMode.OVERWRITE ? 2500 : 2550, rows);
        if (dirty > 0) {
            List<String> lines = Files.readAllLines(report.dirtyFile());
            assertEquals(dirty, lines.size());
            assertTrue(lines.get(0).contains("duplicate key"), lines.get(0));
        }
        // a successful run leaves no checkpoints or staging tables behind
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM _syncc_split WHERE job = 'load_" + table + "'"));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM pg_class WHERE relname LIKE '\\_syncc\\_stage%'"));
    }
}
