package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code split by} on keys with NULL, infinities, NaN, BC dates, extremes and huge numerics: every
 * row arrives exactly once (the target equals the source, EXCEPT ALL both ways and by count), in
 * more than one split; floating-point keys are refused by {@code check} with a located message.
 */
class SplitByTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("bigint", "(-9223372036854775808), (9223372036854775807), (0), (-1), (1), (NULL), (NULL)", "i::bigint * 1000003"),
                Arguments.of("smallint", "(-32768), (32767), (NULL)", "(i % 30000)::smallint"),
                Arguments.of("numeric", "('NaN'), ('Infinity'), ('-Infinity'), ('1e1000'), ('-1e1000'), ('1e-1000'), (NULL), ('NaN')",
                        "i * 1.5"),
                Arguments.of("date", "('infinity'), ('-infinity'), ('4714-11-24 BC'), ('0044-03-15 BC'), ('5874897-12-31'), (NULL)",
                        "date '2020-01-01' + i"),
                Arguments.of("timestamp", "('infinity'), ('-infinity'), ('4714-11-24 00:00:00 BC'), ('294247-01-10 04:00:54.775806'), (NULL)",
                        "timestamp '2020-01-01' + i * interval '1 hour'"),
                Arguments.of("timestamptz", "('infinity'), ('-infinity'), ('0044-03-15 10:00:00+00 BC'), ('2020-06-01 12:00:00+05'), (NULL)",
                        "timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute'"));
    }

    @ParameterizedTest(name = "split by a {0} key")
    @MethodSource("keys")
    void everyRowArrivesExactlyOnce(String type, String edges, String series) throws Exception {
        String src = "split_src_" + type;
        String dst = "split_dst_" + type;
        TestDb.exec("DROP TABLE IF EXISTS " + src, "DROP TABLE IF EXISTS " + dst,
                "CREATE TABLE " + src + " (k " + type + ", v text)", "CREATE TABLE " + dst + " (k " + type + ", v text)",
                "INSERT INTO " + src + " (k) VALUES " + edges,
                "INSERT INTO " + src + " SELECT " + series + ", 'row ' || i FROM generate_series(1, 500) i",
                "UPDATE " + src + " SET v = coalesce(v, 'edge ' || ctid::text)");
        Path job = Projects.write(dir, "job s {\n  source pg." + src + " { split by k }\n  sink pg." + dst
                + "\n  map by name { }\n  channel { parallelism 3  errors 0 }\n}\n", null, null);
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Matcher splits = Pattern.compile("splits\\s+(\\d+)").matcher(r.out());
        assertTrue(splits.find() && Integer.parseInt(splits.group(1)) > 3, r.out());
        String same = "SELECT count(*) FROM ((SELECT k, v FROM " + src + " EXCEPT ALL SELECT k, v FROM " + dst
                + ") UNION ALL (SELECT k, v FROM " + dst + " EXCEPT ALL SELECT k, v FROM " + src + ")) d";
        assertEquals(0, TestDb.longValue(same), "rows differ between " + src + " and " + dst);
        assertEquals(TestDb.count(src), TestDb.count(dst));
    }

    @Test
    void aFloatingPointKeyIsRefusedByCheckWithItsLocation() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS split_float", "CREATE TABLE split_float (k double precision, v text)");
        Path job = Projects.write(dir, "job f {\n  source pg.split_float {\n    split by k\n  }\n  sink pg.split_float_out { create if missing }\n}\n",
                null, null);
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue((r.out() + r.err()).contains("job.sync:3:14: error[SYN404]: split by cannot divide a floating-point column; 'k' is double precision"),
                r.toString());
    }
}
