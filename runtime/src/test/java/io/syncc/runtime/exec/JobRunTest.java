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
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run as an object: events while it runs, and a clean cancel that a later run resumes. */
class JobRunTest extends ServerTest {

    static List<String[]> rows;


    @BeforeAll
    static void data() throws Exception {
        rows = Fixtures.rows(71, 20_000, 1);
        Fixtures.writeCsv(tmp.resolve("lake").resolve("bank.csv"), rows);
        Fixtures.loadWithPostgres(server, "expected", rows);
    }



    /** Records events as text, in the order they arrive. */
    static final class Recorder implements RunListener {
        final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        final CountDownLatch committed = new CountDownLatch(1);

        @Override
        public void started(String runId, int splits, int resumed) {
            events.add("started " + splits + " " + resumed);
        }

        @Override
        public void splitStarted(String splitId, int attempt) {
            events.add("split " + splitId);
        }

        @Override
        public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
            events.add("committed " + splitId + " " + rowsWritten);
            committed.countDown();
        }

        @Override
        public void finished(JobReport report) {
            events.add("finished " + report.succeeded());
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void aCancelledRunRollsBackItsSplitsInFlightAndIsResumed(LoadMode mode) throws Exception {
        String t = "jr_" + mode.name().toLowerCase();
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL.replace(" primary key", ""),
                "INSERT INTO " + t + " SELECT * FROM expected WHERE id <= 10");
        String before = checksum(server, t);
        System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, "200000");
        JobPlan slow = Fixtures.job(t, Fixtures.csvSource(tmp.resolve("lake"), "bank"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, mode), new ChannelPlan(2, 5000, 0, 0, -1));
        Recorder recorder = new Recorder();
        JobRun run = JobRun.start(slow, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false), recorder);
        assertTrue(recorder.committed.await(60, TimeUnit.SECONDS), "no split committed");
        assertTrue(run.counters().rowsWritten() > 0);
        run.cancel();
        JobReport cancelled = run.await();
        assertFalse(cancelled.succeeded());
        assertEquals(io.syncc.runtime.spi.SyncException.Kind.CANCELLED, cancelled.failureKind());
        assertTrue(cancelled.failure().matches("cancelled; [\\d,]+ rows of committed splits stay committed \\(run the job again with the"
                + " same parameters to resume\\)"), cancelled.failure());
        assertEquals(cancelled.rowsRead(), cancelled.rowsWritten() + cancelled.dirtyRows());
        List<String> events = List.copyOf(recorder.events);
        assertTrue(events.get(0).startsWith("started "), events.toString());
        assertEquals("finished false", events.get(events.size() - 1));
        long committedEvents = events.stream().filter(e -> e.startsWith("committed ")).count();
        assertTrue(committedEvents >= 1 && committedEvents < 12, events.toString());
        if (mode == LoadMode.OVERWRITE) {
            assertEquals(before, checksum(server, t)); // readers still see the old rows
        } else {
            assertEquals(10 + cancelled.rowsWritten(), Fixtures.count(server, t));
        }

        JobPlan fast = Fixtures.job(t, slow.source(), slow.sink(), Fixtures.channel(2, 0));
        JobReport resumed = JobRunner.run(fast, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false));
        assertNull(resumed.failure());
        assertEquals(committedEvents, resumed.splitsResumed());
        if (mode == LoadMode.OVERWRITE) {
            assertEquals(checksum(server, "expected"), checksum(server, t));
        } else {
            assertEquals(20_010, Fixtures.count(server, t));
            assertEquals(checksum(server, "(SELECT * FROM expected UNION ALL SELECT * FROM expected WHERE id <= 10)"), checksum(server, t));
        }
    }
}
