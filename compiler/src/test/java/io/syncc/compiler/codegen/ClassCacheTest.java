package io.syncc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncc run} keeps a compiled job and an unchanged job's next run loads it instead of running
 * javac (found by the generator's input, so also when the job moved in its file); a changed job is another entry; an entry that cannot be read is compiled and written again.
 */
class ClassCacheTest {

    @TempDir
    Path dir;

    private List<Path> entriesOf(String jobClass) throws Exception {
        Path cache = ClassCache.dir().orElseThrow();
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(cache)) {
            return all.filter(p -> p.toString().endsWith(".jar")).filter(p -> {
                try (var zip = new java.util.zip.ZipFile(p.toFile())) {
                    return zip.getEntry("io.syncc.generated." + jobClass) != null;
                } catch (Exception e) {
                    return false;
                }
            }).sorted().toList();
        }
    }

    @Test
    void anUnchangedJobLoadsItsCompiledClassesAndAChangedOneIsCompiled() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS cache_t");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/items.csv"), "id,name\n1,a\n2,b\n");
        Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                + "datasource pg { type postgres url embedded }\n");
        String name = "cache_job_" + System.nanoTime();
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job " + name + " {\n  source files.items\n  sink pg.cache_t { create if missing  mode overwrite }\n"
                + "  map by name { }\n}\n");
        String jobClass = io.syncc.compiler.plan.Planner.className(name);
        assertEquals(List.of(), entriesOf(jobClass));

        Cli.Result first = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, first.exitCode(), first.toString());
        List<Path> entries = entriesOf(jobClass);
        assertEquals(1, entries.size(), entries.toString());
        Path entry = entries.get(0);
        Files.setLastModifiedTime(entry, FileTime.fromMillis(0));

        Cli.Result second = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(entries, entriesOf(jobClass), "the same entry, no other");
        assertTrue(Files.getLastModifiedTime(entry).toMillis() > 0, "read, so marked as used");
        assertEquals("1|a,2|b", TestDb.text("SELECT string_agg(id || '|' || name, ',' ORDER BY id) FROM cache_t"));

        Files.writeString(entry, "not a jar");
        Cli.Result third = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, third.exitCode(), third.toString());
        assertEquals(entries, entriesOf(jobClass), "compiled again into the same entry");

        // the same job moved down its file and respaced: the same plan, so the same entry (not even generated again)
        Files.writeString(job, "// moved\n\n" + Files.readString(job).replace("  sink", "\n\n    sink"));
        Cli.Result moved = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, moved.exitCode(), moved.toString());
        assertEquals(entries, entriesOf(jobClass), "a job written elsewhere in its file is the same entry");

        Files.writeString(job, Files.readString(job).replace("map by name { }", "map by name { \"x\" -> origin }"));
        TestDb.exec("DROP TABLE IF EXISTS cache_t");
        Cli.Result changed = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, changed.exitCode(), changed.toString());
        assertEquals(2, entriesOf(jobClass).size(), "a changed job is another entry");
        assertEquals("x", TestDb.text("SELECT string_agg(DISTINCT origin, ',') FROM cache_t"));
    }
}
