package io.syncc.compiler.workspace;

import io.syncc.compiler.ast.SyncFile;
import io.syncc.runtime.embedded.EmbeddedLocator;
import io.syncc.runtime.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * syncc's embedded PostgreSQL ({@code url embedded}), for the CLI and the language server alike:
 * started in the work folder's {@code .syncc/pg} when the files use it and none is running there.
 * Connections find it through the work folder's {@code .syncc/pg/connection.properties}.
 */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    /** Whether a datasource of the files has {@code url embedded}. */
    public static boolean used(Collection<SyncFile> files) {
        return files.stream().flatMap(f -> f.datasources().stream())
                .anyMatch(d -> d.properties().stream().anyMatch(p -> p.key().key().equals("url")
                        && p.value().display().equalsIgnoreCase("embedded")));
    }

    /**
     * Starts the server when the files use it and none answers in {@code workDir}; the caller closes
     * what is returned. {@code starting} is told the data folder before a start (it takes seconds).
     */
    public static Optional<EmbeddedServer> startIfNeeded(Collection<SyncFile> files, Path workDir, Consumer<Path> starting) {
        if (!used(files) || EmbeddedLocator.find(workDir).filter(EmbeddedDatabase::reachable).isPresent()) {
            return Optional.empty();
        }
        Path data = workDir.resolve(".syncc").resolve("pg");
        starting.accept(data);
        return Optional.of(EmbeddedServer.start(data, true));
    }

    private static boolean reachable(String url) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            return c.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
