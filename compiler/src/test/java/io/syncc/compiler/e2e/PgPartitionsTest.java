package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned PostgreSQL source: {@code partition sale_date = "${bizdate}"} reads only the
 * partitions the server prunes the clause to, each divided by its own pages; without a clause every
 * partition is split on its own. The oracle is the server's answer to the same filter.
 */
class PgPartitionsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @BeforeEach
    void sales() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS pgp_sales, pgp_copy, pgp_plain CASCADE",
                "CREATE TABLE pgp_sales (id int, sale_date text NOT NULL, n int NOT NULL, note text) PARTITION BY LIST (sale_date)",
                "CREATE TABLE pgp_sales_a PARTITION OF pgp_sales FOR VALUES IN ('20260101')",
                "CREATE TABLE pgp_sales_b PARTITION OF pgp_sales FOR VALUES IN ('20260102') PARTITION BY RANGE (n)",
                "CREATE TABLE pgp_sales_b1 PARTITION OF pgp_sales_b FOR VALUES FROM (0) TO (500)",
                "CREATE TABLE pgp_sales_b2 PARTITION OF pgp_sales_b FOR VALUES FROM (500) TO (100000)",
                "CREATE TABLE pgp_sales_c PARTITION OF pgp_sales FOR VALUES IN ('20260201')",
                "INSERT INTO pgp_sales SELECT g, (ARRAY['20260101', '20260102', '20260201'])[g % 3 + 1], g % 1000, repeat('x', 200)"
                        + " FROM generate_series(1, 6000) g",
                "CREATE TABLE pgp_plain (id int)");
    }

    private Cli.Result run(String clause, String... extra) throws Exception {
        Path job = Projects.write(dir, """
                job pgp {
                  source pg.pgp_sales%s
                  sink pg.pgp_copy { create if missing  mode overwrite }
                  map by name { }
                  channel { parallelism 2 }
                }
                """.formatted(clause), null, null);
        return Cli.runJob(job, dir, extra);
    }

    /** What the copy holds against what the server selects from the source with {@code filter}. */
    private static long difference(String filter) throws Exception {
        return TestDb.difference("(SELECT * FROM pgp_sales WHERE " + filter + ") s", "pgp_copy");
    }

    private static int splits(Cli.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("splits\\s+(\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theClauseReadsOnlyThePartitionsTheServerPrunesItTo() throws Exception {
        Cli.Result one = run(" { partition sale_date = \"${bizdate}\" }", "-p", "bizdate=20260101");
        assertEquals(0, one.exitCode(), one.toString());
        assertEquals(2000, TestDb.count("pgp_copy"));
        assertEquals(0, difference("sale_date = '20260101'"));
        assertTrue(splits(one) > 1, "the partition divided by its pages: " + one.out());

        Cli.Result sub = run(" { partition sale_date in (\"20260102\", \"20991231\"), n between \"0\" and \"499\" }");
        assertEquals(0, sub.exitCode(), sub.toString());
        assertEquals(0, difference("sale_date = '20260102' AND n BETWEEN 0 AND 499"));
        assertEquals(1000, TestDb.count("pgp_copy"));

        Cli.Result glob = run(" { partition sale_date = \"202601*\" }");
        assertEquals(0, glob.exitCode(), glob.toString());
        assertEquals(0, difference("sale_date LIKE '202601%'"));
        assertEquals(4000, TestDb.count("pgp_copy"));
    }

    @Test
    void withoutAClauseEveryLeafIsSplitOnItsOwn() throws Exception {
        Cli.Result all = run("");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(0, difference("TRUE"));
        assertTrue(splits(all) >= 4, "one or more splits per leaf partition: " + all.out());
    }

    @Test
    void nothingMatchingNonKeysAndBadValuesAreErrorsBeforeReading() throws Exception {
        Cli.Result none = run(" { partition sale_date = \"20250101\" }");
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.out().contains("reason        partition sale_date = \"20250101\" matches none of the partitions of"
                + " \"public\".\"pgp_sales\"; add `allow empty` to the source to run with no rows instead"), none.out());

        Cli.Result empty = run(" { partition sale_date = \"20250101\"  allow empty }");
        assertEquals(0, empty.exitCode(), empty.toString());
        assertTrue(empty.out().contains("rows read     0"), empty.out());

        Cli.Result notKey = run(" { partition note = \"x\" }");
        assertEquals(1, notKey.exitCode(), notKey.toString());
        assertTrue(notKey.out().contains("reason        partition note: not a partition key of \"public\".\"pgp_sales\" (its keys:"
                + " n, sale_date)"), notKey.out());

        Cli.Result bad = run(" { partition n = \"many\" }");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.out().contains("reason        partition n: 'many' is not a value of type integer (invalid input syntax for"
                + " type integer: \"many\")"), bad.out());
    }
}
