package io.syncc.runtime.exec;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A split is written by one COPY however many rows it has (PostgreSQL gives each COPY statement
 * its own ring of buffers; a COPY every 20,000 rows cost the server a quarter more CPU): past the
 * 20,000 rows the writer keeps to isolate rejected rows, it sends them and goes on. A row rejected
 * after that makes the split be written again, from its source, in batches the writer keeps: every
 * rejected row is then dirty with its place and the server's reason, every other row written once.
 * The oracle is PostgreSQL: rows inserted by one COPY under one savepoint share one transaction id
 * ({@code xmin}), and the targets' checksums are compared with PostgreSQL's own load of the rows.
 */
class LongCopyTest extends ServerTest {

    static final int ROWS = 60_000;
    /** Rows the sink rejects, by 0-based position: in the first batch, around the 20,000th row, and after it. */
    static final int[] REJECTED = {3, 19_999, 20_000, 33_333, ROWS - 1};

    static Path lake;
    static int tables;

    @BeforeAll
    static void data() throws Exception {
        lake = tmp.resolve("lake");
        List<String[]> rows = Fixtures.rows(31, ROWS, 1);
        Fixtures.writeCsv(lake.resolve("clean.csv"), rows);
        Fixtures.loadWithPostgres(server, "clean_expected", rows);
        List<String[]> rejected = Fixtures.rows(31, ROWS, 1);
        for (int i : REJECTED) {
            rejected.get(i)[1] = "REJECT ME";
        }
        Fixtures.writeCsv(lake.resolve("rejected.csv"), rejected);
        Fixtures.loadWithPostgres(server, "rejected_expected", rejected);
        // the same rows as a PostgreSQL source, in id order (one page-range split with one writer)
        exec(server, "CREATE TABLE rejected_src AS SELECT * FROM rejected_expected ORDER BY id", "VACUUM ANALYZE rejected_src");
        // 200,000 narrow rows: with two writers, eight page ranges of some 25,000 rows each
        exec(server, "CREATE TABLE wide_src AS SELECT g::bigint AS id, CASE WHEN g IN (24000, 150010, 199999) THEN 'REJECT ME'"
                + " ELSE md5(g::text) END AS name, (g % 1000)::numeric(12,2) AS amount, g / 7.0::float8 AS score,"
                + " date '2000-01-01' + (g % 9000) AS born, timestamp '2020-01-01' + g * interval '1 second' AS seen,"
                + " g % 3 = 0 AS active FROM generate_series(1, 200000) g ORDER BY g", "VACUUM ANALYZE wide_src");
    }

    static String target(boolean rejecting) throws Exception {
        String t = "lc_" + (tables++);
        exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL);
        if (rejecting) {
            exec(server, "ALTER TABLE " + t + " ADD CONSTRAINT no_reject CHECK (name IS DISTINCT FROM 'REJECT ME')");
        }
        return t;
    }

    static JobReport run(SourcePlan source, String target, int parallelism) {
        JobPlan plan = Fixtures.job("lc_" + target, source,
                Fixtures.sink(server, target, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND),
                Fixtures.channel(parallelism, 100));
        return JobRunner.run(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + target), false, false));
    }

    @Test
    void aSplitOfSixtyThousandRowsIsOneCopy() throws Exception {
        String t = target(false);
        JobReport r = run(Fixtures.csvSource(lake, "clean"), t, 1);
        assertNull(r.failure());
        assertEquals(1, r.splits());
        assertEquals(ROWS, r.rowsWritten());
        assertEquals(0, r.retries());
        assertEquals(checksum(server, "clean_expected"), checksum(server, t));
        // one COPY under one savepoint: every row carries the same subtransaction id (three COPYs of
        // at most 20,000 rows would leave three)
        assertEquals(1, Fixtures.queryLong(server, "SELECT count(DISTINCT xmin::text) FROM " + t));
    }

    @Test
    void aRowRejectedAfterRowsWereSentMakesTheSplitBeWrittenAgainAndEveryRejectedRowIsDirty() throws Exception {
        String t = target(true);
        JobReport r = run(Fixtures.csvSource(lake, "rejected"), t, 1);
        assertNull(r.failure());
        assertEquals(1, r.splits());
        assertEquals(ROWS, r.rowsRead()); // the first attempt's rows are not counted twice
        assertEquals(ROWS - REJECTED.length, r.rowsWritten());
        assertEquals(REJECTED.length, r.dirtyRows());
        assertEquals(0, r.retries()); // written again, not retried: nothing failed
        assertEquals(checksum(server, "(SELECT * FROM rejected_expected WHERE name IS DISTINCT FROM 'REJECT ME')"), checksum(server, t));
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM (SELECT id FROM " + t + " GROUP BY id HAVING count(*) > 1) d"));
        List<String> lines = Files.readAllLines(r.dirtyFile());
        assertEquals(REJECTED.length, lines.size());
        ObjectMapper json = new ObjectMapper();
        List<String> where = new ArrayList<>();
        for (String line : lines) {
            JsonNode d = json.readTree(line);
            assertEquals("REJECT ME", d.get("values").get("name").asText());
            assertTrue(d.get("reason").asText().startsWith("rejected by the sink: ERROR: new row for relation \"" + t
                    + "\" violates check constraint \"no_reject\""), d.toString());
            where.add(d.get("values").get("id").asText() + " " + d.get("location").asText().replaceAll(" of split .*", ""));
        }
        // each row's place in its split, counted from 1 (ids are positions + 1)
        assertEquals(List.of("4 row 4", "20000 row 20000", "20001 row 20001", "33334 row 33334", "60000 row 60000"), where);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void splitsReadByOneScanAreWrittenAgainFromTheirPagesWhenARowIsRejectedLate(int parallelism) throws Exception {
        String t = target(true);
        JobReport r = run(Fixtures.pgSource(server, "wide_src", null, null), t, parallelism);
        assertNull(r.failure());
        // four page ranges of 50,000 rows with one writer, eight of some 25,000 with two: more than a
        // batch the writer keeps; rows 24,000 and 199,999 (or 150,010) lie past their split's first 20,000
        assertEquals(4 * parallelism, r.splits());
        assertEquals(200_000, r.rowsRead());
        assertEquals(199_997, r.rowsWritten());
        assertEquals(3, r.dirtyRows());
        assertEquals(0, r.retries());
        assertEquals(checksum(server, "(SELECT * FROM wide_src WHERE name <> 'REJECT ME')"), checksum(server, t));
        List<String> ids = Files.readAllLines(r.dirtyFile()).stream()
                .map(l -> l.replaceAll(".*\"id\":\"(\\d+)\".*", "$1")).sorted().toList();
        assertEquals(List.of("150010", "199999", "24000"), ids);
        assertEquals(0, Fixtures.queryLong(server, "SELECT count(*) FROM (SELECT id FROM " + t + " GROUP BY id HAVING count(*) > 1) d"));
    }

    @Test
    void aTransientFailureWhileTheSplitIsWrittenAgainIsRetried() throws Exception {
        String t = target(true);
        // a lost connection, once, when row 50,000 is stored: the first attempt's COPY failed on the
        // rejected rows, so this happens while the split is written again (adapted from a review)
        exec(server, "CREATE SEQUENCE " + t + "_fault", "CREATE FUNCTION " + t + "_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.id = 50000 AND nextval('" + t + "_fault') = 1 THEN"
                + " RAISE EXCEPTION 'simulated connection failure' USING ERRCODE = '08006'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER fault BEFORE INSERT ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + t + "_fault()");
        JobReport r = run(Fixtures.csvSource(lake, "rejected"), t, 1);
        assertNull(r.failure(), () -> String.valueOf(r.failure()));
        assertEquals(1, r.retries());
        assertEquals(ROWS, r.rowsRead());
        assertEquals(ROWS - REJECTED.length, r.rowsWritten());
        assertEquals(REJECTED.length, r.dirtyRows());
        assertEquals(REJECTED.length, Files.readAllLines(r.dirtyFile()).size());
        assertEquals(checksum(server, "(SELECT * FROM rejected_expected WHERE name IS DISTINCT FROM 'REJECT ME')"), checksum(server, t));
    }

    @Test
    void theFirstAttemptsDirtyRowsAreFiledOnceAndNotAsRolledBack() throws Exception {
        List<String[]> rows = Fixtures.rows(32, ROWS, 1);
        rows.get(9)[2] = "not a number"; // the mapper's dirty row: in the first attempt and again in the rewrite
        rows.get(33_333)[1] = "REJECT ME";
        Fixtures.writeCsv(lake.resolve("mixed.csv"), rows);
        String t = target(true);
        JobReport r = run(Fixtures.csvSource(lake, "mixed"), t, 1);
        assertNull(r.failure());
        assertEquals(2, r.dirtyRows());
        List<String> lines = Files.readAllLines(r.dirtyFile());
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("not a number") && lines.get(1).contains("REJECT ME"), lines.toString());
        Path rolledBack = r.dirtyFile().resolveSibling(r.dirtyFile().getFileName().toString().replace(".jsonl", ".rolled-back.jsonl"));
        assertEquals(List.of(), Files.exists(rolledBack) ? Files.readAllLines(rolledBack) : List.of(), "no split rolled back");
    }

    /** What a {@link RunListener} sees of a split written again: it is told, so it can forget the split's dirty rows. */
    @Test
    void aListenerIsToldWhenASplitIsWrittenAgain() throws Exception {
        List<String[]> rows = Fixtures.rows(33, ROWS, 1);
        rows.get(9)[2] = "not a number";
        rows.get(33_333)[1] = "REJECT ME";
        Fixtures.writeCsv(lake.resolve("told.csv"), rows);
        String t = target(true);
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void splitStarted(String splitId, int attempt) {
                events.add("started " + attempt);
            }

            @Override
            public void splitRewritten(String splitId, String reason) {
                events.add("written again: " + reason.replaceAll(" \\(ERROR: .*", ""));
            }

            @Override
            public void dirtyRow(String splitId, String location, String reason) {
                events.add("dirty " + location.replaceAll(" of split .*", ""));
            }

            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                events.add("committed " + rowsRead + " " + rowsWritten + " " + dirtyRows);
            }
        };
        JobPlan plan = Fixtures.job("lc_" + t, Fixtures.csvSource(lake, "told"),
                Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 100));
        JobReport r = JobRun.start(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work-" + t), false, false), listener).await();
        assertNull(r.failure());
        // the mapper's dirty row is reported by both writings (its CSV line: values hold line breaks);
        // the sink's by the second, at its place among the rows sent to the sink
        assertEquals(List.of("started 0", "dirty told.csv line 13", "written again: the target rejected a row", "started 0",
                "dirty told.csv line 13", "dirty row 33333", "committed " + ROWS + " " + (ROWS - 2) + " 2"), events);
    }
}
