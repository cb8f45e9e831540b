package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.connect;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The one sequential scan ({@link SharedScan}) gives each split exactly the tuples the split's own
 * COPY sends (the oracle: that COPY through pgjdbc), whatever order the splits are claimed in and
 * from however many threads, within a budget smaller than the table (the scan waits for room, never
 * for a claim); a split is given once; and a reader waiting on rows the scan cannot hand over (the
 * budget full of a split nobody will read) gives up when the scan is closed (what a run's
 * {@code abort} does), and the scan's session ends.
 */
class SharedScanClaimTest extends ServerTest {

    static final String SELECT = "SELECT id, t, x FROM sc_t";

    @BeforeAll
    static void data() throws SQLException {
        exec(server, "DROP TABLE IF EXISTS sc_t",
                "CREATE TABLE sc_t AS SELECT g AS id, repeat(md5(g::text), 1 + g % 5) AS t, g * 1.5 AS x FROM generate_series(1, 60000) g",
                "VACUUM ANALYZE sc_t");
    }

    record Setup(List<PostgresSplit> splits, long[] firstPages) {
    }

    static Setup splits(int n) throws SQLException {
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('sc_t') / 8192");
        long per = (pages + n - 1) / n;
        List<PostgresSplit> splits = new ArrayList<>();
        long[] first = new long[n];
        for (int i = 0; i < n; i++) {
            first[i] = i * per;
            String pred = i == n - 1 ? "ctid >= '(" + i * per + ",0)'::tid" : "ctid >= '(" + i * per + ",0)'::tid AND ctid < '(" + (i + 1) * per + ",0)'::tid";
            splits.add(new PostgresSplit("pages[" + i + "]", pred));
        }
        return new Setup(splits, first);
    }

    /** md5 over the split's tuples as its own COPY sends them, and their count. */
    static String expected(PostgresSplit split) throws Exception {
        return expectedOf(SELECT, split);
    }

    static String expectedOf(String select, PostgresSplit split) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        long n = 0;
        try (Connection c = connect(server)) {
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + " WHERE " + split.predicate() + ") TO STDOUT (FORMAT binary)");
            byte[] m;
            boolean first = true;
            PgBinaryRecord r = new PgBinaryRecord();
            while ((m = copy.readFromCopy()) != null) {
                int at = first ? PgBinaryRecord.headerLength(m) : 0;
                first = false;
                if (r.resetAt(m, at, m.length)) {
                    md.update(m, at, r.tupleEnd() - at);
                    n++;
                }
            }
        }
        return n + ":" + HexFormat.of().formatHex(md.digest());
    }

    static String read(SharedScan.Tuples tuples) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        long n = 0;
        PgBinaryRecord r = new PgBinaryRecord();
        while (tuples.next(r)) {
            md.update(r.message(), r.tupleStart(), r.tupleEnd() - r.tupleStart());
            n++;
        }
        tuples.abandon();
        return n + ":" + HexFormat.of().formatHex(md.digest());
    }

    static SharedScan scan(Setup s, int batches) throws SQLException {
        Connection c = connect(server);
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("SET application_name = 'syncc scan'; SET synchronize_seqscans = off; SET max_parallel_workers_per_gather = 0");
        }
        SharedScan scan = new SharedScan("sc_t", s.splits(), s.firstPages(), c, "SELECT ctid, id, t, x FROM sc_t", batches);
        scan.start();
        return scan;
    }

    @Test
    @Timeout(120)
    void splitsClaimedInAnyOrderFromTwoThreadsGetExactlyTheirOwnCopysTuples() throws Exception {
        Setup s = splits(6);
        // 3 batches of 256 KB: far less than the table (some 10 MB), so the scan waits for room often
        try (SharedScan scan = scan(s, 3)) {
            int[] order = {1, 0, 3, 2, 5, 4};
            List<CompletableFuture<String>> reads = new ArrayList<>();
            List<SharedScan.Tuples> claimed = new ArrayList<>();
            for (int i : order) {
                SharedScan.Tuples t = scan.claim(s.splits().get(i));
                assertNotNull(t, "split " + i + " claimed");
                claimed.add(t);
                assertNull(scan.claim(s.splits().get(i)), "a split is given once");
            }
            // two readers, like two writers: each takes the next claimed split when done with its last
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            String[] got = new String[order.length];
            Runnable reader = () -> {
                int k;
                while ((k = next.getAndIncrement()) < order.length) {
                    try {
                        got[order[k]] = read(claimed.get(k));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            CompletableFuture.allOf(CompletableFuture.runAsync(reader), CompletableFuture.runAsync(reader)).get(100, TimeUnit.SECONDS);
            long total = 0;
            for (int i = 0; i < order.length; i++) {
                String want = expected(s.splits().get(i));
                assertEquals(want, got[i], "split " + i);
                total += Long.parseLong(want.substring(0, want.indexOf(':')));
            }
            assertEquals(60_000, total);
        }
    }

    @Test
    @Timeout(120)
    void rowsLargerThanABatchCountByTheirSizeInWhatTheScanHoldsAhead() throws Exception {
        // 48 rows of 1 MB stored out of line: each a batch of its own, four times a batch's array
        exec(server, "DROP TABLE IF EXISTS sc_wide", "CREATE TABLE sc_wide (id int, t text)",
                "ALTER TABLE sc_wide ALTER COLUMN t SET STORAGE EXTERNAL",
                "INSERT INTO sc_wide SELECT g, repeat(md5(g::text), 32768) FROM generate_series(1, 48) g", "VACUUM sc_wide");
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('sc_wide') / 8192");
        List<PostgresSplit> splits = List.of(new PostgresSplit("all", "ctid >= '(0,0)'::tid"),
                new PostgresSplit("after", "ctid >= '(" + (pages + 1000) + ",0)'::tid"));
        Connection c = connect(server);
        c.setAutoCommit(false);
        long most = 0;
        try (SharedScan scan = new SharedScan("sc_wide", splits, new long[] {0, pages + 1000}, c, "SELECT ctid, id, t FROM sc_wide",
                SharedScan.budgetFor(2))) {
            scan.start();
            // nobody claims the first split yet (its worker is between taking it and opening it): the scan
            // reads ahead until its budget is full, and stops there
            long deadline = System.nanoTime() + 20_000_000_000L;
            long stable = 0;
            while (System.nanoTime() < deadline && stable < 10) {
                long now = scan.bytesAhead();
                stable = now == most ? stable + 1 : 0;
                most = Math.max(most, now);
                Thread.sleep(100);
            }
            assertTrue(most > 8 << 20 && most <= 16 << 20, "bytes held ahead: " + most);
            MessageDigest md = MessageDigest.getInstance("MD5");
            SharedScan.Tuples all = scan.claim(splits.get(0));
            PgBinaryRecord r = new PgBinaryRecord();
            long n = 0;
            while (all.next(r)) {
                assertTrue(scan.bytesAhead() <= 16 << 20, "bytes held ahead while reading");
                md.update(r.message(), r.tupleStart(), r.tupleEnd() - r.tupleStart());
                n++;
            }
            all.abandon();
            assertEquals(n + ":" + HexFormat.of().formatHex(md.digest()), expectedOf("SELECT id, t FROM sc_wide", splits.get(0)));
            assertEquals(48, n);
        }
    }

    @Test
    @Timeout(120)
    void aReaderWaitingBehindASplitNobodyReadsGivesUpWhenTheScanIsClosed() throws Exception {
        Setup s = splits(2);
        SharedScan scan = scan(s, 2);
        SharedScan.Tuples second = scan.claim(s.splits().get(1));
        assertNotNull(second);
        // split 0 is never claimed (its worker failed before opening it): its rows fill the budget
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                read(second);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(1_500);
        assertTrue(!waiting.isDone(), "the reader waits for split 1's rows");
        scan.close();
        // the reader notices the closed scan itself, or gets the scan's own failure first
        Throwable e = waiting.get(30, TimeUnit.SECONDS);
        assertTrue(e instanceof SyncException && e.getMessage().equals("the source was closed")
                || e instanceof SharedScan.Failed && e.getMessage().equals("the sequential scan of sc_t failed (the source was closed)"), String.valueOf(e));
        assertEquals(0, Fixtures.sessionsLeft(server, "syncc scan"), "the scan's session is gone");
        assertNull(scan.claim(s.splits().get(0)), "nothing is given after the scan is closed");
        Exception again = assertThrows(Exception.class, () -> read(second));
        assertTrue(again.getMessage().contains("the source was closed"), again.toString());
    }
}
