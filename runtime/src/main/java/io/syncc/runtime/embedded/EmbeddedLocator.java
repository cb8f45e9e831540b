package io.syncc.runtime.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the JDBC URL of the embedded PostgreSQL: {@code .syncc/pg/connection.properties} under the
 * work folder (written while a server started by {@code syncc} runs), unless the system property
 * {@code syncc.embedded.url} overrides it (tests point every embedded datasource at their server).
 */
public final class EmbeddedLocator {

    public static final String PROPERTY = "syncc.embedded.url";
    private static final String FILE = "connection.properties";

    private EmbeddedLocator() {
    }

    public static Optional<String> find(Path workDir) {
        String url = System.getProperty(PROPERTY);
        if (url != null && !url.isBlank()) {
            return Optional.of(url);
        }
        Path file = workDir.resolve(".syncc").resolve("pg").resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty("url"));
    }

    static void publish(Path home, String url) {
        Properties p = new Properties();
        p.setProperty("url", url);
        try (Writer w = Files.newBufferedWriter(home.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, "embedded PostgreSQL started by syncc; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void unpublish(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException ignored) {
            // best effort: a stale file only points at a closed port
        }
    }
}
