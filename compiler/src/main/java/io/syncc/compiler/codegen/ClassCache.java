package io.syncc.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.util.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled jobs kept between runs, so an unchanged job skips generating its source and javac (most
 * of what {@code syncc run} adds to a load). The key is everything the class files depend on: the
 * generator's input ({@link GeneratorInput}: the plan, the mapped values and the build of the
 * compiler, runtime and connectors), so a hit generates nothing; or, should that input not be
 * writable, the generated source itself and the runtime it was compiled against — and always the
 * JDK. An entry is a small jar in
 * {@code $SYNCC_CACHE_DIR}, else {@code $XDG_CACHE_HOME/syncc/classes}, else
 * {@code ~/.cache/syncc/classes} ({@code SYNCC_CACHE_DIR=off} turns it off), written whole
 * (temporary file, then an atomic rename) and read whole; an entry that cannot be read is compiled
 * again and replaced. Entries unused for 30 days are removed when a new one is written. The source
 * holds no secret (plans carry only references to them), so neither does the cache.
 */
final class ClassCache {

    private static final Logger LOG = LoggerFactory.getLogger(ClassCache.class);
    private static final Duration UNUSED = Duration.ofDays(30);
    private ClassCache() {
    }

    /**
     * The class files of the job {@code source} generates: from the cache, or generated, compiled
     * (and kept) when missing.
     *
     * @param input what the generated source depends on, or empty when unknown (then the source is
     *     generated to be the key)
     */
    static Map<String, byte[]> compile(Optional<String> input, Supplier<JavaFile> source) {
        Optional<Path> dir = dir();
        if (dir.isEmpty()) {
            return InMemoryCompiler.compile(List.of(source.get()));
        }
        JavaFile generated = input.isPresent() ? null : source.get();
        String key = input.map(i -> "input\n" + i)
                .orElseGet(() -> "source\n" + generated + "\0" + CodeFingerprint.of(GeneratedJob.class));
        Path entry = dir.get().resolve(Hashing.sha(key + "\0" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.version")) + ".jar");
        Optional<Map<String, byte[]>> cached = read(entry);
        if (cached.isPresent()) {
            LOG.debug("compiled job from the cache: {}", entry);
            return cached.get();
        }
        Map<String, byte[]> classes = InMemoryCompiler.compile(List.of(generated != null ? generated : source.get()));
        write(dir.get(), entry, classes);
        return classes;
    }

    /** The cache folder, or empty when turned off. */
    static Optional<Path> dir() {
        String configured = System.getProperty("syncc.cacheDir", System.getenv("SYNCC_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return configured.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(configured).resolve("classes"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("syncc").resolve("classes"));
    }

    private static Optional<Map<String, byte[]>> read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(entry))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                classes.put(e.getName(), in.readAllBytes());
            }
            if (classes.isEmpty()) {
                return Optional.empty();
            }
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now())); // used: kept another 30 days
            return Optional.of(classes);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cache entry {} unreadable ({}); compiling again", entry, e.toString());
            return Optional.empty();
        }
    }

    private static void write(Path dir, Path entry, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".entry-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    zip.putNextEntry(new ZipEntry(c.getKey()));
                    zip.write(c.getValue());
                    zip.closeEntry();
                }
            }
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            prune(dir);
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next run a compilation
            LOG.debug("cannot keep the compiled job in {}: {}", dir, e.toString());
        }
    }

    private static void prune(Path dir) throws IOException {
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
