package io.syncc.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte-range splits must give exactly the records of a single-split parse, in order, whatever the
 * chunk size, with quoted delimiters, quoted newlines (LF and CRLF), doubled quotes, empty quoted
 * fields and multi-byte text (UTF-8 and GBK).
 */
class CsvSplitTest {

    @TempDir
    Path tmp;

    /** Source row of the test: all fields as text, null for the null marker. */
    static final class Fields {
        String[] values;
        long record;
    }

    static final int FIELDS = 4;

    /** Record numbers of the last {@link #readAll}, in reading order. */
    static final ThreadLocal<List<Long>> RECORD_NUMBERS = new ThreadLocal<>();

    static final CsvRowDecoder<Fields> DECODER = (rec, row) -> {
        row.record = rec.line();
        row.values = new String[rec.fieldCount()];
        for (int i = 0; i < rec.fieldCount(); i++) {
            row.values[i] = rec.isNull(i) ? null : rec.text(i, "c" + i);
        }
    };

    static String randomValue(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "plain" + r.nextInt(1000);
            case 3 -> "with,comma";
            case 4 -> "quote \"inside\" and \"\"";
            case 5 -> "line\nbreak" + (r.nextBoolean() ? "\n" : "");
            case 6 -> "crlf\r\nbreak";
            case 7 -> "中文,\"引号\"\n换行";
            default -> "x".repeat(r.nextInt(300));
        };
    }

    static String encode(String v) {
        if (v == null) {
            return "";
        }
        if (v.isEmpty() || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    static List<String[]> generate(long seed, int n) {
        Random r = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] f = new String[FIELDS];
            f[0] = Integer.toString(i);
            for (int j = 1; j < FIELDS; j++) {
                f[j] = randomValue(r);
            }
            rows.add(f);
        }
        return rows;
    }

    static Path write(Path dir, List<String[]> rows, String eol, Charset cs) throws Exception {
        StringBuilder b = new StringBuilder("id,a,b,c").append(eol);
        for (String[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                b.append(j == 0 ? "" : ",").append(encode(row[j]));
            }
            b.append(eol);
        }
        Path f = dir.resolve("data.csv");
        Files.write(f, b.toString().getBytes(cs));
        return f;
    }

    static List<String[]> readAll(Path dir, String encoding, long chunk, int[] splitCount) throws Exception {
        return readAll(dir, encoding, chunk, splitCount, CsvReader.BUFFER);
    }

    static List<String[]> readAll(Path dir, String encoding, long chunk, int[] splitCount, int readBuffer) throws Exception {
        CsvDatasourcePlan ds = new CsvDatasourcePlan("lake", dir.toString(), true, ',', '"', "", encoding);
        List<SourceColumn> cols = List.of();
        SourcePlan plan = new SourcePlan(ds, null, "data", cols, null, null, FIELDS);
        CsvSource<Fields> source = new CsvSource<>(plan, DECODER, 2, chunk, readBuffer);
        List<String[]> out = new ArrayList<>();
        List<String> dirty = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (SplitSource splits = source.splits()) {
            Split s;
            while ((s = splits.next()) != null) {
                splitCount[0]++;
                try (SplitReader<Fields> reader = source.open(s, (id, loc, c, v, reason) -> dirty.add(loc + ": " + reason))) {
                    Fields row = new Fields();
                    while (reader.next(row)) {
                        out.add(row.values);
                        numbers.add(row.record);
                    }
                }
            }
        }
        assertEquals(List.of(), dirty);
        // record numbers (used in dirty-row locations) count from the file's start in every split
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "record numbers increase: " + numbers.get(i - 1) + ", " + numbers.get(i));
        }
        RECORD_NUMBERS.set(numbers);
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void byteRangeSplitsEqualASingleSplitParse(long seed) throws Exception {
        List<String[]> rows = generate(seed, 2000);
        String eol = seed % 2 == 0 ? "\r\n" : "\n";
        write(tmp, rows, eol, Charset.forName("UTF-8"));
        int[] one = {0};
        List<String[]> whole = readAll(tmp, "UTF-8", Long.MAX_VALUE / 4, one);
        assertEquals(1, one[0]);
        assertRecords(rows, whole);
        List<Long> wholeNumbers = RECORD_NUMBERS.get();
        Random r = new Random(seed);
        for (int k = 0; k < 4; k++) {
            long chunk = 1 + r.nextInt(20_000);
            int[] n = {0};
            List<String[]> split = readAll(tmp, "UTF-8", chunk, n);
            assertTrue(n[0] > 1);
            assertRecords(rows, split);
            assertEquals(wholeNumbers, RECORD_NUMBERS.get(), "record numbers with chunk " + chunk);
        }
        // read buffers smaller than a record, and of every small size: records cross buffer ends
        for (int size : new int[] {1, 7, 8, 9, 64, 1 + r.nextInt(4096)}) {
            int[] n = {0};
            assertRecords(rows, readAll(tmp, "UTF-8", 1 + r.nextInt(20_000), n, size));
            assertEquals(wholeNumbers, RECORD_NUMBERS.get(), "record numbers with read buffer " + size);
        }
    }

    @Test
    void gbkFilesSplitOnBytes() throws Exception {
        List<String[]> rows = generate(99, 1500);
        write(tmp, rows, "\n", Charset.forName("GBK"));
        int[] n = {0};
        assertRecords(rows, readAll(tmp, "GBK", 3000, n));
        assertTrue(n[0] > 10);
    }

    @Test
    void aUtf8ByteOrderMarkIsNotData() throws Exception {
        byte[] body = "1,a,b,c\n2,,\"\",d\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(tmp.resolve("data.csv"), withBom);
        CsvDatasourcePlan ds = new CsvDatasourcePlan("lake", tmp.toString(), false, ',', '"', "", "UTF-8");
        CsvSource<Fields> source = new CsvSource<>(new SourcePlan(ds, null, "data.csv", List.of(), null, null, FIELDS), DECODER, 1, 0);
        List<String[]> out = new ArrayList<>();
        try (SplitSource splits = source.splits(); SplitReader<Fields> r = source.open(splits.next(), (a, b, c, d, e) -> { })) {
            Fields row = new Fields();
            while (r.next(row)) {
                out.add(row.values);
            }
        }
        assertRecords(List.of(new String[] {"1", "a", "b", "c"}, new String[] {"2", null, "", "d"}), out);
    }

    static void assertRecords(List<String[]> expected, List<String[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i);
        }
    }
}
