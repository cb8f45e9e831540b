package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import io.syncc.runtime.codegen.Conversions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples under samples/ run end to end through the CLI against a real PostgreSQL. */
class SamplesTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @Test
    void quickstartLoadsEveryRowWithTheSameValues() throws Exception {
        Cli.Result r = Cli.run("run", SAMPLES.resolve("quickstart/bank_data.sync").toString(), "--no-progress", "--work-dir", work.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows written  1,000"), r.out());
        assertEquals(1000, TestDb.count("bank_data"));
        // every value, compared as text: PostgreSQL's rendering of the loaded rows vs the CSV
        String sql = "SELECT md5(string_agg(t, E'\\n' ORDER BY t COLLATE \"C\")) FROM (SELECT concat_ws('|', age, job, marital,"
                + " education, creditcard, housing, loan, contact, month, day_of_week, duration, campaign, pdays, previous, poutcome,"
                + " emp_var_rate, cons_price_idx, cons_conf_idx, euribor3m, nr_employed, y) AS t FROM bank_data) x";
        assertEquals(md5OfCsv(SAMPLES.resolve("quickstart/data/bank_data.csv")), TestDb.text(sql));
        // overwrite mode: a second run replaces the rows instead of adding to them
        assertEquals(0, Cli.run("run", SAMPLES.resolve("quickstart/bank_data.sync").toString(), "--no-progress", "--work-dir", work.toString()).exitCode());
        assertEquals(1000, TestDb.count("bank_data"));
    }

    @Test
    void pgToPgRenamesDefaultsConvertsAndReplaces() throws Exception {
        Cli.Result seed = Cli.run("run", SAMPLES.resolve("pg_to_pg/seed.sync").toString(), "--no-progress", "--work-dir", work.toString());
        assertEquals(0, seed.exitCode(), seed.toString());
        assertEquals(500, TestDb.count("orders"));
        for (int run = 0; run < 2; run++) {
            Cli.Result r = Cli.run("run", SAMPLES.resolve("pg_to_pg/orders.sync").toString(), "--no-progress", "--work-dir", work.toString(), "-p", "bizdate=20260101");
            assertEquals(0, r.exitCode(), r.toString());
        }
        assertEquals(500, TestDb.count("fact_orders"), "on conflict replace: the second run does not duplicate rows");
        long emptyStatus = Files.readAllLines(SAMPLES.resolve("pg_to_pg/data/orders.csv")).stream().skip(1)
                .filter(l -> l.split(",", -1)[2].isEmpty()).count();
        assertTrue(emptyStatus > 0);
        assertEquals(emptyStatus, TestDb.count("fact_orders WHERE status = 'unknown'"), "default for null status");
        assertEquals("Farah Khan|shipped|2026-11-02 02:52:34|pg_to_pg|2026-01-01|2071.01",
                TestDb.text("SELECT concat_ws('|', customer_name, status, ordered_at, source_system, load_date, amount)"
                        + " FROM fact_orders WHERE order_id = 1"));
        assertEquals("order_id", TestDb.text("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = i.indkey[0] WHERE i.indrelid = 'fact_orders'::regclass AND i.indisprimary"));
    }

    @Test
    void incrementalCopiesOnlyTheChangedRows() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS customers, dim_customers", "DROP TABLE IF EXISTS _syncc_watermark");
        Path dir = SAMPLES.resolve("incremental");
        Cli.Result seed = Cli.run("run", dir.resolve("seed.sync").toString(), "--no-progress", "--work-dir", work.toString());
        assertEquals(0, seed.exitCode(), seed.toString());
        String[] expected = {"rows read     200", "rows read     0", "rows read     15"};
        for (int run = 0; run < 3; run++) {
            if (run == 2) {
                Cli.Result changes = Cli.run("run", dir.resolve("changes.sync").toString(), "--no-progress", "--work-dir", work.toString());
                assertEquals(0, changes.exitCode(), changes.toString());
            }
            Cli.Result r = Cli.run("run", dir.resolve("customers.sync").toString(), "--no-progress", "--work-dir", work.toString());
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains(expected[run]), r.out());
            assertEquals(0, TestDb.difference("customers", "dim_customers"), r.out());
        }
        assertEquals(205, TestDb.count("dim_customers"));
        assertEquals(10, TestDb.count("dim_customers WHERE id <= 200 AND updated_at >= '2026-11-23'"));
    }

    @Test
    void partitionedLoadsOneBusinessDateIntoItsOwnPartition() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS holo_test CASCADE");
        Path job = SAMPLES.resolve("partitioned/odps_to_holo.sync");
        for (String day : new String[] {"20260101", "20260102", "20260101"}) {
            Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", work.toString(), "-p", "bizdate=" + day);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("rows written  120"), r.out());
        }
        for (String day : new String[] {"20260101", "20260102"}) {
            // the oracle: the day's files, summed here, against what its child holds
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            long rows = 0;
            try (var files = Files.walk(SAMPLES.resolve("partitioned/data/odps_table/sale_date=" + day))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    for (String line : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) {
                        sum = sum.add(new java.math.BigDecimal(line.split(",")[2]));
                        rows++;
                    }
                }
            }
            assertEquals(rows + "|" + sum.stripTrailingZeros().toPlainString() + "|" + day, TestDb.text("SELECT count(*) || '|'"
                    + " || trim_scale(sum(amount::numeric)) || '|' || string_agg(DISTINCT sale_date, ',') FROM holo_test_" + day));
        }
        assertEquals(240, TestDb.count("holo_test"));
        Cli.Result none = Cli.run("run", job.toString(), "--no-progress", "--work-dir", work.toString(), "-p", "bizdate=20260103");
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.out().contains("matches none of the 6 partitions"), none.out());
    }

    /** The events sample writes a file, so it runs on a copy of its folder. */
    @Test
    void eventsLoadJsonLinesAndExportACsvFile() throws Exception {
        Path copy = work.resolve("events");
        try (var files = Files.walk(SAMPLES.resolve("events"))) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(SAMPLES.resolve("events").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        TestDb.exec("DROP TABLE IF EXISTS events");
        Path job = copy.resolve("events.sync");
        Cli.Result load = Cli.run("run", job.toString(), "--job", "load_events", "--no-progress", "--work-dir", work.toString());
        assertEquals(0, load.exitCode(), load.toString());
        assertEquals(300, TestDb.count("events"));
        assertEquals("event_id integer|user_name text|kind text|at timestamp without time zone|amount double precision|device jsonb"
                + "|tags jsonb|origin text", TestDb.text("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), '|'"
                + " ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attnum > 0"));
        // every value is what PostgreSQL reads from the same lines
        StringBuilder lines = new StringBuilder();
        for (String l : Files.readAllLines(copy.resolve("logs/events.jsonl"))) {
            lines.append(l).append('\n');
        }
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM (SELECT (j->>'event_id')::int, j->>'user', j->>'kind', (j->>'at')::timestamp,"
                + " (j->>'amount')::float8, j->'device', j->'tags', 'app-log' FROM (SELECT line::jsonb AS j FROM regexp_split_to_table("
                + io.syncc.runtime.util.Sql.quoteLiteral(lines.toString().strip()) + ", E'\\n') line) s"
                + " EXCEPT ALL SELECT * FROM events) d"));
        Cli.Result export = Cli.run("run", job.toString(), "--job", "export_purchases", "--no-progress", "--work-dir", work.toString());
        assertEquals(0, export.exitCode(), export.toString());
        List<String> csv = Files.readAllLines(copy.resolve("exports/purchases.csv"));
        assertEquals("event_id,user_name,kind,at,amount,origin", csv.get(0));
        assertEquals(TestDb.count("events WHERE kind = 'purchase'"), csv.size() - 1);
    }

    /** The CSV's rows rendered the way PostgreSQL renders the loaded values, joined like the SQL above. */
    static String md5OfCsv(Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",", -1);
            for (int i = 15; i <= 19; i++) {
                f[i] = Conversions.text(Double.parseDouble(f[i]));
            }
            rows.add(String.join("|", f));
        }
        rows.sort(null);
        byte[] digest = MessageDigest.getInstance("MD5").digest(String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
