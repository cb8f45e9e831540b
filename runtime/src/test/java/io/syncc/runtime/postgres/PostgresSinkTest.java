package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.exec.JobReport;
import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.exec.RunOptions;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

/** Binary COPY encoding against the server's own decoding, and "last row wins" for replace. */
class PostgresSinkTest {

    static EmbeddedServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.startTemporary();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void binaryCopyValuesDecodeToTheSameText() throws Exception {
        List<BigDecimal> numerics = new ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.00"), new BigDecimal("-0.5"),
                new BigDecimal("1E+5"), new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-0.0001"),
                new BigDecimal("0.00001"), new BigDecimal("10000"), new BigDecimal("9999.9999"), new BigDecimal("1.5E-20"),
                new BigDecimal("-123456789012345678901234567890123456789012345678901234567890.5")));
        Random r = new Random(3);
        for (int i = 0; i < 500; i++) {
            numerics.add(new BigDecimal(new java.math.BigInteger(1 + r.nextInt(120), r)).movePointLeft(r.nextInt(30) - 5)
                    .multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1)));
        }
        exec(server, "CREATE TABLE enc (n numeric, t text, j jsonb, d date, ts timestamp, tm time, u uuid, b bytea, f real, s smallint)");
        CopyBuffer buf = new CopyBuffer(16);
        for (int i = 0; i < numerics.size(); i++) {
            buf.startTuple(10);
            buf.writeNumeric(numerics.get(i));
            buf.writeText(i % 2 == 0 ? "zoë 李 🙂 \u0000".replace("\u0000", "") : "plain");
            buf.writeJsonb("{\"k\": " + i + "}");
            buf.writeDate(-700_000 + i * 3001);
            buf.writeTimestamp(-3_000_000_000_000_000L + i * 12_345_678_901_234L);
            buf.writeTime((i * 171_234_567L) % 86_400_000_000L);
            buf.writeUuid(new UUID(i, -i));
            buf.writeBytes(new byte[] {(byte) i, 0, -1});
            buf.writeFloat32(i / 7f);
            buf.writeInt16((short) (i - 250));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(CopyBuffer.HEADER);
        all.write(buf.array(), 0, buf.size());
        all.write(CopyBuffer.TRAILER);
        try (Connection c = Fixtures.connect(server)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY enc FROM STDIN (FORMAT binary)", new ByteArrayInputStream(all.toByteArray()));
            try (ResultSet rs = c.createStatement().executeQuery("SELECT n::text, t, j::text, d::text, ts, tm::text, u::text, b, s FROM enc")) {
                int i = 0;
                while (rs.next()) {
                    assertEquals(0, numerics.get(i).compareTo(new BigDecimal(rs.getString(1))), "numeric " + numerics.get(i));
                    assertEquals(Math.max(0, numerics.get(i).scale()), new BigDecimal(rs.getString(1)).scale(), "scale of " + numerics.get(i));
                    assertEquals(i % 2 == 0 ? "zoë 李 🙂 " : "plain", rs.getString(2));
                    assertEquals("{\"k\": " + i + "}", rs.getString(3));
                    assertEquals(LocalDate.ofEpochDay(-700_000 + i * 3001L).toString(), rs.getString(4), "date " + i);
                    long micros = -3_000_000_000_000_000L + i * 12_345_678_901_234L;
                    assertEquals(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000,
                            java.time.ZoneOffset.UTC), rs.getObject(5, LocalDateTime.class));
                    assertEquals(java.time.LocalTime.ofNanoOfDay((i * 171_234_567L) % 86_400_000_000L * 1000).toString(), java.time.LocalTime.parse(rs.getString(6)).toString());
                    assertEquals(new UUID(i, -i).toString(), rs.getString(7));
                    assertEquals(i - 250, rs.getShort(9));
                    i++;
                }
                assertEquals(numerics.size(), i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WriteMethod.class)
    void replaceKeepsTheLastRowOfDuplicateKeysInOneBatch(WriteMethod write) throws Exception {
        List<String[]> rows = Fixtures.rows(4, 3000, 1);
        List<String[]> withDuplicates = new ArrayList<>(rows);
        List<String[]> later = Fixtures.rows(5, 3000, 1);
        for (int i = 0; i < 3000; i += 3) {
            withDuplicates.add(later.get(i));      // same key again, different values: this one must win
        }
        Fixtures.writeCsv(tmp.resolve("dups/bank.csv"), withDuplicates);
        List<String[]> expected = new ArrayList<>(rows);
        for (int i = 0; i < 3000; i += 3) {
            expected.set(i, later.get(i));
        }
        String table = "dups_" + write.name().toLowerCase();
        Fixtures.loadWithPostgres(server, table + "_expected", expected);
        var plan = Fixtures.job(table, Fixtures.csvSource(tmp.resolve("dups"), "bank"),
                Fixtures.sink(server, table, write, ConflictStrategy.REPLACE, LoadMode.APPEND), Fixtures.channel(1, 0));
        JobReport r = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp, false, false));
        assertNull(r.failure());
        assertEquals(0, r.dirtyRows());
        assertEquals(checksum(server, table + "_expected"), checksum(server, table));
    }
}
