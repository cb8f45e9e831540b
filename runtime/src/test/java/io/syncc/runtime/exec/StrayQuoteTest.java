package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A quote character where the file has no quoted field must never make records vanish while the
 * job reports success: a quoted field that runs to the end of the file or past the maximum field
 * size stops the job with where the quote opened; a quote that closes later makes one dirty record
 * that names the lines it spans; and rows read always equal rows written plus dirty rows.
 */
class StrayQuoteTest extends ServerTest {

    static int tables;





    /** 2,000 simple rows (no quotes of their own); {@code edits} replace the name of ids (1-based). */
    static Path file(String name, Map<Integer, String> edits) throws Exception {
        StringBuilder b = new StringBuilder(String.join(",", BankJob.COLUMNS)).append('\n');
        for (int id = 1; id <= 2000; id++) {
            String n = edits.getOrDefault(id, "c" + id);
            b.append(id).append(',').append(n).append(",1.50,2.5,2020-01-02,2020-01-02 03:04:05,t\n");
        }
        Path f = tmp.resolve("lake").resolve(name + ".csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    static JobReport run(SourcePlan source, int parallelism, long errors) throws Exception {
        String t = "sq_" + (tables++);
        Fixtures.exec(server, "CREATE TABLE " + t + " " + Fixtures.COLUMNS_DDL);
        JobPlan plan = Fixtures.job(t, source, Fixtures.sink(server, t, WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND),
                Fixtures.channel(parallelism, errors));
        return JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, true));
    }

    /** The reproduction of the issue: record 100 is {@code 100,serv"ices,...}; it used to succeed with 1,900 rows gone. */
    @ParameterizedTest
    @ValueSource(longs = {0, 4096})
    void aQuoteThatNeverClosesStopsTheJobWithItsLine(long chunk) throws Exception {
        if (chunk > 0) {
            System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, Long.toString(chunk)); // many byte-range splits
        }
        file("stray", Map.of(100, "serv\"ices"));
        JobReport r = run(Fixtures.csvSource(tmp.resolve("lake"), "stray"), 2, 10);
        assertFalse(r.succeeded());
        assertEquals(io.syncc.runtime.spi.SyncException.Kind.DATA, r.failureKind());
        assertEquals("stray.csv line 101: the quote at line 101, column 9 is never closed, so the rest of the file would be one"
                + " field; a stray quote? Fix the file or choose a quote character the data does not use", r.failure());
    }

    @Test
    void aQuoteThatClosesLaterMakesOneDirtyRecordNamingItsLines() throws Exception {
        file("pair", Map.of(100, "serv\"ices", 150, "x\"y"));
        JobReport r = run(Fixtures.csvSource(tmp.resolve("lake"), "pair"), 1, 10);
        assertTrue(r.succeeded(), r.failure());
        assertEquals(1950, r.rowsRead());
        assertEquals(1949, r.rowsWritten());
        assertEquals(1, r.dirtyRows());
        assertEquals(r.rowsRead(), r.rowsWritten() + r.dirtyRows());
        JsonNode dirty = new ObjectMapper().readTree(Files.readAllLines(r.dirtyFile()).get(0));
        assertEquals("pair.csv lines 101-151", dirty.get("location").asText());
        assertEquals("a quote opens inside the unquoted text of field 2 at line 101, column 9, and the record runs on to line 151:"
                + " a stray quote? (quote it as \"\" inside a quoted field, or choose another quote character)", dirty.get("reason").asText());
    }

    /**
     * Three stray quotes: the first takes the second as its closing one (one dirty record), and the
     * third is left open. The job stops at the third, and says where the first one is.
     */
    @Test
    void aQuoteLeftOpenAfterAStrayOneNamesTheStrayOne() throws Exception {
        file("odd", Map.of(100, "serv\"ices", 150, "x\"y", 300, "a\"b"));
        JobReport r = run(Fixtures.csvSource(tmp.resolve("lake"), "odd"), 1, 10);
        assertFalse(r.succeeded());
        assertEquals("odd.csv line 301: the quote at line 301, column 6 is never closed, so the rest of the file would be one"
                + " field (the quote inside unquoted text at line 101, column 9, a dirty record, took a later quote as its"
                + " closing one and may have left this one open); a stray quote? Fix the file or choose a quote character the"
                + " data does not use", r.failure());
    }

    /** A stray quote whose quotes close on its own line took no later quote: the message does not name it. */
    @Test
    void aStrayQuoteClosedOnItsOwnLineIsNotBlamed() throws Exception {
        file("balanced", Map.of(100, "a\"b\"c", 300, "x\"y"));
        JobReport r = run(Fixtures.csvSource(tmp.resolve("lake"), "balanced"), 1, 10);
        assertFalse(r.succeeded());
        assertEquals("balanced.csv line 301: the quote at line 301, column 6 is never closed, so the rest of the file would be"
                + " one field; a stray quote? Fix the file or choose a quote character the data does not use", r.failure());
    }

    @Test
    void aQuotedFieldLongerThanTheMaximumStopsTheJob() throws Exception {
        file("long", Map.of(100, "serv\"ices", 1900, "x\"y"));
        CsvDatasourcePlan ds = new CsvDatasourcePlan("lake", tmp.resolve("lake").toString(), true, ',', '"', "", "UTF-8", 10_000);
        JobReport r = run(new SourcePlan(ds, null, "long", Fixtures.sourceColumns(), null, null, 7), 1, 10);
        assertFalse(r.succeeded());
        assertEquals("long.csv line 101: the quote at line 101, column 9 opens a field longer than max_field_size (10000 bytes);"
                + " a stray quote? Fix the file, or raise max_field_size of the datasource if the field is real", r.failure());
    }

    @Test
    void previewReportsTheQuoteInsteadOfShowingMergedRows() throws Exception {
        Path f = tmp.resolve("lake").resolve("tiny.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join(",", BankJob.COLUMNS) + "\n1,ab\"c,1,1,2020-01-01,2020-01-01 00:00:00,t\n"
                + "2,def,1,1,2020-01-01,2020-01-01 00:00:00,t\n");
        JobPlan plan = Fixtures.job("tiny", Fixtures.csvSource(tmp.resolve("lake"), "tiny"),
                Fixtures.sink(server, "unused", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
        SyncException e = assertThrows(SyncException.class,
                () -> JobRunner.preview(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false), 10));
        assertTrue(e.getMessage().startsWith("tiny.csv line 2: the quote at line 2, column 5 is never closed"), e.getMessage());
    }

    @Test
    void lineNumbersCountQuotedNewlinesAcrossByteRangeSplits() throws Exception {
        // every 10th name holds a newline: line numbers of later records move on by one each time
        Map<Integer, String> edits = new java.util.HashMap<>();
        for (int id = 10; id <= 2000; id += 10) {
            edits.put(id, "\"two\nlines\"");
        }
        edits.put(1500, "1500 \"bad");   // a stray quote, closed by the next record's
        edits.put(1501, "bad\" 1501");
        Path f = file("lines", edits);
        System.setProperty(JobRunner.CSV_CHUNK_PROPERTY, "2048");
        JobReport r = run(Fixtures.csvSource(tmp.resolve("lake"), "lines"), 2, 10);
        assertTrue(r.succeeded(), r.failure());
        assertEquals(1999, r.rowsRead());
        assertEquals(1, r.dirtyRows());
        // the physical line of id 1500: 1 header + 1499 records before it + 149 quoted newlines (ids 10..1490) + 1
        JsonNode dirty = new ObjectMapper().readTree(Files.readAllLines(r.dirtyFile()).get(0));
        assertEquals("lines.csv lines 1650-1651", dirty.get("location").asText());
        assertTrue(dirty.get("reason").asText().startsWith("a quote opens inside the unquoted text of field 2 at line 1650, column 11"),
                dirty.get("reason").asText());
        List<String> all = Files.readAllLines(f);
        assertTrue(all.get(1649).startsWith("1500,"), all.get(1649));
    }
}
