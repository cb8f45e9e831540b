package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncc compile} writes a self-contained jar that runs in its own JVM: {@code java -jar job.jar -p k=v}. */
class JobJarTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    /** Runs a command in a child process; returns exit code and combined output. */
    static Map.Entry<Integer, String> exec(Path workDir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return Map.entry(p.waitFor(), output);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Lets a child process find the test's embedded server, as it would find one started by `syncc db start`. */
    static void publishEmbedded(Path workDir) throws IOException {
        Path file = workDir.resolve(".syncc/pg/connection.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url=" + TestDb.server().jdbcUrl().replace(":", "\\:").replace("=", "\\=") + "\n");
    }

    @Test
    void compiledJarRunsInItsOwnJvmWithParameters() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS jar_t");
        Path job = Projects.write(dir, """
                job jar_job {
                  source files.events
                  sink pg.jar_t { create if missing }
                  map by name {
                    ${load_day} -> load_date as date
                    "jar" -> origin
                    ${bizdate} -> biz
                  }
                }
                """, "events.csv", "id,name\n1,a\n2,\"b, with comma\"\n3,c\n");
        Path jar = dir.resolve("out/jar_job.jar");
        Cli.Result c = Cli.run("compile", job.toString(), "-o", jar.toString(), "--keep-sources", dir.resolve("src").toString());
        assertEquals(0, c.exitCode(), c.toString());
        assertTrue(Files.exists(dir.resolve("src/io/syncc/generated/JarJobJob.java")));

        publishEmbedded(dir);
        var missing = exec(dir, Map.of(), java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(2, missing.getKey(), missing.getValue());
        assertTrue(missing.getValue().contains("error: job jar_job needs parameter ${load_day}: pass -p load_day=VALUE"), missing.getValue());

        // ${bizdate} is a built-in: the day before the scheduled time (--at)
        Path classes = dir.resolve("classes.log");
        var run = exec(dir, Map.of(), java(), "-Xlog:class+load:file=" + classes, "-jar", jar.toString(), "-p", "load_day=20260102",
                "--at", "2026-01-03T01:00", "--no-progress");
        assertEquals(0, run.getKey(), run.getValue());
        assertTrue(run.getValue().contains("rows written  3"), run.getValue());
        // the job's start builds its plan from code: no JSON object mapper is loaded (about 0.2 s of class loading)
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.syncc.generated.JarJobJob "), "the log lists the job's classes");
        assertFalse(loaded.contains("com.fasterxml.jackson.databind.ObjectMapper "), "a job without overrides loads no ObjectMapper");
        assertEquals("1|a|2026-01-02|jar,2|b, with comma|2026-01-02|jar,3|c|2026-01-02|jar",
                TestDb.text("SELECT string_agg(concat_ws('|', id, name, load_date, origin), ',' ORDER BY id) FROM jar_t"));
        assertEquals("20260102", TestDb.text("SELECT string_agg(DISTINCT biz, ',') FROM jar_t"));

        // the readable plan.json and the plan compiled into the job class are the same plan
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            String jobClass = new String(loader.getResourceAsStream(io.syncc.runtime.exec.JobMain.JOB_CLASS).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            Object program = loader.loadClass(jobClass).getDeclaredConstructor().newInstance();
            Object compiled = program.getClass().getMethod("plan").invoke(program);
            io.syncc.runtime.plan.JobPlan json = io.syncc.runtime.plan.PlanJson.read(loader.getResourceAsStream(io.syncc.runtime.plan.PlanJson.RESOURCE));
            assertEquals(json.toString(), compiled.toString());
        }

        // the same job compiles to the same bytes
        Path again = dir.resolve("out/again.jar");
        assertEquals(0, Cli.run("compile", job.toString(), "-o", again.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(again));
    }

    /** Ctrl-C (SIGINT) stops a job jar cleanly: committed splits stay, the summary says so, and a re-run resumes. */
    @Test
    void interruptingAJobJarSaysWhatStaysCommittedAndTheRerunResumes() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS jar_int", "CREATE TABLE jar_int (id int, name text)");
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int f = 0; f < 6; f++) {
            for (int i = 1; i <= 3000; i++) {
                csv.append(f * 3000 + i).append(",n").append(i).append('\n');
            }
        }
        Path job = Projects.write(dir, """
                job jar_int {
                  source files.big
                  sink pg.jar_int
                  map by name { }
                  channel { parallelism 1  rate 4000 rows/s }
                }
                """, null, null);
        Files.createDirectories(dir.resolve("data/big"));
        String[] lines = csv.toString().split("\n");
        for (int f = 0; f < 6; f++) {
            StringBuilder part = new StringBuilder("id,name\n");
            for (int i = 1 + f * 3000; i <= (f + 1) * 3000; i++) {
                part.append(lines[i]).append('\n');
            }
            Files.writeString(dir.resolve("data/big/part-" + f + ".csv"), part.toString());
        }
        Path jar = dir.resolve("int.jar");
        assertEquals(0, Cli.run("compile", job.toString(), "-o", jar.toString()).exitCode());
        publishEmbedded(dir);
        Process p = new ProcessBuilder(java(), "-jar", jar.toString(), "--no-progress").directory(dir.toFile())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (TestDb.longValue("SELECT count(*) FROM jar_int") == 0) {
            assertTrue(System.nanoTime() < deadline, "nothing was committed");
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, p.waitFor(), output); // the shell's code for a process ended by SIGINT
        assertTrue(output.contains("syncc: interrupted; stopping job jar_int (splits in flight roll back, committed ones stay) ..."), output);
        assertTrue(output.contains("job jar_int FAILED in "), output);
        assertTrue(output.contains("rows of committed splits stay committed (run the job again with the same parameters to resume)"), output);
        long committed = TestDb.longValue("SELECT count(*) FROM jar_int");
        assertTrue(committed > 0 && committed < 18_000 && committed % 3000 == 0, "committed " + committed);

        var again = exec(dir, Map.of(), java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(0, again.getKey(), again.getValue());
        assertTrue(again.getValue().contains("resumed from an earlier run"), again.getValue());
        assertEquals(18_000, TestDb.longValue("SELECT count(DISTINCT id) FROM jar_int"));
        assertEquals(18_000, TestDb.longValue("SELECT count(*) FROM jar_int"));
    }

    @Test
    void aJobFileWithErrorsIsNotCompiled() throws Exception {
        Path job = Projects.write(dir, "job j { source files.nothing  sink pg.t }\n", null, null);
        Cli.Result c = Cli.run("compile", job.toString(), "-o", dir.resolve("x.jar").toString());
        assertEquals(1, c.exitCode(), c.toString());
        assertTrue(c.err().contains("job.sync:1:22: error[SYN202]: unknown file or folder 'nothing' in datasource 'files'"), c.err());
        assertTrue(c.err().contains("  1 | job j { source files.nothing  sink pg.t }\n    |                      ^~~~~~~\n"), c.err());
        assertTrue(!Files.exists(dir.resolve("x.jar")));
        List<String> noStackTrace = new ArrayList<>(List.of(c.err().split("\n")));
        assertTrue(noStackTrace.stream().noneMatch(l -> l.contains("\tat ") || l.contains("Exception")), c.err());
    }
}
