package io.syncc.runtime.bench;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's own tools, which CI runs nowhere else ({@code bench/run.sh} takes minutes and
 * apt packages): the JVM floor ({@code bench/JvmFloor.java}) compiled from the repository and run
 * against a real server must load exactly the source's rows both ways, and {@code bench/report.sh}
 * must turn recorded runs into the medians and ratios of results.md.
 */
class BenchToolsTest extends ServerTest {

    static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();
    static List<String[]> rows;

    @BeforeAll
    static void data() throws Exception {
        rows = Fixtures.rows(41, 5_000, 1);
        Fixtures.writeCsv(tmp.resolve("floor.csv"), rows);
        Fixtures.loadWithPostgres(server, "floor_expected", rows);
    }

    /** Compiles bench/JvmFloor.java and runs its main in this JVM (the driver from the test's class path). */
    static String floor(String... args) throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("floor-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                BENCH.resolve("JvmFloor.java").toString());
        assertEquals(0, rc, "bench/JvmFloor.java compiles");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, BenchToolsTest.class.getClassLoader())) {
            Method main = loader.loadClass("JvmFloor").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8).trim();
    }

    /** A results folder with the settings bench/run.sh records (1,000 rows, parallelism 2, two cores). */
    static Path recorded(String name, int runs, String scale) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("results.env"), String.join("\n",
                "ROWS=1000", "RUNS=" + runs, "PAR=2", "SCALE='" + scale + "'", "COMMAND='bench/run.sh'", "COMMIT=abc1234",
                "DATE='2026-11-24 23:00 UTC'", "HOST='2 cores, 24 GiB, test, load 0 0 0'", "SERVER='PostgreSQL test'", ""));
        return dir;
    }

    /** Runs bench/report.sh on DIR in the C locale (numbers without thousands separators); what it printed. */
    static String report(Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", BENCH.resolve("report.sh").toString(), dir.toString()).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), printed);
        return printed;
    }

    @Test
    void theJvmFloorPassesABinaryCopyOnUnchanged() throws Exception {
        exec(server, "CREATE TABLE floor_dst " + Fixtures.COLUMNS_DDL);
        assertEquals(rows.size() + " rows", floor(server.jdbcUrl(), "pipe", "floor_expected", "floor_dst"));
        assertEquals(checksum(server, "floor_expected"), checksum(server, "floor_dst"));
    }

    @Test
    void theJvmFloorLeavesTheCsvToTheServer() throws Exception {
        exec(server, "CREATE TABLE floor_csv " + Fixtures.COLUMNS_DDL);
        assertEquals(rows.size() + " rows", floor(server.jdbcUrl(), "csv", tmp.resolve("floor.csv").toString(), "floor_csv"));
        assertEquals(checksum(server, "floor_expected"), checksum(server, "floor_csv"));
    }

    @Test
    void theReportHasTheMediansAndRatiosOfTheRunsThatPassedTheirCheck() throws Exception {
        Path dir = recorded("report", 3, "");
        String ok = "\tok";
        Files.writeString(dir.resolve("results.tsv"), String.join("\n",
                "work\ttool\trows\tparallelism\trun\tseconds\tpeak_rss_kb\tclient_cpu_s\tserver_cpu_s\tcheck",
                "csv_bank\tpsql\t1000\t2\t1\t4.000\t10240\t0.1\t1.0" + ok,
                "csv_bank\tpsql2\t1000\t2\t1\t2.000\t10240\t0.2\t1.6" + ok,
                "csv_bank\tjvm\t1000\t2\t1\t5.000\t51200\t0.4\t1.0" + ok,
                "csv_bank\tjar\t1000\t2\t1\t2.500\t102400\t1.0\t1.0" + ok,
                "csv_bank\tpsql\t1000\t2\t2\t2.000\t10240\t0.1\t1.0" + ok,
                "csv_bank\tjvm\t1000\t2\t2\t4.000\t51200\t0.4\t1.0" + ok,
                "csv_bank\tjar\t1000\t2\t2\t1.000\t204800\t1.0\t1.0\tWRONG(999 1)",
                "csv_bank\tpsql\t1000\t2\t3\t3.000\t10240\t0.1\t1.0" + ok,
                "csv_bank\tjvm\t1000\t2\t3\t6.000\t51200\t0.4\t1.0" + ok,
                "csv_bank\tjar\t1000\t2\t3\t1.500\t102400\t1.0\t1.0" + ok,
                // a --scale run of the same size at parallelism 1: not part of the comparison at parallelism 2
                "csv_bank\tjvm\t1000\t1\t1\t9.000\t51200\t0.4\t1.0" + ok, ""));
        String printed = report(dir);
        List<String> table = Files.readAllLines(dir.resolve("results.md")).stream().filter(l -> l.startsWith("| CSV")).toList();
        // psql: median of 4, 2, 3 = 3 s; the halves (one run): 2 s; the floor: 5 s; the jar: the failed 1 s run left out, median of 2.5 and 1.5 = 2 s
        assertEquals(List.of(
                "| CSV → PG, bank_data (21 columns) | psql `\\copy` (reference) | 3.00 s | 333 | 1.00× | 10 MB | 100.00 µs | 1000.00 µs | 18% | 3 ok |",
                "| CSV → PG, bank_data (21 columns) | two psql `\\copy` of the file's halves at once (the server parses, two backends) | 2.00 s"
                        + " | 500 | 1.50× | 10 MB | 200.00 µs | 1600.00 µs | 45% | 1 ok |",
                "| CSV → PG, bank_data (21 columns) | a JVM with pgjdbc moving the bytes, nothing decoded (bench/JvmFloor.java) | 5.00 s | 200"
                        + " | 0.60× | 50 MB | 400.00 µs | 1000.00 µs | 14% | 3 ok |",
                "| CSV → PG, bank_data (21 columns) | syncc job jar, parallelism 2 | 2.00 s | 500 | 1.50× | 100 MB | 1000.00 µs | 1000.00 µs"
                        + " | 50% | 2 ok, 1 WRONG(999 1) |"), table);
        assertTrue(printed.contains("bench: wrote " + dir.resolve("results.md")), printed);
    }

    @Test
    void theReportsTableBySizeHasTheReferenceTheFloorAndEachParallelism() throws Exception {
        Path dir = recorded("report-scale", 1, "100 10000");
        StringBuilder tsv = new StringBuilder("work\ttool\trows\tparallelism\trun\tseconds\tpeak_rss_kb\tclient_cpu_s\tserver_cpu_s\tcheck\n");
        for (String[] r : new String[][] {{"pipe", "100", "1", "0.100"}, {"jvm", "100", "1", "0.500"}, {"jar", "100", "1", "1.000"},
                {"jar", "100", "2", "2.000"}, {"pipe", "10000", "1", "1.000"}, {"jvm", "10000", "1", "1.250"}, {"jar", "10000", "1", "2.000"},
                {"jar", "10000", "2", "1.000"}}) {
            tsv.append("pg_bank\t").append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append("\t1\t").append(r[3])
                    .append("\t20480\t0.1\t0.1\tok\n");
        }
        Files.writeString(dir.resolve("results.tsv"), tsv.toString());
        String printed = report(dir);
        List<String> table = Files.readAllLines(dir.resolve("results.md")).stream().filter(l -> l.startsWith("| PG → PG |")).toList();
        assertEquals(List.of(
                "| PG → PG | pipe (reference) | 1000 · 20 MB | 10000 · 20 MB |",
                "| PG → PG | JVM floor (bench/JvmFloor.java) | 200 · 20 MB · 0.20× | 8000 · 20 MB · 0.80× |",
                "| PG → PG | syncc jar, parallelism 1 | 100 · 20 MB · 0.10× | 5000 · 20 MB · 0.50× |",
                "| PG → PG | syncc jar, parallelism 2 | 50 · 20 MB · 0.05× | 10000 · 20 MB · 1.00× |"), table);
    }
}
