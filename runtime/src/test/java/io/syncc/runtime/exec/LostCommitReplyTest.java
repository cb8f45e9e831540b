package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The reply to a split's COMMIT is lost (the connection drops after the server committed): the
 * worker asks the run state, finds the split committed, and does not write it again. Its dirty rows
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
        final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        Proxy(int target) throws IOException {
            this.target = target;
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(server);
                        AtomicBoolean writer = new AtomicBoolean();
                        AtomicBoolean swallow = new AtomicBoolean();
                        pump(client, server, chunk -> {
                            if (chunk.contains("'syncc writer'")) {
                                writer.set(true);
                            }
                            if (writer.get() && chunk.contains("COMMIT") && armed.compareAndSet(true, false)) {
                                swallow.set(true); // whatever the server says next is the commit's reply
                            }
                            return true;
                        });
                        pump(server, client, chunk -> {
                            if (swallow.get()) {
                                dropped.set(true);
                                closeQuietly(client);
                                closeQuietly(server);
                                return false;
                            }
                            return true;
                        });
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

        static void pump(Socket from, Socket to, Filter filter) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1 << 16];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        if (!filter.forward(new String(buf, 0, n, StandardCharsets.ISO_8859_1))) {
                            return;
                        }
                        out.write(buf, 0, n);
                        out.flush();
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

    @Test
    void aSplitWhoseCommitReplyIsLostKeepsItsDirtyRowsAndIsNotWrittenAgain() throws Exception {
        List<String[]> rows = Fixtures.rows(51, 2_000, 1);
        rows.get(99)[2] = "not a number"; // a dirty row of the mapper, in the split whose reply is lost
        Path lake = tmp.resolve("lake");
        Fixtures.writeCsv(lake.resolve("lost.csv"), rows);
        List<String[]> clean = new ArrayList<>(rows);
        clean.remove(99);
        Fixtures.loadWithPostgres(server, "lost_expected", clean);
        exec(server, "CREATE TABLE lost_dst " + Fixtures.COLUMNS_DDL);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void splitRetried(String splitId, int retry, String reason) {
                events.add("retried " + retry);
            }

            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                events.add("committed " + rowsRead + " " + rowsWritten + " " + dirtyRows);
            }
        };
        try (Proxy proxy = new Proxy(server.port())) {
            SinkPlan sink = Fixtures.sink(new PostgresDatasourcePlan("pg", "postgres", proxy.url(), null, null, Map.of()), "lost_dst",
                    WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND);
            JobPlan plan = Fixtures.job("lost", Fixtures.csvSource(lake, "lost"), sink, Fixtures.channel(1, 100));
            JobReport r = JobRun.start(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work"), false, false), listener).await();
            assertTrue(proxy.dropped.get(), "the proxy dropped the reply to the writer's COMMIT");
            assertNull(r.failure());
            assertEquals(1, r.retries());
            assertEquals(2_000, r.rowsRead());
            assertEquals(1_999, r.rowsWritten());
            assertEquals(1, r.dirtyRows());
            List<String> dirty = Files.readAllLines(r.dirtyFile());
            assertEquals(1, dirty.size());
            assertTrue(dirty.get(0).contains("not a number"), dirty.get(0));
            Path rolledBack = r.dirtyFile().resolveSibling(r.dirtyFile().getFileName().toString().replace(".jsonl", ".rolled-back.jsonl"));
            assertFalse(Files.exists(rolledBack) && !Files.readAllLines(rolledBack).isEmpty(), "nothing rolled back: the split committed");
            assertEquals(List.of("retried 1", "committed 2000 1999 1"), events);
        }
        assertEquals(checksum(server, "lost_expected"), checksum(server, "lost_dst"));
    }
}
