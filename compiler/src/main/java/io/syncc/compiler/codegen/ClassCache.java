package io.syncc.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.util.CacheFolder;
import io.syncc.runtime.util.CodeFingerprint;
import io.syncc.runtime.util.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
 * JDK. An entry is a small jar in the cache's {@code classes} folder ({@link CacheFolder}); an entry
 * that cannot be read is compiled again and replaced. The source holds no secret (plans carry only
 * references to them), so neither does the cache.
 */
final class ClassCache {

    private static final Logger LOG = LoggerFactory.getLogger(ClassCache.class);

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
        Optional<CacheFolder> cache = CacheFolder.named("classes");
        if (cache.isEmpty()) {
            return InMemoryCompiler.compile(List.of(source.get()));
        }
        JavaFile generated = input.isPresent() ? null : source.get();
        String key = input.map(i -> "input\n" + i)
                .orElseGet(() -> "source\n" + generated + "\0" + CodeFingerprint.of(GeneratedJob.class));
        String entry = Hashing.sha(key + "\0" + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version")) + ".jar";
        Optional<Map<String, byte[]>> cached = cache.get().read(entry).flatMap(ClassCache::unzip);
        if (cached.isPresent()) {
            LOG.debug("compiled job from the cache: {}", cache.get().entry(entry));
            return cached.get();
        }
        Map<String, byte[]> classes = InMemoryCompiler.compile(List.of(generated != null ? generated : source.get()));
        cache.get().write(entry, zip(classes));
        return classes;
    }

    /** The cache's folder of compiled jobs, or empty when turned off. */
    static Optional<java.nio.file.Path> dir() {
        return CacheFolder.named("classes").map(CacheFolder::dir);
    }

    private static Optional<Map<String, byte[]>> unzip(byte[] jar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                classes.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("compiled-job cache entry unreadable ({}); compiling again", e.toString());
            return Optional.empty();
        }
        return classes.isEmpty() ? Optional.empty() : Optional.of(classes);
    }

    private static byte[] zip(Map<String, byte[]> classes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                zip.putNextEntry(new ZipEntry(c.getKey()));
                zip.write(c.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return out.toByteArray();
    }
}
