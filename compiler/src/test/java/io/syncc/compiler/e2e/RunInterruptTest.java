package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during `syncc run` when the run started the embedded PostgreSQL itself: the run is
 * cancelled cleanly first (splits in flight roll back, the summary says what stays committed), and
 * only then does the server stop — the JVM's shutdown hooks run all at once, and the server's own
 * hook used to stop it under the rolling-back run (lost connections for a reason, a stack trace
 * from pg_ctl). Runs the CLI in its own JVM, as people do.
 */
class RunInterruptTest {

    @TempDir
    Path dir;

    private Process syncc(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(JobJarTest.java(), "-cp", System.getProperty("java.class.path"),
                "io.syncc.compiler.cli.SynccCli"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM run_int")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // not created yet
        }
    }

    @Test
    void ctrlCCancelsTheRunBeforeTheEmbeddedServerStops() throws Exception {
        Path job = Projects.write(dir, """
                job run_int {
                  source files.big
                  sink pg.run_int { create if missing }
                  map by name { }
                  channel { parallelism 1  rate 4000 rows/s }
                }
                """, null, null);
        Files.createDirectories(dir.resolve("data/big"));
        for (int f = 0; f < 6; f++) {
            StringBuilder part = new StringBuilder("id,name\n");
            for (int i = 1 + f * 3000; i <= (f + 1) * 3000; i++) {
                part.append(i).append(",n").append(i).append('\n');
            }
            Files.writeString(dir.resolve("data/big/part-" + f + ".csv"), part.toString());
        }
        Path published = dir.resolve(".syncc/pg/connection.properties");
        Process p = syncc("run", job.toString(), "--no-progress");
        long deadline = System.nanoTime() + 120_000_000_000L;
        String url = null;
        while (url == null || count(url) == 0) {
            assertTrue(System.nanoTime() < deadline, "nothing was committed");
            assertTrue(p.isAlive(), () -> "syncc ended early: " + output(p));
            if (url == null && Files.exists(published)) {
                Properties props = new Properties();
                try (var in = Files.newInputStream(published)) {
                    props.load(in);
                }
                url = props.getProperty("url");
            }
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        String output = output(p);
        assertEquals(130, p.waitFor(), output);
        assertTrue(output.contains("syncc: interrupted; stopping job run_int (splits in flight roll back, committed ones stay) ..."), output);
        assertTrue(output.contains("rows of committed splits stay committed (run the job again with the same parameters to resume)"), output);
        assertFalse(output.lines().anyMatch(l -> l.contains("\tat ") || l.contains("Exception")), output);
        assertFalse(output.contains("connection"), "cancelled, not failed on a lost connection: " + output);
        assertFalse(Files.exists(dir.resolve(".syncc/pg/data/postmaster.pid")), "the server stopped before syncc ended: " + output);
        assertFalse(Files.exists(published));

        Process again = syncc("run", job.toString(), "--no-progress");
        String rerun = output(again);
        assertEquals(0, again.waitFor(), rerun);
        assertTrue(rerun.contains("resumed from an earlier run"), rerun);
        assertTrue(rerun.contains("rows written  18,000"), rerun);
    }

    /**
     * Ctrl-C while `syncc run` is still starting the embedded PostgreSQL: no stack trace, and no
     * server left running once syncc has ended (the stop waits for the start to finish).
     */
    @Test
    void ctrlCWhileTheEmbeddedServerStartsLeavesNoServerRunning() throws Exception {
        Path job = Projects.write(dir, """
                job run_early {
                  source files.early
                  sink pg.run_early { create if missing }
                  map by name { }
                }
                """, "early.csv", "id,name\n1,a\n");
        Process p = syncc("run", job.toString(), "--no-progress");
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // ended
            }
        });
        reader.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            synchronized (seen) {
                if (seen.indexOf("starting the embedded PostgreSQL") >= 0) {
                    break;
                }
            }
            assertTrue(System.nanoTime() < deadline && p.isAlive(), seen::toString);
            Thread.sleep(10);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        int code = p.waitFor();
        reader.join();
        String output = seen.toString();
        assertTrue(code != 0, output);
        assertFalse(output.lines().anyMatch(l -> l.contains("\tat ") || l.contains("Exception")), output);
        assertFalse(Files.exists(dir.resolve(".syncc/pg/data/postmaster.pid")), "a server left running: " + output);
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
