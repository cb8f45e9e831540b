package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reply to a split's COMMIT is lost (the connection drops after the server committed): the
 * worker asks the run state, finds the split committed, and does not write it again (nor count a retry). Its dirty rows
 * must then be filed and counted with it — not as rolled back — so that rows read = rows written +
 * dirty rows, and a listener hears that the split committed. A proxy between the writer and the
 * server forwards everything but the reply to the writer's first COMMIT, and drops that connection.
 */
class LostCommitReplyTest extends ServerTest {

    /** Forwards connections to the server; the first writer connection that sends COMMIT never hears back. */
    static final class Proxy implements AutoCloseable {
        final ServerSocket listener;
        final int target;
        final AtomicBoolean armed = new AtomicBoolean(true);
        final AtomicBoolean dropped = new AtomicBoolean();
        /** Once set, new connections are closed as soon as they arrive (the server is out of reach). */
        final AtomicBoolean refuse = new AtomicBoolean();
        /** Set {@link #refuse} when the commit's reply is dropped. */
        final AtomicBoolean refuseAfterDrop = new AtomicBoolean();
        /** Drop the writer's connection as soon as its COMMIT is sent, not when the reply comes. */
        final AtomicBoolean dropAtCommit = new AtomicBoolean();
        final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        Proxy(int target) throws IOException {
            this.target = target;
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        if (refuse.get()) {
                            closeQuietly(client);
                            continue;
                        }
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(server);
                        AtomicBoolean writer = new AtomicBoolean();
                        AtomicBoolean swallow = new AtomicBoolean();
                        AtomicBoolean hangUp = new AtomicBoolean();
                        pump(client, server, chunk -> {
                            if (chunk.contains("'syncc writer'")) {
                                writer.set(true);
                            }
                            if (writer.get() && chunk.contains("COMMIT") && armed.compareAndSet(true, false)) {
                                swallow.set(true); // whatever the server says next is the commit's reply
                                hangUp.set(dropAtCommit.get());
                                dropped.set(dropped.get() || dropAtCommit.get());
                            }
                            return true;
                        }, hangUp);
                        pump(server, client, chunk -> {
                            if (swallow.get()) {
                                if (refuseAfterDrop.get()) {
                                    refuse.set(true);
                                }
                                dropped.set(true);
                                closeQuietly(client);
                                closeQuietly(server);
                                return false;
                            }
                            return true;
                        }, new AtomicBoolean());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "lost-commit-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        interface Filter {
            boolean forward(String chunk);
        }

        /** Copies {@code from} to {@code to} while {@code filter} allows; closes both after a chunk once {@code hangUp} is set. */
        static void pump(Socket from, Socket to, Filter filter, AtomicBoolean hangUp) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1 << 16];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        if (!filter.forward(new String(buf, 0, n, StandardCharsets.ISO_8859_1))) {
                            return;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                        if (hangUp.get()) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "lost-commit-pump");
            t.setDaemon(true);
            t.start();
        }

        static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/postgres?user=postgres";
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : new ArrayList<>(sockets)) {
                closeQuietly(s);
            }
        }
    }

    private List<String[]> rows;
    private Path lake;

    /** 2,000 rows in one split, one of them dirty (the mapper's); the expected target is PostgreSQL's own load of the rest. */
    private void prepare(String table) throws Exception {
        rows = Fixtures.rows(51, 2_000, 1);
        rows.get(99)[2] = "not a number"; // a dirty row of the mapper, in the split whose reply is lost
        lake = tmp.resolve("lake");
        Fixtures.writeCsv(lake.resolve("lost.csv"), rows);
        List<String[]> clean = new ArrayList<>(rows);
        clean.remove(99);
        Fixtures.loadWithPostgres(server, table + "_expected", clean);
        exec(server, "CREATE TABLE " + table + " " + Fixtures.COLUMNS_DDL);
    }

    private JobPlan plan(Proxy proxy, String table, int retries) {
        SinkPlan sink = Fixtures.sink(new PostgresDatasourcePlan("pg", "postgres", proxy.url(), null, null, Map.of()), table,
                WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND);
        return Fixtures.job(table, Fixtures.csvSource(lake, "lost"), sink, new ChannelPlan(1, 0, 0, 100, -1, retries));
    }

    /** Records which splits committed and were retried, with their counts. */
    private static RunListener events(List<String> events) {
        return new RunListener() {
            @Override
            public void splitRetried(String splitId, int retry, String reason) {
                events.add("retried " + retry);
            }

            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                events.add("committed " + rowsRead + " " + rowsWritten + " " + dirtyRows);
            }
        };
    }

    private static void assertOneDirtyRowFiledAndNoneRolledBack(JobReport r) throws IOException {
        assertEquals(1, r.dirtyRows());
        List<String> dirty = new ArrayList<>();
        for (Path f : r.dirtyFiles()) {
            dirty.addAll(Files.readAllLines(f));
        }
        assertEquals(1, dirty.size(), "the dirty row is in the run's files once: " + r.dirtyFiles());
        assertTrue(dirty.get(0).contains("not a number"), dirty.get(0));
        try (var files = Files.list(r.dirtyFile() != null ? r.dirtyFile().getParent() : r.dirtyFiles().get(0).getParent())) {
            List<Path> rolledBack = files.filter(f -> f.getFileName().toString().endsWith(".rolled-back.jsonl")).toList();
            assertEquals(List.of(), rolledBack, "nothing rolled back: the split committed");
        }
    }

    /**
     * Found committed when asked — with retries left, and with none (the run state is asked all the
     * same: a split that committed needs no retry, and the run succeeds).
     */
    @ParameterizedTest
    @ValueSource(ints = {ChannelPlan.DEFAULT_RETRIES, 0})
    void aSplitWhoseCommitReplyIsLostKeepsItsDirtyRowsAndIsNotWrittenAgain(int retries) throws Exception {
        String table = "lost_dst_" + retries;
        prepare(table);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (Proxy proxy = new Proxy(server.port())) {
            JobReport r = JobRun.start(plan(proxy, table, retries), BankJob.copy(),
                    new RunOptions(Map.of(), tmp.resolve("work-" + retries), false, false), events(events)).await();
            assertTrue(proxy.dropped.get(), "the proxy dropped the reply to the writer's COMMIT");
            assertNull(r.failure());
            assertEquals(0, r.retries(), "asked, found committed: not tried again");
            assertEquals(2_000, r.rowsRead());
            assertEquals(1_999, r.rowsWritten());
            assertOneDirtyRowFiledAndNoneRolledBack(r);
            assertEquals(List.of("committed 2000 1999 1"), events);
        }
        assertEquals(checksum(server, table + "_expected"), checksum(server, table));
    }

    /**
     * The run cannot ask (the server is out of reach after the reply is lost) and fails: the split's
     * dirty row is neither in its file nor rolled back, but waits; the re-run finds the split
     * committed, does not write it again, and files the row with it.
     */
    @Test
    void aRunThatCannotAskLeavesTheDirtyRowsForTheRerunToFile() throws Exception {
        prepare("lost_unknown");
        Path work = tmp.resolve("work-unknown");
        try (Proxy proxy = new Proxy(server.port())) {
            proxy.refuseAfterDrop.set(true);
            JobReport failed = JobRun.start(plan(proxy, "lost_unknown", 0), BankJob.copy(),
                    new RunOptions(Map.of(), work, false, false), RunListener.NONE).await();
            assertTrue(proxy.dropped.get(), "the proxy dropped the reply to the writer's COMMIT");
            assertFalse(failed.succeeded());
            assertEquals(0, failed.dirtyRows(), "the failed run does not count a row it could not file");
            List<Path> pending;
            try (var files = Files.walk(work.resolve("dirty"))) {
                pending = files.filter(Files::isRegularFile).toList();
            }
            assertEquals(1, pending.size(), "only the pending spool: " + pending);
            assertTrue(pending.get(0).startsWith(work.resolve("dirty").resolve(".pending")), pending.get(0).toString());

            proxy.refuse.set(false);
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            JobReport r = JobRun.start(plan(proxy, "lost_unknown", 0), BankJob.copy(),
                    new RunOptions(Map.of(), work, false, false), events(events)).await();
            assertNull(r.failure());
            assertEquals(1, r.splitsResumed());
            assertEquals(List.of(), events, "nothing written again");
            assertEquals(2_000, r.rowsRead());
            assertEquals(1_999, r.rowsWritten());
            assertOneDirtyRowFiledAndNoneRolledBack(r);
            try (var files = Files.walk(work.resolve("dirty"))) {
                assertEquals(0, files.filter(f -> f.startsWith(work.resolve("dirty").resolve(".pending")) && Files.isRegularFile(f))
                        .count(), "nothing left pending");
            }
            assertFalse(Files.exists(work.resolve("dirty").resolve(".pending")), "no folder of pending rows left behind");
        }
        assertEquals(checksum(server, "lost_unknown_expected"), checksum(server, "lost_unknown"));
    }

    /**
     * The writer's connection drops as soon as its COMMIT is sent, while the server is still
     * committing (a deferred trigger on the target sleeps at commit, as a synchronous standby or a
     * slow disk would make it wait): read right away, the run state would not show the split yet,
     * and the retry would then wait on the first attempt's rows and fail on their keys. The session
     * that sent the commit is ended first, so the answer is final: here the commit is undone, and the
     * split is retried and loaded once.
     */
    @Test
    void aCommitStillUnderWayIsEndedBeforeTheRunStateIsAsked() throws Exception {
        prepare("lost_slow");
        exec(server, "CREATE FUNCTION lost_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$");
        exec(server, "CREATE CONSTRAINT TRIGGER lost_slow_commit AFTER INSERT ON lost_slow DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW WHEN (NEW.id = 1) EXECUTE FUNCTION lost_slow_commit()");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (Proxy proxy = new Proxy(server.port())) {
            proxy.dropAtCommit.set(true);
            JobReport r = JobRun.start(plan(proxy, "lost_slow", ChannelPlan.DEFAULT_RETRIES), BankJob.copy(),
                    new RunOptions(Map.of(), tmp.resolve("work-slow"), false, false), events(events)).await();
            assertTrue(proxy.dropped.get(), "the proxy dropped the writer's connection at its COMMIT");
            assertNull(r.failure());
            assertEquals(1, r.retries());
            assertEquals(2_000, r.rowsRead());
            assertEquals(1_999, r.rowsWritten());
            assertEquals(1, r.dirtyRows());
            assertEquals(1, Files.readAllLines(r.dirtyFile()).size());
            assertEquals(2, events.size(), events.toString());
            assertTrue(events.get(0).startsWith("retried 1"), events.toString());
            assertEquals("committed 2000 1999 1", events.get(1));
        }
        exec(server, "DROP TRIGGER lost_slow_commit ON lost_slow");
        assertEquals(checksum(server, "lost_slow_expected"), checksum(server, "lost_slow"));
    }
}
