package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.connect;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one sequential scan under seeded random schedules: 3 to 22 page ranges (some without rows),
 * a budget of 1 to 6 permits, 2 to 4 readers taking splits in order as workers do, each giving up
 * on a quarter of its splits part-way; some rows larger than a batch. Every split read to its end
 * holds exactly its own COPY's tuples (count and md5 of the bytes), and once every reader is done
 * the whole budget is free again (no permit lost or given twice).
 */
class SharedScanPropertyTest extends ServerTest {

    static final String SELECT = "SELECT id, t FROM sp_t";

    @BeforeAll
    static void data() throws Exception {
        exec(server, "DROP TABLE IF EXISTS sp_t", "CREATE TABLE sp_t (id int, t text)",
                "ALTER TABLE sp_t ALTER COLUMN t SET STORAGE EXTERNAL",
                // every 997th row 640 KB (larger than a batch), the rest 32 bytes
                "INSERT INTO sp_t SELECT g, CASE WHEN g % 997 = 0 THEN repeat(md5(g::text), 20000) ELSE md5(g::text) END"
                        + " FROM generate_series(1, 80000) g",
                "DELETE FROM sp_t WHERE id BETWEEN 30000 AND 45000", // pages without rows: splits without rows
                "VACUUM sp_t");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everySplitReadToItsEndIsExactAndTheBudgetComesBack(int seed) throws Exception {
        Random rnd = new Random(seed);
        long pages = Fixtures.queryLong(server, "SELECT pg_relation_size('sp_t') / 8192");
        int n = 3 + rnd.nextInt(20);
        long per = Math.max(1, (pages + n - 1) / n);
        List<PostgresSplit> splits = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        for (long start = 0; start < pages; start += per) {
            boolean last = start + per >= pages;
            String pred = last ? "ctid >= '(" + start + ",0)'::tid" : "ctid >= '(" + start + ",0)'::tid AND ctid < '(" + (start + per) + ",0)'::tid";
            splits.add(new PostgresSplit("pages[" + start + "]", pred));
            firsts.add(start);
        }
        long[] first = firsts.stream().mapToLong(Long::longValue).toArray();
        int budget = 1 + rnd.nextInt(6);
        Connection c = connect(server);
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("SET application_name = 'syncc scan'; SET synchronize_seqscans = off; SET max_parallel_workers_per_gather = 0");
        }
        try (SharedScan scan = new SharedScan("sp_t", splits, first, c, "SELECT ctid, id, t FROM sp_t", budget)) {
            scan.start();
            AtomicInteger next = new AtomicInteger();
            String[] got = new String[splits.size()];
            int readers = 2 + rnd.nextInt(3);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int t = 0; t < readers; t++) {
                long readerSeed = rnd.nextLong();
                running.add(CompletableFuture.runAsync(() -> {
                    Random r = new Random(readerSeed);
                    int k;
                    while ((k = next.getAndIncrement()) < splits.size()) {
                        try {
                            Thread.sleep(r.nextInt(5));
                            SharedScan.Tuples tuples = scan.claim(splits.get(k));
                            int stopAt = r.nextInt(4) == 0 ? 1 + r.nextInt(3000) : -1;
                            MessageDigest md = MessageDigest.getInstance("MD5");
                            PgBinaryRecord rec = new PgBinaryRecord();
                            long rows = 0;
                            boolean whole = true;
                            while (tuples.next(rec)) {
                                md.update(rec.message(), rec.tupleStart(), rec.tupleEnd() - rec.tupleStart());
                                if (++rows == stopAt) {
                                    whole = false; // a reader that fails part-way
                                    break;
                                }
                            }
                            tuples.abandon();
                            got[k] = whole ? rows + ":" + HexFormat.of().formatHex(md.digest()) : null;
                        } catch (Exception e) {
                            throw new IllegalStateException("split " + k, e);
                        }
                    }
                }));
            }
            CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (scan.budgetFree() != budget && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(budget, scan.budgetFree(), "the whole budget is free again");
            for (int i = 0; i < splits.size(); i++) {
                if (got[i] != null) {
                    assertEquals(SharedScanClaimTest.expectedOf(SELECT, splits.get(i)), got[i], "split " + i + " of " + splits.size());
                }
            }
        }
    }
}
