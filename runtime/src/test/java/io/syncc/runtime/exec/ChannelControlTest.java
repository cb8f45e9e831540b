package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dirty-record budget (count and ratio), rows the sink rejects, and the global rate limit. */
class ChannelControlTest {

    static EmbeddedServer server;
    static Path lake;
    static List<String[]> rows;

    @TempDir
    static Path tmp;

    static int tables;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startTemporary();
        lake = tmp.resolve("lake");
        rows = Fixtures.rows(5, 1000, 1);
        List<String[]> bad = Fixtures.rows(5, 1000, 1);
        bad.get(10)[2] = "abc";                            // not a number
        bad.set(500, new String[] {"501", "short", "1.00", "2", "2020-01-01", "2020-01-01 00:00:00"}); // 6 fields
        bad.get(900)[4] = "2024-13-45";                    // not a date
        Fixtures.writeCsv(lake.resolve("dirty3.csv"), bad);
        List<String[]> rejected = Fixtures.rows(8, 5000, 1);
        rejected.get(77)[1] = "REJECT ME";
        rejected.get(4321)[1] = "REJECT ME";
        Fixtures.writeCsv(lake.resolve("rejected.csv"), rejected);
        Fixtures.loadWithPostgres(server, "rejected_expected", rejected);
        Fixtures.writeCsv(lake.resolve("clean.csv"), rows);
        // three COPY batches of up to 20,000 rows, each streamed in 256 KB pieces while it is encoded
        List<String[]> many = Fixtures.rows(9, 50_000, 1);
        for (int i : new int[] {3, 19_999, 20_000, 33_333, 49_999}) {
            many.get(i)[1] = "REJECT ME";
        }
        Fixtures.writeCsv(lake.resolve("many.csv"), many);
        Fixtures.loadWithPostgres(server, "many_expected", many);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String newTable() throws Exception {
        String t = "cc_" + (tables++);
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL);
        return t;
    }

    static JobReport run(String file, String table, ChannelPlan channel, WriteMethod write) {
        JobPlan plan = Fixtures.job("cc_" + table, Fixtures.csvSource(lake, file),
                Fixtures.sink(server, table, write, ConflictStrategy.NONE, LoadMode.APPEND), channel);
        return JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, true));
    }

    @Test
    void countBudgetKeepsDirtyRowsWithTheirReason() throws Exception {
        String t = newTable();
        JobReport r = run("dirty3", t, Fixtures.channel(1, 3), WriteMethod.COPY);
        assertNull(r.failure());
        assertEquals(1000, r.rowsRead());
        assertEquals(997, r.rowsWritten());
        assertEquals(3, r.dirtyRows());
        assertEquals(997, Fixtures.count(server, t));
        List<String> lines = Files.readAllLines(r.dirtyFile());
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
                // id 11's record begins on physical line 14: two names before it hold quoted newlines
        assertEquals("dirty3.csv line 14", first.get("location").asText());
        assertTrue(Files.readAllLines(lake.resolve("dirty3.csv")).get(13).startsWith("11,"));
        assertEquals("abc", first.get("fields").get(2).asText());
        assertEquals("column amount: cannot read \"abc\" as numeric", first.get("reason").asText());
        JsonNode second = json.readTree(lines.get(1));
        assertEquals("expected 7 fields but the record has 6", second.get("reason").asText());
        assertEquals("short", second.get("fields").get(1).asText());
        JsonNode third = json.readTree(lines.get(2));
        // the server's words for a month 13
        assertEquals("column born: date/time field value out of range: \"2024-13-45\"", third.get("reason").asText());
        assertTrue(third.get("split").asText().startsWith("dirty3.csv@0-"));
    }

    @Test
    void exceedingTheCountBudgetFailsAndRollsBackTheSplit() throws Exception {
        String t = newTable();
        JobReport r = run("dirty3", t, Fixtures.channel(1, 2), WriteMethod.COPY);
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("dirty-record budget exceeded: 3 dirty rows, the budget allows 2"), r.failure());
        assertEquals(0, Fixtures.count(server, t));
    }

    @Test
    void ratioBudgetIsCheckedAgainstRowsRead() throws Exception {
        String ok = newTable();
        JobReport r = run("dirty3", ok, new ChannelPlan(2, 0, 0, -1, 0.005), WriteMethod.INSERT);
        assertNull(r.failure());
        assertEquals(3, r.dirtyRows());
        assertEquals(997, Fixtures.count(server, ok));

        String over = newTable();
        JobReport f = run("dirty3", over, new ChannelPlan(2, 0, 0, -1, 0.002), WriteMethod.INSERT);
        assertFalse(f.succeeded());
        assertTrue(f.failure().startsWith("dirty-record budget exceeded: 3 dirty rows of 1000 read (0.30%), the budget allows 0.2%"),
                f.failure());
    }

    @Test
    void theRatioIsAlsoCheckedWhileRunning() throws Exception {
        List<String[]> many = Fixtures.rows(9, 30_000, 1);
        for (int i = 0; i < many.size(); i += 10) {
            many.get(i)[3] = "not a double";
        }
        Fixtures.writeCsv(lake.resolve("tenth.csv"), many);
        String t = newTable();
        JobReport r = run("tenth", t, new ChannelPlan(1, 0, 0, -1, 0.01), WriteMethod.COPY);
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("dirty-record budget exceeded:"), r.failure());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+ dirty rows of (\\d+) read").matcher(r.failure());
        assertTrue(m.find(), r.failure());
        long readWhenStopped = Long.parseLong(m.group(1));
        assertTrue(readWhenStopped >= DirtyRecords.RATIO_MIN_ROWS && readWhenStopped < 30_000, "stopped early: " + readWhenStopped);
        // the split rolled back: the report counts committed work only (read = written + dirty)
        assertEquals(0, r.rowsRead());
        assertEquals(0, Fixtures.count(server, t));
    }

    @Test
    void previewShowsMappedRowsOfTheFirstSplit() {
        JobPlan plan = Fixtures.job("preview", Fixtures.csvSource(lake, "dirty3"),
                Fixtures.sink(server, "not_created", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
        List<String[]> p = JobRunner.preview(plan, new BankJob(), new RunOptions(Map.of(), tmp, false, false), 12);
        assertEquals(12, p.size());
        assertEquals("1", p.get(0)[0]);
        assertEquals("13", p.get(11)[0]); // record 11 (id 11) is dirty and left out
    }

    @ParameterizedTest
    @EnumSource(WriteMethod.class)
    void rowsTheSinkRejectsAreIsolatedFromTheirBatch(WriteMethod write) throws Exception {
        String t = newTable();
        exec(server, "ALTER TABLE " + t + " ADD CONSTRAINT no_reject CHECK (name IS DISTINCT FROM 'REJECT ME')");
        JobReport r = run("rejected", t, Fixtures.channel(2, 10), write);
        assertNull(r.failure());
        assertEquals(5000, r.rowsRead());
        assertEquals(4998, r.rowsWritten());
        assertEquals(2, r.dirtyRows());
        assertEquals(checksum(server, "(SELECT * FROM rejected_expected WHERE name IS DISTINCT FROM 'REJECT ME')"),
                checksum(server, t));
        List<String> lines = Files.readAllLines(r.dirtyFile());
        assertEquals(2, lines.size());
        JsonNode d = new ObjectMapper().readTree(lines.get(0));
        assertEquals("REJECT ME", d.get("values").get("name").asText());
        assertTrue(d.get("reason").asText().contains("violates check constraint \"no_reject\""), d.toString());
    }

    @ParameterizedTest
    @EnumSource(value = ConflictStrategy.class, names = {"NONE", "REPLACE"})
    void rowsRejectedInStreamedBatchesAreIsolatedToo(ConflictStrategy conflict) throws Exception {
        String t = newTable();
        exec(server, "ALTER TABLE " + t + " ADD CONSTRAINT no_reject CHECK (name IS DISTINCT FROM 'REJECT ME')");
        JobPlan plan = Fixtures.job("cc_" + t, Fixtures.csvSource(lake, "many"),
                Fixtures.sink(server, t, WriteMethod.COPY, conflict, LoadMode.APPEND), Fixtures.channel(1, 5));
        JobReport r = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, true));
        assertNull(r.failure());
        assertEquals(50_000, r.rowsRead());
        assertEquals(49_995, r.rowsWritten());
        assertEquals(5, r.dirtyRows());
        assertEquals(checksum(server, "(SELECT * FROM many_expected WHERE name IS DISTINCT FROM 'REJECT ME')"), checksum(server, t));
        List<String> ids = Files.readAllLines(r.dirtyFile()).stream()
                .map(l -> l.replaceAll(".*\"id\":\"(\\d+)\".*", "$1")).sorted().toList();
        assertEquals(List.of("20000", "20001", "33334", "4", "50000"), ids);
    }

    @Test
    void theRateLimitIsHonoured() throws Exception {
        String t = newTable();
        long rate = 4000;
        JobReport r = run("clean", t, new ChannelPlan(2, rate, 0, 0, -1), WriteMethod.COPY);
        assertNull(r.failure());
        assertEquals(1000, r.rowsWritten());
        double minSeconds = (r.rowsRead() - RateLimiter.burst(rate)) / (double) rate;
        assertTrue(r.elapsed().toNanos() / 1e9 >= minSeconds, r.elapsed() + " < " + minSeconds + " s");
    }

    @Test
    void theByteRateLimitIsHonoured() throws Exception {
        String t = newTable();
        long rate = 100_000;
        JobReport r = run("clean", t, new ChannelPlan(1, 0, rate, 0, -1), WriteMethod.COPY);
        assertNull(r.failure());
        assertTrue(r.bytesRead() > 50_000, "bytes " + r.bytesRead());
        double minSeconds = (r.bytesRead() - RateLimiter.burst(rate)) / (double) rate;
        assertTrue(r.elapsed().toNanos() / 1e9 >= minSeconds, r.elapsed() + " < " + minSeconds + " s");
    }
}
