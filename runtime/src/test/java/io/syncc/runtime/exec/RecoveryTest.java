package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing lost or half-written: overwrite failures keep the old rows; failed runs resume without duplicates. */
class RecoveryTest {

    static EmbeddedServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.startTemporary();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clearChunk() {
        System.clearProperty(JobRunner.CSV_CHUNK_PROPERTY);
    }

    static RunOptions options(boolean fresh) {
        return new RunOptions(Map.of("day", "2024-01-01"), tmp.resolve("work"), false, fresh);
    }

    @Test
    void overwriteFailuresLeaveTheOldRows() throws Exception {
        Path lake = tmp.resolve("ow");
        List<String[]> good = Fixtures.rows(21, 3000, 1);
        Fixtures.writeCsv(lake.resolve("fine.csv"), good);
        List<String[]> bad = Fixtures.rows(21, 3000, 1);
        bad.get(2999)[2] = "oops";
        Fixtures.writeCsv(lake.resolve("broken.csv"), bad);
        Fixtures.loadWithPostgres(server, "ow_old", Fixtures.rows(3, 500, 1));
        exec(server, "CREATE TABLE ow " + Fixtures.COLUMNS_DDL, "INSERT INTO ow SELECT * FROM ow_old");
        String old = checksum(server, "ow");

        // 1. the dirty budget is exceeded while loading the staging table
        SinkPlan sink = Fixtures.sink(server, "ow", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.OVERWRITE);
        JobReport r1 = JobRunner.run(Fixtures.job("ow", Fixtures.csvSource(lake, "broken"), sink, Fixtures.channel(2, 0)),
                new BankJob(), options(true));
        assertFalse(r1.succeeded());
        assertEquals(old, checksum(server, "ow"));

        // 2. the swap itself fails (an `after` statement fails inside the swap transaction)
        SinkPlan failingAfter = new SinkPlan(sink.datasource(), "public", "ow", sink.columns(), sink.primaryKey(), sink.write(),
                sink.conflict(), sink.mode(), null, List.of(), List.of(new SqlText("SELECT 1 / (count(*) - count(*)) FROM ow", List.of())));
        JobReport r2 = JobRunner.run(Fixtures.job("ow", Fixtures.csvSource(lake, "fine"), failingAfter, Fixtures.channel(2, 0)),
                new BankJob(), options(true));
        assertFalse(r2.succeeded());
        assertTrue(r2.failure().contains("division by zero"), r2.failure());
        assertEquals(old, checksum(server, "ow"));

        // 3. a good run replaces the rows atomically, running before/after with bound parameters
        exec(server, "CREATE TABLE ow_log (day date, phase text)");
        SinkPlan logged = new SinkPlan(sink.datasource(), "public", "ow", sink.columns(), sink.primaryKey(), sink.write(),
                sink.conflict(), sink.mode(), null,
                List.of(new SqlText("INSERT INTO ow_log VALUES (?, 'before')", List.of("day"))),
                List.of(new SqlText("INSERT INTO ow_log SELECT ?, 'after ' || count(*) FROM ow", List.of("day"))));
        JobPlan plan = new JobPlan("ow", "ow.sync", Fixtures.csvSource(lake, "fine"), logged, Fixtures.channel(2, 0), List.of("day"),
                BankJob.class.getName());
        JobReport r3 = JobRunner.run(plan, new BankJob(), options(false));
        assertNull(r3.failure());
        Fixtures.loadWithPostgres(server, "ow_new", good);
        assertEquals(checksum(server, "ow_new"), checksum(server, "ow"));
        assertEquals(2, Fixtures.count(server, "ow_log WHERE day = '2024-01-01' AND phase IN ('before', 'after 3000')"));
    }

    @Test
    void aSecondRunOfTheSameJobAndParametersIsRefusedWhileTheFirstRuns() throws Exception {
        Path lake = tmp.resolve("lock");
        Fixtures.writeCsv(lake.resolve("bank.csv"), Fixtures.rows(1, 10, 1));
        JobPlan plan = Fixtures.job("locked", Fixtures.csvSource(lake, "bank"),
                Fixtures.sink(server, "locked", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
        try (java.sql.Connection c = Fixtures.connect(server);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "syncc:locked:" + JobExecution.runKey(plan, Map.of()));
            ps.executeQuery().close();
            JobReport r = JobRunner.run(plan, new BankJob(), options(false));
            assertFalse(r.succeeded());
            assertTrue(r.failure().startsWith("job locked is already running with the same parameters"), r.failure());
        }
        JobReport after = JobRunner.run(plan, new BankJob(), options(false));
        assertNull(after.failure());
        assertEquals(10, Fixtures.count(server, "locked"));
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void aFailedRunResumesWithoutDuplicatesOrLosses(LoadMode mode) throws Exception {
        String table = "resumed_" + mode.name().toLowerCase();
        Path lake = tmp.resolve("resume_" + mode);
        List<String[]> rows = Fixtures.rows(33, 4000, 1);
        for (String[] r : rows) {
            r[2] = "1234.56";
        }
        Path file = Fixtures.writeCsv(lake.resolve("bank.csv"), rows);
        String good = Files.readString(file);
        // a bad value near the end, same length as the good one, so the split plan stays the same when fixed
        int at = good.lastIndexOf("1234.56");
        Files.writeString(file, good.substring(0, at) + "12x4.56" + good.substring(at + 7));
        // no primary key: a duplicated row would show
        exec(server, "CREATE TABLE " + table + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        if (mode == LoadMode.OVERWRITE) {
            Fixtures.loadWithPostgres(server, table, Fixtures.rows(2, 300, 1));
        }
        String before = checksum(server, table);
        long initial = Fixtures.count(server, table);
        SinkPlan sink = new SinkPlan(Fixtures.pg(server), "public", table,
                Fixtures.sink(server, table, WriteMethod.COPY, ConflictStrategy.NONE, mode).columns(),
                List.of(), WriteMethod.COPY, ConflictStrategy.NONE, mode, null, List.of(), List.of());
        JobPlan plan = Fixtures.job("resume_" + mode, Fixtures.csvSource(lake, "bank"), sink, Fixtures.channel(1, 0));
        System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, "30000");

        JobReport first = JobRunner.run(plan, new BankJob(), options(false));
        assertFalse(first.succeeded());
        long partial;
        if (mode == LoadMode.APPEND) {
            partial = Fixtures.count(server, table);
            assertTrue(partial > 0 && partial < 4000, "committed before the failure: " + partial);
        } else {
            assertEquals(before, checksum(server, table)); // the target is untouched; the staging table holds the work
            partial = initial;
        }

        if (mode == LoadMode.APPEND) {
            // a changed file (different size) is a different split plan: refused, naming the difference
            Files.writeString(file, "\n", StandardOpenOption.APPEND);
            JobReport refused = JobRunner.run(plan, new BankJob(), options(false));
            assertFalse(refused.succeeded());
            assertTrue(refused.failure().startsWith("cannot resume: the source's split plan (files, sizes or key ranges) changed since"
                    + " an unfinished run of "), refused.failure());
            assertEquals(partial, Fixtures.count(server, table));
        }

        Files.writeString(file, good, StandardCharsets.UTF_8);
        JobReport second = JobRunner.run(plan, new BankJob(), options(false));
        assertNull(second.failure());
        assertTrue(second.splitsResumed() > 0);
        assertEquals(4000, Fixtures.count(server, table));
        assertEquals(4000, Fixtures.queryLong(server, "SELECT count(DISTINCT id) FROM " + table));
        Fixtures.loadWithPostgres(server, table + "_expected", rows);
        assertEquals(checksum(server, table + "_expected"), checksum(server, table));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM _syncc_split WHERE job = 'resume_" + mode + "'"));
    }
}
