package io.syncc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' {@code run_java} ({@code src/dist/bin/syncc-java.sh}, sourced by {@code ./syncc} and
 * the distribution's {@code bin/syncc}) on the assembled CLI jar: the JVM options it gives (the
 * young generation's cap, which {@code SYNCC_JAVA_OPTS} overrides) and the class-data archive it
 * writes after a first successful command and maps from then on.
 */
class LauncherIT {

    private static final Path SCRIPT = Path.of("src/dist/bin/syncc-java.sh").toAbsolutePath();
    private static final Path JAR = Path.of("target/syncc-cli.jar").toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        // as the launchers run it: errexit, nounset, pipefail
        StringBuilder command = new StringBuilder("set -euo pipefail; . '" + SCRIPT + "'; run_java '" + JAR + "'");
        for (String a : args) {
            command.append(" '").append(a).append("'");
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command.toString()).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SYNCC_CACHE_DIR", dir.resolve("cache").toString());
        pb.environment().remove("SYNCC_JAVA_OPTS");
        pb.environment().remove("SYNCC_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private List<Path> archives() throws IOException {
        Path cds = dir.resolve("cache/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theYoungGenerationIsCappedUnlessSynccJavaOptsSaysOtherwise() throws Exception {
        Result capped = launch(Map.of("SYNCC_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertEquals(0, capped.exitCode(), capped.output());
        assertTrue(capped.output().contains("-XX:MaxNewSize=50331648"), capped.output()); // 48 MB
        assertTrue(capped.output().contains("syncc "), capped.output());

        Result mine = launch(Map.of("SYNCC_JAVA_OPTS", "-XX:MaxNewSize=64m -XX:+PrintCommandLineFlags"), "--version");
        assertEquals(0, mine.exitCode(), mine.output());
        assertTrue(mine.output().contains("-XX:MaxNewSize=67108864"), mine.output());
        assertEquals(List.of(), archives(), "--version trains no archive");
    }

    @Test
    void aFirstSuccessfulCheckWritesTheClassDataArchiveAndLaterStartsMapIt() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("data/items.csv"), "id,name\n1,a\n");
        Files.writeString(dir.resolve("job.sync"), "datasource files { type csv  path \"data\" }\n"
                + "datasource out { type csv  path \"out\" }\n"
                + "job copy_items {\n  source files.items\n  sink out.items_copy\n  map by name { }\n}\n");
        Files.writeString(dir.resolve("other/broken.sync"), "job broken {\n  source nowhere.items\n}\n");

        Result failed = launch(Map.of(), "check", "other/broken.sync");
        assertEquals(1, failed.exitCode(), failed.output());
        assertEquals(List.of(), archives(), "a failed command trains no archive");

        Result first = launch(Map.of(), "check", "job.sync");
        assertEquals(0, first.exitCode(), first.output());
        List<Path> written = archives();
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).getFileName().toString().matches("syncc-cli-\\d+\\.static\\.jsa"), written.toString());

        Result mapped = launch(Map.of("SYNCC_JAVA_OPTS", "-Xlog:class+load=info"), "check", "job.sync");
        assertEquals(0, mapped.exitCode(), mapped.output());
        // picocli's Java 5 class files too: they are what a dynamic archive leaves out
        assertTrue(mapped.output().contains("picocli.CommandLine source: shared objects file"), mapped.output());
        assertTrue(mapped.output().contains("io.syncc.compiler.cli.CheckCommand source: shared objects file"), mapped.output());
        assertEquals(written, archives(), "no second archive");

        Result off = launch(Map.of("SYNCC_CDS", "off", "SYNCC_JAVA_OPTS", "-Xlog:class+load=info"), "check", "job.sync");
        assertEquals(0, off.exitCode(), off.output());
        assertFalse(off.output().contains("picocli.CommandLine source: shared objects file"), "SYNCC_CDS=off maps nothing of syncc's");
    }

    /** A first command that ran javac trains an archive without javac's classes (they would slow every start). */
    @Test
    void anArchiveTrainedByACompileLeavesJavacOut() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("data/items.csv"), "id,name\n1,a\n");
        String job = "datasource files { type csv  path \"data\" }\ndatasource out { type csv  path \"out\" }\n"
                + "job copy_items {\n  source files.items\n  sink out.items_copy\n  map by name { }\n}\n";
        Files.writeString(dir.resolve("job.sync"), job);
        Result first = launch(Map.of(), "compile", "job.sync", "-o", "job.jar");
        assertEquals(0, first.exitCode(), first.output());
        assertEquals(1, archives().size(), archives().toString());

        // another job, so javac runs again (an unchanged one would come from the compiled-job cache)
        Files.writeString(dir.resolve("job.sync"), job.replace("map by name { }", "map by name { \"x\" -> origin }"));
        Result second = launch(Map.of("SYNCC_JAVA_OPTS", "-Xlog:class+load=info"), "compile", "job.sync", "-o", "job2.jar");
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("picocli.CommandLine source: shared objects file"), "the archive is mapped");
        assertTrue(second.output().contains("com.sun.tools.javac.main.JavaCompiler source: jrt:/jdk.compiler"),
                "javac's classes come from the JDK, not the archive");
    }
}
