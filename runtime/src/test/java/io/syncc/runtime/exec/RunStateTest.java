package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.state.PgStateStore;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Run state: a run resumes only what provably is still in the target, --fresh never duplicates
 * rows silently, a split commits at most once whatever happens to the lock connection, the reason
 * of a failure is the first failure, dirty rows are filed exactly once across resumes, and staging
 * tables of unfinished runs can be listed and removed.
 */
class RunStateTest extends ServerTest {

    static int tables;




    /** A folder table of nine 1,000-row files (nine splits); file 4 ends in a quote that never closes. */
    record Lake(Path dir, Path broken, String good, List<String[]> rows) {

        void fix() throws Exception {
            Files.writeString(broken, good);
        }
    }

    static Lake lake(String name, Map<Integer, String> dirtyAmounts) throws Exception {
        Path dir = tmp.resolve(name).resolve("bank");
        List<String[]> all = new ArrayList<>();
        Path broken = null;
        String good = null;
        for (int f = 1; f <= 9; f++) {
            List<String[]> rows = Fixtures.rows(100 + f, 1000, (f - 1) * 1000L + 1);
            for (String[] r : rows) {
                r[1] = "n" + r[0]; // no quotes of their own
                String amount = dirtyAmounts.get(Integer.parseInt(r[0]));
                if (amount != null) {
                    r[2] = amount;
                }
            }
            all.addAll(rows);
            Path file = Fixtures.writeCsv(dir.resolve("part-" + f + ".csv"), rows);
            if (f == 4) {
                broken = file;
                good = Files.readString(file);
                int at = good.indexOf("n3500,");
                Files.writeString(file, good.substring(0, at) + "\"3500," + good.substring(at + 6)); // same size
            }
        }
        return new Lake(dir.getParent(), broken, good, all);
    }

    static String table() throws Exception {
        String t = "rs_" + (tables++);
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        return t;
    }

    static JobPlan plan(String table, Lake lake, LoadMode mode, ChannelPlan channel) {
        SinkPlan s = Fixtures.sink(server, table, WriteMethod.COPY, ConflictStrategy.NONE, mode);
        SinkPlan sink = new SinkPlan(s.datasource(), "public", table, s.columns(), List.of(), WriteMethod.COPY, ConflictStrategy.NONE,
                mode, null, List.of(), List.of());
        return Fixtures.job(table, Fixtures.csvSource(lake.dir(), "bank"), sink, channel);
    }

    static JobReport run(JobPlan plan, boolean fresh, boolean allowDuplicates) {
        return JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, fresh, allowDuplicates));
    }

    static String expected(Lake lake, String name) throws Exception {
        Fixtures.loadWithPostgres(server, name, lake.rows());
        return checksum(server, name);
    }

    @Test
    void stateTablesOfAnEarlierSynccGetTheColumnsAddedSince() throws Exception {
        String t = table();
        exec(server, "DROP SCHEMA IF EXISTS old_state CASCADE", "CREATE SCHEMA old_state",
                "CREATE TABLE old_state." + t + " (LIKE public." + t + ")",
                // _syncc_split as the first release made it: no signature column
                "CREATE TABLE old_state._syncc_split (job text NOT NULL, run_key text NOT NULL, split_id text NOT NULL,"
                        + " run_id text NOT NULL, rows_read bigint NOT NULL, rows_written bigint NOT NULL, dirty_rows bigint NOT NULL,"
                        + " bytes_read bigint NOT NULL, dirty_file text, committed_at timestamptz NOT NULL DEFAULT now(),"
                        + " PRIMARY KEY (job, run_key, split_id))");
        Lake lake = lake(t, Map.of());
        JobPlan p = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        JobPlan plan = new JobPlan(p.job(), p.sourceFile(), p.source(), new SinkPlan(p.sink().datasource(), "old_state", t,
                p.sink().columns(), List.of(), WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND, null, List.of(), List.of()),
                p.channel(), p.parameters(), p.generatedClass());
        JobReport failed = run(plan, false, false);
        assertFalse(failed.succeeded());
        assertEquals(3000, Fixtures.count(server, "old_state." + t));
        assertEquals(3, Fixtures.count(server, "old_state._syncc_split WHERE signature LIKE 'bytes %'"));
        lake.fix();
        JobReport resumed = run(plan, false, false);
        assertNull(resumed.failure());
        assertEquals(3, resumed.splitsResumed());
        assertEquals(expected(lake, t + "_exp"), checksum(server, "old_state." + t));
    }

    @Test
    void aTruncatedTargetIsNotResumed() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        JobReport first = run(plan, false, false);
        assertFalse(first.succeeded());
        assertEquals(3000, Fixtures.count(server, t));
        exec(server, "TRUNCATE " + t);
        lake.fix();

        JobReport refused = run(plan, false, false);
        assertFalse(refused.succeeded());
        assertEquals("cannot resume: public." + t + " is not as the unfinished run left it: its storage was replaced (TRUNCATE,"
                + " VACUUM FULL, CLUSTER or a rewriting ALTER TABLE), so rows of its 3 splits (3,000 rows) may be gone. Run with --fresh"
                + " to load every split again", refused.failure());
        assertEquals(0, Fixtures.count(server, t));

        JobReport fresh = run(plan, true, false); // the target is empty: starting over cannot duplicate
        assertNull(fresh.failure());
        assertEquals(0, fresh.splitsResumed());
        assertEquals(expected(lake, t + "_exp"), checksum(server, t));
    }

    @Test
    void deletedRowsAreNoticedBeforeResuming() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        assertFalse(run(plan, false, false).succeeded());
        exec(server, "DELETE FROM " + t + " WHERE id <= 10");
        lake.fix();
        JobReport refused = run(plan, false, false);
        assertEquals("cannot resume: public." + t + " is not as the unfinished run left it: it holds 2,990 rows, fewer than the 3,000"
                + " the committed splits wrote, so rows of its 3 splits (3,000 rows) may be gone. Run with --fresh to load every split"
                + " again (the table is not empty: add --allow-duplicates to keep what it holds, or empty it first)", refused.failure());
        assertEquals(2990, Fixtures.count(server, t));
    }

    @Test
    void freshAfterAPartialAppendIsRefusedAndResumingWritesEachRowOnce() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        assertFalse(run(plan, false, false).succeeded());
        lake.fix();

        JobReport fresh = run(plan, true, false);
        assertFalse(fresh.succeeded());
        assertTrue(fresh.failure().matches("job " + t + " \\(no parameters\\): an unfinished run of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                + " committed 3 splits \\(3,000 rows\\) into public\\." + t + ", and the target is not empty; --fresh would write those"
                + " rows again\\. Choose one: run without --fresh to resume that run; use `mode overwrite` to replace the table's rows;"
                + " or add --allow-duplicates to load everything again on top of them"), fresh.failure());

        // only the mapping changed: the refusal says so (not "the split plan")
        JobPlan remapped = new JobPlan(plan.job(), plan.sourceFile(), plan.source(), plan.sink(), plan.channel(), plan.parameters(),
                "other.GeneratedClass");
        JobReport changed = run(remapped, false, false);
        assertTrue(changed.failure().startsWith("cannot resume: the mapping (the columns read or written) changed since an unfinished"
                + " run of "), changed.failure());
        assertEquals(3000, Fixtures.count(server, t));

        JobReport resumed = run(plan, false, false);
        assertNull(resumed.failure());
        assertEquals(3, resumed.splitsResumed());
        assertEquals(9000, resumed.rowsWritten());
        assertEquals(new JobReport.Resumed(3000, 3000, 0, resumed.resumed().bytesRead()), resumed.resumed());
        String summary = Summary.format(resumed);
        assertTrue(summary.contains("rows written  9,000  (6,000 by this run, 3,000 resumed)"), summary);
        assertEquals(expected(lake, t + "_exp"), checksum(server, t));
    }

    @Test
    void anEditInsideACommittedSplitIsNoticedAndAFixOfTheFailedOneIsNot() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        assertFalse(run(plan, false, false).succeeded());
        lake.fix(); // the failed split's file: not committed, so fixing it is what resuming is for
        Path committedFile = lake.dir().resolve("bank/part-2.csv");
        String before = Files.readString(committedFile);
        Files.writeString(committedFile, before.replace("n1500,", "N1500,")); // same size, other bytes
        JobReport refused = run(plan, false, false);
        assertEquals("cannot resume: bank/part-2.csv changed between bytes 0 and " + before.length() + " since an unfinished run"
                + " committed its rows (split bank/part-2.csv@0-" + before.length() + "); restore it and run again to resume, or start"
                + " over with --fresh (refused for an append job while its rows are in the target, unless --allow-duplicates)",
                refused.failure());
        assertEquals(3000, Fixtures.count(server, t));
        Files.writeString(committedFile, before);
        JobReport resumed = run(plan, false, false);
        assertNull(resumed.failure());
        assertEquals(3, resumed.splitsResumed());
        assertEquals(expected(lake, t + "_exp"), checksum(server, t));
    }

    @Test
    void freshWithAllowDuplicatesLoadsEverythingAgainOnPurpose() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0));
        assertFalse(run(plan, false, false).succeeded());
        lake.fix();
        JobReport again = run(plan, true, true);
        assertNull(again.failure());
        assertEquals(12_000, Fixtures.count(server, t));
        assertEquals(3000, Fixtures.queryLong(server, "SELECT count(*) - count(DISTINCT id) FROM " + t));
    }

    /** The reproduction: the lock connection is terminated, a second run starts; no row may be written twice. */
    @Test
    void losingTheLockConnectionNeverDuplicatesARow() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        lake.fix();
        JobPlan slow = plan(t, lake, LoadMode.APPEND, new ChannelPlan(1, 1500, 0, 0, -1)); // about 6 s
        CompletableFuture<JobReport> first = CompletableFuture.supplyAsync(() -> run(slow, false, false));
        awaitCommittedRows(t);
        assertEquals(1, Fixtures.queryLong(server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'syncc lock'"));
        JobReport second = run(plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 0)), false, false);
        assertNull(second.failure());
        assertTrue(second.splitsResumed() >= 1);
        JobReport firstReport = first.get();
        assertFalse(firstReport.succeeded());
        assertTrue(firstReport.failure().startsWith("job " + t + ": another run of the same job and parameters took over"),
                firstReport.failure());
        assertEquals(9000, Fixtures.count(server, t));
        assertEquals(expected(lake, t + "_exp"), checksum(server, t));
    }

    /** With two workers the reason used to be "stopped" (the other worker's) about half the time. */
    @RepeatedTest(4)
    void theReasonIsTheFirstFailure() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobReport r = run(plan(t, lake, LoadMode.APPEND, Fixtures.channel(2, 0)), false, false);
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("bank/part-4.csv line 501: the quote at line 501, column 6 is never closed"), r.failure());
        assertEquals(r.rowsRead(), r.rowsWritten() + r.dirtyRows());
    }

    @Test
    void dirtyRowsAreFiledExactlyOnceAcrossAResume() throws Exception {
        String t = table();
        Map<Integer, String> bad = new HashMap<>();
        for (int id : new int[] {5, 1500, 2999, 3100, 3400, 4200, 8000}) {
            bad.put(id, "bad" + id);
        }
        Lake lake = lake(t, bad);
        JobPlan plan = plan(t, lake, LoadMode.APPEND, Fixtures.channel(1, 100));
        JobReport first = run(plan, false, false);
        assertFalse(first.succeeded());
        assertEquals(3, first.dirtyRows()); // ids 5, 1500, 2999 in the committed splits; 3100 and 3400 rolled back
        lake.fix();
        JobReport second = run(plan, false, false);
        assertNull(second.failure());
        assertEquals(7, second.dirtyRows());
        assertEquals(2, second.dirtyFiles().size());
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path f : second.dirtyFiles()) {
            for (String line : Files.readAllLines(f)) {
                ids.add(json.readTree(line).get("fields").get(0).asText());
            }
        }
        ids.sort(null);
        assertEquals(List.of("1500", "2999", "3100", "3400", "4200", "5", "8000"), ids);
        String summary = Summary.format(second);
        for (Path f : second.dirtyFiles()) {
            assertTrue(summary.contains("dirty file    " + f), summary);
        }
        assertEquals(9000 - 7, Fixtures.count(server, t));
    }

    @Test
    void stagingTablesOfUnfinishedRunsAreListedAndRemoved() throws Exception {
        String t = table();
        Lake lake = lake(t, Map.of());
        JobPlan p = plan(t, lake, LoadMode.OVERWRITE, Fixtures.channel(1, 0));
        JobPlan plan = new JobPlan(p.job(), p.sourceFile(), p.source(), p.sink(), p.channel(), List.of("day"), p.generatedClass());
        JobReport failed = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of("day", "1", "other", "x"), tmp.resolve("work"),
                false, false));
        assertFalse(failed.succeeded());
        try (Connection c = Fixtures.connect(server)) {
            PgStateStore.RunInfo run = PgStateStore.list(c, "public").stream().filter(r -> r.job().equals(t)).findFirst().orElseThrow();
            assertEquals("failed", run.status());
            assertEquals("day=1", run.params());
            assertEquals(3, run.splits());
            assertEquals(3000, run.rowsWritten());
            assertTrue(run.staging().matches("_syncc_stage_" + t + "_[0-9a-f]{8}"), run.staging());
            assertEquals(3000, Fixtures.count(server, run.staging()));
            assertEquals(List.of(), PgStateStore.orphanStaging(c, "public"));
            assertTrue(PgStateStore.forget(c, run));
            assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM pg_tables WHERE tablename = '" + run.staging() + "'"));
            assertTrue(PgStateStore.list(c, "public").stream().noneMatch(r -> r.job().equals(t)));
        }
    }
}
