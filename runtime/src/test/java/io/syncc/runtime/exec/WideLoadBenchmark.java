package io.syncc.runtime.exec;

import io.syncc.runtime.codegen.BinaryCopyOut;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CopyEncoder;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.codegen.InsertBinder;
import io.syncc.runtime.codegen.JdbcRowDecoder;
import io.syncc.runtime.codegen.RowMapper;
import io.syncc.runtime.codegen.RowRenderer;
import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.types.SqlType;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: {@code mvn test -Dtest=WideLoadBenchmark -Dsyncc.bench=2000000} loads a 21-column CSV
 * with psql's {@code \copy} and with the runtime (parallelism 2) and prints both times.
 */
@EnabledIfSystemProperty(named = "syncc.bench", matches = "\\d+")
class WideLoadBenchmark {

    /** 21 columns: the bank table's seven types, three times. */
    static final class Wide implements GeneratedJob<Wide.Row, Wide.Row> {
        static final class Row {
            final BankJob.Row[] parts = {new BankJob.Row(), new BankJob.Row(), new BankJob.Row()};
        }

        @Override
        public void init(Map<String, String> params) {
        }

        @Override
        public Row newSourceRow() {
            return new Row();
        }

        @Override
        public Row newSinkRow() {
            return new Row();
        }

        @Override
        public CsvRowDecoder<Row> csvDecoder() {
            return (rec, row) -> {
                for (int p = 0; p < 3; p++) {
                    decode(rec, p * 7, row.parts[p]);
                }
            };
        }

        static void decode(CsvRecord rec, int o, BankJob.Row row) throws ConversionException {
            if (!(row.idNull = rec.isNull(o))) {
                row.id = rec.int64(o, "id");
            }
            row.name = rec.isNull(o + 1) ? null : rec.text(o + 1, "name");
            row.amount = rec.isNull(o + 2) ? null : rec.decimal(o + 2, "amount");
            if (!(row.scoreNull = rec.isNull(o + 3))) {
                row.score = rec.float64(o + 3, "score");
            }
            if (!(row.bornNull = rec.isNull(o + 4))) {
                row.born = rec.date(o + 4, "born", null);
            }
            if (!(row.seenNull = rec.isNull(o + 5))) {
                row.seen = rec.timestamp(o + 5, "seen", null);
            }
            if (!(row.activeNull = rec.isNull(o + 6))) {
                row.active = rec.bool(o + 6, "active");
            }
        }

        @Override
        public JdbcRowDecoder<Row> jdbcDecoder() {
            return null;
        }

        @Override
        public RowMapper<Row, Row> mapper() {
            RowMapper<BankJob.Row, BankJob.Row> m = new BankJob().mapper();
            return (in, out) -> {
                for (int p = 0; p < 3; p++) {
                    m.map(in.parts[p], out.parts[p]);
                }
            };
        }

        @Override
        public CopyEncoder<Row> copyEncoder() {
            CopyEncoder<BankJob.Row> e = new BankJob().copyEncoder();
            return (row, out) -> {
                out.startTuple(21);
                BinaryCopyOut noStart = new SkipStart(out);
                for (int p = 0; p < 3; p++) {
                    e.encode(row.parts[p], noStart);
                }
            };
        }

        @Override
        public InsertBinder<Row> insertBinder() {
            return null;
        }

        @Override
        public RowRenderer<Row> sourceRenderer() {
            return renderer();
        }

        @Override
        public RowRenderer<Row> sinkRenderer() {
            return renderer();
        }

        static RowRenderer<Row> renderer() {
            return new RowRenderer<>() {
                @Override
                public List<String> columnNames() {
                    return names();
                }

                @Override
                public String[] render(Row row) {
                    return new String[21];
                }
            };
        }
    }

    static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            n.add("c" + i);
        }
        return n;
    }

    /** Delegates all but startTuple (the wide encoder writes one tuple header for three parts). */
    record SkipStart(BinaryCopyOut d) implements BinaryCopyOut {
        public void startTuple(int n) { }
        public void writeNull() { d.writeNull(); }
        public void writeBool(boolean v) { d.writeBool(v); }
        public void writeInt16(short v) { d.writeInt16(v); }
        public void writeInt32(int v) { d.writeInt32(v); }
        public void writeInt64(long v) { d.writeInt64(v); }
        public void writeFloat32(float v) { d.writeFloat32(v); }
        public void writeFloat64(double v) { d.writeFloat64(v); }
        public void writeNumeric(java.math.BigDecimal v) { d.writeNumeric(v); }
        public void writeText(String v) { d.writeText(v); }
        public void writeJsonb(String v) { d.writeJsonb(v); }
        public void writeDate(int v) { d.writeDate(v); }
        public void writeTimestamp(long v) { d.writeTimestamp(v); }
        public void writeTime(long v) { d.writeTime(v); }
        public void writeUuid(java.util.UUID v) { d.writeUuid(v); }
        public void writeBytes(byte[] v) { d.writeBytes(v); }
    }

    @Test
    void compareWithPsqlCopy() throws Exception {
        int n = Integer.getInteger("syncc.bench");
        Path dir = Files.createTempDirectory("syncc-bench");
        Path file = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", names()));
            w.write('\n');
            int batch = 10_000;
            for (int start = 0; start < n; start += batch) {
                List<String[]> a = Fixtures.rows(start, batch, start);
                List<String[]> b = Fixtures.rows(start + 1, batch, start);
                List<String[]> c = Fixtures.rows(start + 2, batch, start);
                for (int i = 0; i < batch && start + i < n; i++) {
                    w.write(Fixtures.csvLine(a.get(i)));
                    w.write(',');
                    w.write(Fixtures.csvLine(b.get(i)));
                    w.write(',');
                    w.write(Fixtures.csvLine(c.get(i)));
                    w.write('\n');
                }
            }
        }
        System.out.printf("file: %,d bytes, %,d rows%n", Files.size(file), n);
        StringBuilder ddl = new StringBuilder("(");
        String[] types = {"bigint", "text", "numeric(12,2)", "double precision", "date", "timestamp", "boolean"};
        for (int i = 0; i < 21; i++) {
            ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(' ').append(types[i % 7]);
        }
        ddl.append(')');
        try (EmbeddedServer server = EmbeddedServer.startTemporary()) {
            Fixtures.exec(server, "CREATE TABLE wide_psql " + ddl, "CREATE TABLE wide_syncc " + ddl);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "postgres",
                    "-d", "postgres", "-c", "\\copy wide_psql FROM '" + file + "' WITH (FORMAT csv, HEADER true)")
                    .inheritIO().start();
            int rc = p.waitFor();
            double psql = (System.nanoTime() - t0) / 1e9;
            System.out.printf("psql \\copy: rc %d, %.2f s%n", rc, psql);

            List<SourceColumn> src = new ArrayList<>();
            List<SinkColumn> sink = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                SqlType t = Fixtures.TYPES.get(i % 7);
                src.add(new SourceColumn("c" + i, t, t, null, i));
                sink.add(new SinkColumn("c" + i, t, true));
            }
            CsvDatasourcePlan ds = new CsvDatasourcePlan("lake", dir.toString(), true, ',', '"', "", "UTF-8");
            JobPlan plan = new JobPlan("wide", "wide.sync", new SourcePlan(ds, null, "wide", src, null, null, 21),
                    new SinkPlan(Fixtures.pg(server), "public", "wide_syncc", sink, List.of(), SinkPlan.WriteMethod.COPY,
                            SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of()),
                    new ChannelPlan(2, 0, 0, 0, -1), List.of(), "wide");
            JobReport r = JobRunner.run(plan, new Wide(), new RunOptions(Map.of(), dir, true, false));
            System.out.printf("syncc: %s, %,d rows, %.2f s, %.0f rows/s, %.1f MB/s%n", r.failure(), r.rowsWritten(),
                    r.elapsed().toNanos() / 1e9, r.rowsPerSecond(), r.megabytesPerSecond());
            System.out.println("psql rows " + Fixtures.count(server, "wide_psql") + " syncc rows " + Fixtures.count(server, "wide_syncc"));
            System.out.println("equal: " + Fixtures.queryLong(server,
                    "SELECT count(*) FROM ((TABLE wide_psql EXCEPT ALL TABLE wide_syncc) UNION ALL (TABLE wide_syncc EXCEPT ALL TABLE wide_psql)) d"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
