package io.syncc.runtime.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder of syncc's cache: entries named by a key, each written whole (a temporary file, then
 * an atomic rename, so a reader never sees half an entry) and read whole. The cache lives in
 * {@code $SYNCC_CACHE_DIR} (or the {@code syncc.cacheDir} system property), else
 * {@code $XDG_CACHE_HOME/syncc}, else {@code ~/.cache/syncc}; {@code off} turns it off. Reading an
 * entry marks it used; entries unused for 30 days are removed when a new one is written. A cache
 * that cannot be read or written only costs the work it would have saved.
 */
public final class CacheFolder {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFolder.class);
    private static final Duration UNUSED = Duration.ofDays(30);

    private final Path dir;

    private CacheFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder {@code name} of the cache, or empty when the cache is turned off. */
    public static Optional<CacheFolder> named(String name) {
        return base().map(b -> new CacheFolder(b.resolve(name)));
    }

    /** The cache's base folder, or empty when turned off. */
    public static Optional<Path> base() {
        String configured = System.getProperty("syncc.cacheDir", System.getenv("SYNCC_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return configured.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("syncc"));
    }

    public Path dir() {
        return dir;
    }

    /** The file of entry {@code name} (which may not exist). */
    public Path entry(String name) {
        return dir.resolve(name);
    }

    /** The bytes of entry {@code name}, marked used; empty when missing or unreadable. */
    public Optional<byte[]> read(String name) {
        Path entry = entry(name);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(entry);
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now())); // used: kept another 30 days
            return Optional.of(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cache entry {} unreadable: {}", entry, e.toString());
            return Optional.empty();
        }
    }

    /** Writes entry {@code name} whole, replacing an earlier one, and removes entries unused for 30 days. */
    public void write(String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".entry-", ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, entry(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, entry(name), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot keep {} in {}: {}", name, dir, e.toString());
        }
    }

    private void prune() throws IOException {
        Instant old = Instant.now().minus(UNUSED);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(old)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
