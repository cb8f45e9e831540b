package io.syncc.runtime.exec;

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
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.spi.MemoryConnector;
import io.syncc.runtime.postgres.PostgresSource;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that reads every page-range split of a whole table reads them by one sequential scan,
 * routed to the splits by page, with one writer or more: every row arrives once, splits left
 * without rows (deleted pages) end at once, the splits keep their signatures (a later run resumes
 * them after checking them split by split), and a scan terminated part-way is retried split by
 * split. A {@code where}, or a run that resumes, reads split by split (a Tid Range Scan each, which
 * PostgreSQL does not count as a sequential scan).
 */
class SharedScanTest extends ServerTest {

    static int tables;

    @BeforeAll
    static void data() throws Exception {
        Fixtures.loadWithPostgres(server, "expected", Fixtures.rows(67, 24_000, 1));
        // 96,000 rows of about 300 bytes (some 4,000 pages), with a hole of empty pages in the middle
        exec(server, "DROP TABLE IF EXISTS ss_src", "CREATE TABLE ss_src AS SELECT e.id + k * 24000 AS id,"
                + " repeat(coalesce(name, 'x'), 300 / greatest(1, length(coalesce(name, 'x')))) AS name, amount, score, born, seen, active"
                + " FROM generate_series(0, 3) k, expected e ORDER BY 1", "DELETE FROM ss_src WHERE id BETWEEN 30001 AND 80000",
                "ALTER TABLE ss_src ADD PRIMARY KEY (id)", "VACUUM ANALYZE ss_src");
    }

    static String table() throws SQLException {
        String t = "ss_" + (tables++);
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""));
        return t;
    }

    static JobPlan plan(String target, SqlText where, ChannelPlan channel) {
        return Fixtures.job(target, Fixtures.pgSource(server, "ss_src", where, null),
                Fixtures.sink(server, target, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), channel);
    }

    /** Sequential scans of ss_src so far, once the server's statistics show {@code atLeast} of them (or after ten seconds). */
    static long seqScans(long atLeast) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long n;
        while ((n = Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_src'")) < atLeast
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return n;
    }

    @Test
    void everySplitComesFromOneSequentialScanAndEveryRowArrivesOnce() throws Exception {
        String expected = checksum(server, "ss_src");
        long before = seqScans(0);
        String t = table();
        JobReport r = JobRunner.run(plan(t, null, new ChannelPlan(1, 0, 0, 0, -1)), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertNull(r.failure());
        assertEquals(4, r.splits());
        assertEquals(46_000, r.rowsRead());
        assertEquals(46_000, r.rowsWritten());
        assertEquals(expected, checksum(server, t));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM (SELECT id FROM " + t + " GROUP BY id HAVING count(*) > 1) d"));
        // the third of the four page ranges lies in the deleted rows' pages: a split without rows
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('ss_src') / 8192");
        long per = (pages + 3) / 4;
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM ss_src WHERE ctid >= '(" + 2 * per + ",0)' AND ctid < '("
                + 3 * per + ",0)'"));
        Thread.sleep(500);
        assertEquals(before + 1, seqScans(before + 1), "one sequential scan of the table");

        // the same rows with a where: split by split, no sequential scan
        long between = seqScans(0);
        String w = table();
        JobReport rw = JobRunner.run(plan(w, new SqlText("id > 0", List.of()), new ChannelPlan(1, 0, 0, 0, -1)), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + w), false, false));
        assertNull(rw.failure());
        assertEquals(expected, checksum(server, w));
        Thread.sleep(1_000);
        assertEquals(between, seqScans(0), "a Tid Range Scan per split");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void moreWritersAreFedByOneSequentialScanAndEveryRowArrivesOnce(int parallelism) throws Exception {
        String expected = checksum(server, "ss_src");
        Thread.sleep(1_000); // the checksum's scan counted
        long before = seqScans(0);
        String t = table();
        JobReport r = JobRunner.run(plan(t, null, new ChannelPlan(parallelism, 0, 0, 0, -1)), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertNull(r.failure());
        // page ranges of at most SharedScan.SPLIT_PAGES (768) pages, and at least four per writer
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('ss_src') / 8192");
        long n = Math.max(4L * parallelism, (pages + 767) / 768);
        long per = (pages + n - 1) / n;
        assertEquals((pages + per - 1) / per, r.splits());
        assertEquals(46_000, r.rowsRead());
        assertEquals(46_000, r.rowsWritten());
        Thread.sleep(500);
        assertEquals(before + 1, seqScans(before + 1), "one sequential scan of the table");
        assertEquals(expected, checksum(server, t));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM ((SELECT s::text FROM ss_src s EXCEPT ALL SELECT c::text FROM " + t + " c)"
                + " UNION ALL (SELECT c::text FROM " + t + " c EXCEPT ALL SELECT s::text FROM ss_src s)) d"), "EXCEPT ALL both ways");
    }

    @Test
    void aTerminatedScanIsRetriedSplitBySplitAndEveryRowArrivesOnce() throws Exception {
        String expected = checksum(server, "ss_src");
        String t = table();
        CompletableFuture<JobReport> run = CompletableFuture.supplyAsync(() -> JobRunner.run(plan(t, null, new ChannelPlan(1, 20_000, 0, 0, -1)),
                BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false)));
        TransientFaultTest.terminateOnceCommitted(t, "syncc scan");
        JobReport r = run.get();
        // the split being read is tried again by its own COPY (or, when it had no row yet, read by it at
        // once), and so are the splits after it
        assertNull(r.failure());
        assertEquals(46_000, r.rowsWritten());
        assertEquals(expected, checksum(server, t));
    }

    @Test
    void rowsLargerThanABatchAroundTheStartOfSplitsArriveExactly() throws Exception {
        // every name stored out of line, so every heap tuple has one size and the rows' pages are known;
        // the first row of each page range, and some others, larger than a batch of the scan
        exec(server, "DROP TABLE IF EXISTS ss_big", "CREATE TABLE ss_big " + Fixtures.COLUMNS_DDL,
                "ALTER TABLE ss_big ALTER COLUMN name SET STORAGE EXTERNAL",
                "INSERT INTO ss_big SELECT id, rpad(coalesce(name, 'x'), 2100, md5(id::text)), amount, score, born, seen, active FROM expected ORDER BY id");
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('ss_big') / 8192");
        long per = (pages + 3) / 4;
        StringBuilder big = new StringBuilder("0");
        for (int k = 1; k < 4; k++) {
            long first = Fixtures.queryLong(server, "SELECT id FROM ss_big WHERE ctid >= '(" + k * per + ",0)' ORDER BY ctid LIMIT 1");
            // the first row of ranges 1 and 2 is read into the batch of the rows before it (and moved to
            // the next split's); range 3's, and the rows around it, are larger than a batch
            big.append(", ").append(first + 1).append(k == 3 ? ", " + first + ", " + (first - 1) : "");
        }
        exec(server, "TRUNCATE ss_big", "INSERT INTO ss_big SELECT id, CASE WHEN id IN (" + big + ") OR id % 4000 = 7"
                + " THEN repeat(md5(id::text), CASE WHEN id % 2 = 0 THEN 9000 ELSE 70000 END)"
                + " ELSE rpad(coalesce(name, 'x'), 2100, md5(id::text)) END, amount, score, born, seen, active FROM expected ORDER BY id",
                "VACUUM ANALYZE ss_big");
        assertEquals(pages, Fixtures.queryLong(server, "SELECT pg_relation_size('ss_big') / 8192"), "the same pages");
        for (int k = 1; k < 4; k++) {
            assertEquals(k == 3, Fixtures.queryLong(server, "SELECT length(name) FROM ss_big WHERE ctid >= '(" + k * per + ",0)' ORDER BY ctid LIMIT 1")
                    > 256 * 1024, "the first row of page range " + k + " is larger than a batch");
        }
        long before = Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_big'");
        String t = table();
        // the scan must not fail (its splits would then be read on their own, just as exactly): its warnings are listened to
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PostgresSource.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings = new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        JobReport r;
        try {
            r = JobRunner.run(Fixtures.job(t, Fixtures.pgSource(server, "ss_big", null, null),
                            Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(1, 0, 0, 0, -1)),
                    BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        } finally {
            log.detachAppender(warnings);
        }
        assertNull(r.failure());
        assertEquals(0, r.retries());
        assertEquals(List.of(), warnings.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList(), "the scan's warnings");
        assertTrue(warnings.list.stream().anyMatch(e -> e.getFormattedMessage().contains("4 splits read by one sequential scan")));
        assertEquals(4, r.splits());
        assertEquals(24_000, r.rowsWritten());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_big'") == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        assertEquals(before + 1, Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_big'"), "read by one sequential scan");
        assertEquals(checksum(server, "ss_big"), checksum(server, t));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM ((SELECT b::text FROM ss_big b EXCEPT ALL SELECT c::text FROM " + t + " c)"
                + " UNION ALL (SELECT c::text FROM " + t + " c EXCEPT ALL SELECT b::text FROM ss_big b)) d"), "EXCEPT ALL both ways");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRunThatFailsWhileTheScanWaitsOnAReaderEndsTheScansSession(int parallelism) throws Exception {
        // every row breaks the sink's CHECK and no dirty row is allowed: the run fails while the
        // scan waits for room; its COPY is cancelled and its connection closed (a rollback would wait
        // forever on the COPY, and the session would stay)
        String t = table();
        exec(server, "ALTER TABLE " + t + " ADD CHECK (id < 0)");
        JobReport r = JobRunner.run(plan(t, null, new ChannelPlan(parallelism, 0, 0, 0, -1, 0)), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("dirty-record budget exceeded"), r.failure());
        assertEquals(0, Fixtures.count(server, t));
        assertEquals(0, Fixtures.sessionsLeft(server, "syncc scan"), "the scan's session is gone");
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWorkerFailingBeforeItOpensItsSplitDoesNotLeaveTheOtherWaitingOnTheScan() throws Exception {
        // three pages of about 100 rows, each row's name 400 KB stored out of line: a page range holds
        // some 40 MB of COPY, more than the scan reads ahead (16 MB)
        exec(server, "DROP TABLE IF EXISTS ss_fat", "CREATE TABLE ss_fat " + Fixtures.COLUMNS_DDL,
                "ALTER TABLE ss_fat ALTER COLUMN name SET STORAGE EXTERNAL",
                "INSERT INTO ss_fat SELECT id, repeat(md5(id::text), 12800), amount, score, born, seen, active FROM expected WHERE id <= 300",
                "VACUUM ANALYZE ss_fat");
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('ss_fat') / 8192");
        assertTrue(pages >= 2 && pages <= 8, pages + " pages");
        List<SinkColumn> cols = new java.util.ArrayList<>();
        for (int i = 0; i < BankJob.COLUMNS.size(); i++) {
            cols.add(new SinkColumn(BankJob.COLUMNS.get(i), Fixtures.TYPES.get(i), true));
        }
        SinkPlan sink = new SinkPlan(new MemoryConnector.MemoryDatasourcePlan("mem"), "none", "rows", cols, List.of(),
                WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND, null, List.of(), List.of());
        // the worker that takes the first page range fails before opening it: its rows, which the scan
        // reads first, are never taken, and fill what the scan may read ahead; the other worker waits
        // for the second range's rows, until the run aborts the scan
        MemoryConnector.REFUSED_SPLITS = id -> id.equals("pages[0,1)");
        MemoryConnector.ROWS.clear();
        JobReport r;
        try {
            r = JobRunner.run(Fixtures.job("fat", Fixtures.pgSource(server, "ss_fat", null, null), sink, new ChannelPlan(2, 0, 0, 0, -1, 0)),
                    BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-fat"), false, false));
        } finally {
            MemoryConnector.REFUSED_SPLITS = id -> false;
        }
        assertFalse(r.succeeded());
        assertEquals("the memory sink refuses split pages[0,1)", r.failure());
        assertEquals(0, Fixtures.sessionsLeft(server, "syncc scan"), "the scan's session is gone");
    }

    @Test
    void aParentOfInheritanceChildrenIsReadSplitBySplitWithItsChildrensRows() throws Exception {
        // its one scan would read each child from page 0 again after the parent: not used
        exec(server, "DROP TABLE IF EXISTS ss_parent CASCADE", "CREATE TABLE ss_parent " + Fixtures.COLUMNS_DDL.replace(" primary key", ""),
                "CREATE TABLE ss_child () INHERITS (ss_parent)",
                "INSERT INTO ss_parent SELECT * FROM expected WHERE id <= 12000", "INSERT INTO ss_child SELECT * FROM expected WHERE id > 12000");
        long before = Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_parent'");
        String t = table();
        JobReport r = JobRunner.run(Fixtures.job(t, Fixtures.pgSource(server, "ss_parent", null, null),
                        Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), new ChannelPlan(1, 0, 0, 0, -1)),
                BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertNull(r.failure());
        assertEquals(24_000, r.rowsWritten());
        assertEquals(checksum(server, "expected"), checksum(server, t));
        Thread.sleep(1_000);
        assertEquals(before, Fixtures.queryLong(server, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'ss_parent'"));
    }

    @Test
    void splitsCommittedFromTheScanResumeAfterTheirCheck() throws Exception {
        String expected = checksum(server, "ss_src");
        String t = table();
        // no retries: the first run fails when its writers are terminated, after some splits committed
        ChannelPlan once = new ChannelPlan(1, 20_000, 0, 0, -1, 0);
        CompletableFuture<JobReport> first = CompletableFuture.supplyAsync(() -> JobRunner.run(plan(t, null, once), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false)));
        TransientFaultTest.terminateOnceCommitted(t, "syncc writer");
        JobReport failed = first.get();
        assertFalse(failed.succeeded(), "the first run should fail");
        long committed = Fixtures.queryLong(server, "SELECT count(*) FROM _syncc_split WHERE job = '" + t + "'");
        assertTrue(committed >= 1 && committed < 4, "committed splits: " + committed);
        // the resumed run checks each committed split by reading it again on its own: the scan's signatures match
        JobReport r = JobRunner.run(plan(t, null, new ChannelPlan(1, 0, 0, 0, -1)), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false));
        assertNull(r.failure());
        assertEquals(committed, r.splitsResumed());
        assertEquals(46_000, r.rowsWritten());
        assertEquals(expected, checksum(server, t));

        // a committed split whose rows changed since is named, not resumed
        String u = table();
        CompletableFuture<JobReport> again = CompletableFuture.supplyAsync(() -> JobRunner.run(plan(u, null, once), BankJob.copy(),
                new RunOptions(Map.of(), tmp.resolve("work-" + u), false, false)));
        TransientFaultTest.terminateOnceCommitted(u, "syncc writer");
        assertFalse(again.get().succeeded());
        // a row of a committed split changes
        String id;
        try (var c = Fixtures.connect(server); var st = c.createStatement();
             var rs = st.executeQuery("SELECT split_id FROM _syncc_split WHERE job = '" + u + "' AND rows_read > 0 ORDER BY split_id LIMIT 1")) {
            rs.next();
            id = rs.getString(1);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pages\\[(\\d+),(\\d*)\\)").matcher(id);
        assertTrue(m.matches(), id);
        String range = "ctid >= '(" + m.group(1) + ",0)'" + (m.group(2).isEmpty() ? "" : " AND ctid < '(" + m.group(2) + ",0)'");
        long changedId = Fixtures.queryLong(server, "SELECT min(id) FROM ss_src WHERE " + range);
        exec(server, "UPDATE ss_src SET amount = amount + 1 WHERE id = " + changedId);
        try {
            JobReport changed = JobRunner.run(plan(u, null, new ChannelPlan(1, 0, 0, 0, -1)), BankJob.copy(),
                    new RunOptions(Map.of(), tmp.resolve("work-" + u), false, false));
            assertFalse(changed.succeeded());
            assertTrue(changed.failure().startsWith("cannot resume: the rows of \"public\".\"ss_src\" changed ("), changed.failure());
            assertTrue(changed.failure().contains("(split " + id + ")"), changed.failure());
        } finally {
            exec(server, "UPDATE ss_src SET amount = amount - 1 WHERE id = " + changedId);
        }
    }
}
