package io.syncc.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.spi.MemoryConnector;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker does when an attempt at a split fails, on the SPI's memory sink with faults put
 * where a plugin's writer or the run state could fail: whether it asks the run state (only when
 * the commit was sent), retries, or stops; and that the split's dirty rows are then counted and
 * filed exactly once. 300 rows in one split, one of them dirty (the mapper's).
 */
class SplitAttemptTest {

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void reset() {
        MemoryConnector.HOOKS = MemoryConnector.Hooks.NONE;
        MemoryConnector.COMMITTED.clear();
        MemoryConnector.ROWS.clear();
    }

    private JobPlan plan(int retries) throws Exception {
        return plan(retries, 100);
    }

    private JobPlan plan(int retries, long maxErrors) throws Exception {
        List<String[]> rows = Fixtures.rows(7, 300, 1);
        rows.get(99)[2] = "not a number";
        Fixtures.writeCsv(tmp.resolve("lake").resolve("bank.csv"), rows);
        SinkPlan sink = Fixtures.memorySink();
        return Fixtures.job("attempts", Fixtures.csvSource(tmp.resolve("lake"), "bank"), sink, new ChannelPlan(1, 0, 0, maxErrors, -1, retries));
    }

    private JobReport run(int retries, RunListener listener) throws Exception {
        return JobRun.start(plan(retries), new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false), listener).await();
    }

    private static SyncException lost(String what) {
        return new SyncException(SyncException.Kind.TRANSIENT, what);
    }

    /** The lines of the files under the work folder's dirty/ (or dirty/.pending/) whose names end with {@code suffix}. */
    private List<String> lines(String under, String suffix) throws Exception {
        Path dir = tmp.resolve("work").resolve(under);
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                    out.addAll(Files.readAllLines(f));
                }
            }
        }
        return out;
    }

    private static void assertAllRowsAccountedFor(JobReport r) throws Exception {
        assertNull(r.failure());
        assertEquals(300, r.rowsRead());
        assertEquals(299, r.rowsWritten());
        assertEquals(299, MemoryConnector.ROWS.size());
        assertEquals(1, r.dirtyRows());
        List<String> filed = new ArrayList<>();
        for (Path f : r.dirtyFiles()) {
            filed.addAll(Files.readAllLines(f));
        }
        assertEquals(1, filed.size(), "the dirty row is filed once: " + filed);
    }

    /** Records the listener's split events. */
    private static RunListener events(List<String> events) {
        return new RunListener() {
            @Override
            public void splitStarted(String splitId, int attempt) {
                events.add("started " + attempt);
            }

            @Override
            public void splitRetried(String splitId, int retry, String reason) {
                events.add("retried " + retry + ": " + reason);
            }

            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                events.add("committed " + rowsRead + " " + rowsWritten + " " + dirtyRows);
            }
        };
    }

    @Test
    void aSplitThatCommittedThoughItsReplyWasLostIsNotARetry() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        MemoryConnector.HOOKS = new MemoryConnector.Hooks() {
            @Override
            public void afterCommit(String splitId) {
                if (asks.get() == 0) {
                    throw lost("the reply to COMMIT was lost");
                }
            }

            @Override
            public void ask(String splitId) {
                asks.incrementAndGet();
            }
        };
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        JobReport r = run(3, events(events));
        assertAllRowsAccountedFor(r);
        assertEquals(1, asks.get());
        assertEquals(0, r.retries(), "not tried again");
        assertEquals(List.of("started 0", "committed 300 299 1"), events);
        assertEquals(List.of(), lines("dirty", ".rolled-back.jsonl"));
    }

    @Test
    void aSplitThatDidNotCommitIsRetriedOnceAskedAndItsFirstDirtyRowsAreRolledBack() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        MemoryConnector.HOOKS = new MemoryConnector.Hooks() {
            @Override
            public void beforeCommit(String splitId) {
                if (commits.incrementAndGet() == 1) {
                    throw lost("connection lost while committing");
                }
            }
        };
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        JobReport r = run(3, events(events));
        assertAllRowsAccountedFor(r);
        assertEquals(1, r.retries());
        assertEquals(List.of("started 0", "retried 1: connection lost while committing", "started 1", "committed 300 299 1"), events);
        assertEquals(1, lines("dirty", ".rolled-back.jsonl").size(), "the first attempt's dirty row, for diagnosis");
        assertEquals(1, r.rolledBack());
        assertTrue(Summary.format(r).contains("  rolled back   1 dirty row of splits that rolled back (not counted above: a retry or a"
                + " re-run reads them again): " + r.rolledBackFile() + "\n"), Summary.format(r));
    }

    /**
     * The commit of attempt 0 fails (in doubt: asked, not committed); attempt 1 cannot open its
     * writer. That failure is not at a commit: retried, and the run state not asked again (which
     * fails here, as a server starting up would).
     */
    @Test
    void aWriterThatCannotOpenAfterAnInDoubtAttemptIsRetriedNotAskedAbout() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger asks = new AtomicInteger();
        MemoryConnector.HOOKS = new MemoryConnector.Hooks() {
            @Override
            public void openWriter() {
                if (opens.incrementAndGet() == 2) {
                    throw lost("the server is starting up");
                }
            }

            @Override
            public void beforeCommit(String splitId) {
                if (commits.incrementAndGet() == 1) {
                    throw lost("connection lost while committing");
                }
            }

            @Override
            public void ask(String splitId) {
                if (asks.incrementAndGet() > 1) {
                    throw lost("run state out of reach");
                }
            }
        };
        JobReport r = run(3, RunListener.NONE);
        assertAllRowsAccountedFor(r);
        assertEquals(1, asks.get(), "asked only about the attempt whose commit was sent");
        assertEquals(2, r.retries());
    }

    /** A plugin's writer whose abortSplit fails: the attempt's dirty rows and counts are settled all the same. */
    @Test
    void aRetryAfterAnAbortThatFailsDoesNotFileTheDirtyRowTwice() throws Exception {
        AtomicInteger adds = new AtomicInteger();
        AtomicInteger aborts = new AtomicInteger();
        MemoryConnector.HOOKS = new MemoryConnector.Hooks() {
            @Override
            public void add(String splitId, long n) {
                if (adds.incrementAndGet() == 250) {
                    throw lost("connection lost while writing");
                }
            }

            @Override
            public void abort() {
                if (aborts.incrementAndGet() == 1) {
                    throw lost("rollback failed: connection lost");
                }
            }
        };
        JobReport r = run(3, RunListener.NONE);
        assertAllRowsAccountedFor(r);
        assertEquals(1, r.retries());
        assertEquals(1, lines("dirty", ".rolled-back.jsonl").size());
    }

    /**
     * A cancel while a commit's reply is lost: the run is cancelled (not failed with the lost
     * reply), the split neither retried nor asked about, and its dirty row waits, neither filed nor
     * rolled back, for a re-run to find out whether the split committed.
     */
    @Test
    void aCancelWhileACommitIsInDoubtIsACancelAndLeavesItsDirtyRowsPending() throws Exception {
        AtomicReference<JobRun> run = new AtomicReference<>();
        AtomicInteger asks = new AtomicInteger();
        MemoryConnector.HOOKS = new MemoryConnector.Hooks() {
            @Override
            public void afterCommit(String splitId) {
                while (run.get() == null) {
                    Thread.onSpinWait();
                }
                run.get().cancel();
                throw lost("the reply to COMMIT was lost");
            }

            @Override
            public void ask(String splitId) {
                asks.incrementAndGet();
            }
        };
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        JobRun started = JobRun.start(plan(3), new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false), events(events));
        run.set(started);
        JobReport r = started.await();
        assertFalse(r.succeeded());
        assertEquals(SyncException.Kind.CANCELLED, r.failureKind(), r.failure());
        assertEquals(0, asks.get());
        assertEquals(List.of("started 0"), events);
        assertEquals(0, r.dirtyRows());
        assertEquals(1, lines("dirty/.pending", ".jsonl").size());
        assertEquals(List.of(), lines("dirty", ".rolled-back.jsonl"));
    }

    /** A run stopped by its dirty-row budget: the summary's count is 0 (nothing committed), and says where the rows are. */
    @Test
    void theSummaryOfARunStoppedByItsBudgetSaysWhereItsDirtyRowsAre() throws Exception {
        JobReport r = JobRun.start(plan(3, 0), new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false),
                RunListener.NONE).await();
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("dirty-record budget exceeded: 1 dirty row, the budget allows 0"), r.failure());
        assertEquals(0, r.dirtyRows());
        assertEquals(1, r.rolledBack());
        List<String> kept = Files.readAllLines(r.rolledBackFile());
        assertEquals(1, kept.size());
        assertTrue(kept.get(0).contains("not a number"), kept.get(0));
        String summary = Summary.format(r);
        assertTrue(summary.contains("  dirty rows    0\n"), summary);
        assertTrue(summary.contains("  rolled back   1 dirty row of splits that rolled back (not counted above: a retry or a re-run reads"
                + " them again): " + r.rolledBackFile() + "\n"), summary);
    }
}
