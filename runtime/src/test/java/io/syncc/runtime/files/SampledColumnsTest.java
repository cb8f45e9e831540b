package io.syncc.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.runtime.csv.CsvMetadata;
import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inferred columns are kept in the cache for an unchanged file and sampled again whenever the file,
 * the datasource's settings or the cache entry changed — proven by counting the sampler's calls on
 * real files. Setting a file's times makes its change time "now", so the tests of the key keep
 * files regardless of how recently they changed ({@code Duration.ZERO}); one test checks the
 * two-second rule itself.
 */
class SampledColumnsTest {

    @TempDir
    Path tmp;
    private String earlierCacheDir;
    private final AtomicInteger samples = new AtomicInteger();
    private CsvDatasourcePlan ds;
    private Function<Path, List<ColumnMeta>> sampler;

    @BeforeEach
    void cacheOfItsOwn() {
        earlierCacheDir = System.getProperty("syncc.cacheDir");
        System.setProperty("syncc.cacheDir", tmp.resolve("cache").toString());
        ds = new CsvDatasourcePlan("lake", tmp.resolve("lake").toString(), true, ',', '"', "", "UTF-8");
        sampler = file -> {
            samples.incrementAndGet();
            return CsvMetadata.columns(ds, file);
        };
    }

    @AfterEach
    void restore() {
        if (earlierCacheDir == null) {
            System.clearProperty("syncc.cacheDir");
        } else {
            System.setProperty("syncc.cacheDir", earlierCacheDir);
        }
    }

    private Path file(String text) throws Exception {
        Path f = tmp.resolve("lake/items.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS))); // left alone for a while
        return f;
    }

    private long entries() throws Exception {
        Path dir = tmp.resolve("cache/columns");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static String describe(List<ColumnMeta> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type().sql()).toList().toString();
    }

    @Test
    void anUnchangedFileIsSampledOnceAndAChangedOneAgain() throws Exception {
        Path f = file("id,amount,day\n1,2.5,2026-01-02\n2,3,2026-01-03\n");
        List<ColumnMeta> first = SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO);
        assertEquals("[id integer, amount double precision, day date]", describe(first));
        assertEquals(1, samples.get());
        assertEquals(1, entries());

        assertEquals(first, SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO), "the kept columns, exactly");
        assertEquals(1, samples.get(), "not sampled again");

        // the same size, its modification time put back: the change time still tells
        FileTime mtime = Files.getLastModifiedTime(f);
        Object ctime = Files.getAttribute(f, "unix:ctime");
        do { // the kernel's clock for file times ticks every few milliseconds: write until the change time moved
            Thread.sleep(5);
            Files.writeString(f, "id,amount,day\nx,2.5,2026-01-02\n2,3,2026-01-03\n");
            Files.setLastModifiedTime(f, mtime);
        } while (Files.getAttribute(f, "unix:ctime").equals(ctime));
        assertEquals("[id text, amount double precision, day date]", describe(SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO)));
        assertEquals(2, samples.get());

        // another setting of the datasource: another entry
        ds = new CsvDatasourcePlan("lake", tmp.resolve("lake").toString(), true, ',', '"', "2.5", "UTF-8");
        assertEquals("[id text, amount integer, day date]", describe(SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO)));
        assertEquals(3, samples.get());
    }

    /** The default rule: a file whose modification or change time is within two seconds is not kept. */
    @Test
    void aFileWrittenOrChangedJustNowIsSampledEveryTime() throws Exception {
        Path f = file("id\n1\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
        SampledColumns.of(ds, f, sampler);
        SampledColumns.of(ds, f, sampler);
        assertEquals(2, samples.get());
        // its modification time an hour ago, but setting it changed the change time just now
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        SampledColumns.of(ds, f, sampler);
        assertEquals(3, samples.get());
        assertEquals(0, entries());
    }

    @Test
    void aDamagedEntryIsSampledAgainAndReplaced() throws Exception {
        Path f = file("id\n1\n");
        SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO);
        Path entry;
        try (Stream<Path> s = Files.list(tmp.resolve("cache/columns"))) {
            entry = s.findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(good, good.length - 3));
        assertEquals("[id integer]", describe(SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO)));
        assertEquals(2, samples.get());
        assertEquals(java.util.Arrays.toString(good), java.util.Arrays.toString(Files.readAllBytes(entry)), "written again whole");
        SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO);
        assertEquals(2, samples.get());
    }

    @Test
    void aCacheTurnedOffSamplesEveryTime() throws Exception {
        System.setProperty("syncc.cacheDir", "off");
        Path f = file("id\n1\n");
        SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO);
        SampledColumns.of(ds, f, sampler, java.time.Duration.ZERO);
        assertEquals(2, samples.get());
    }
}
