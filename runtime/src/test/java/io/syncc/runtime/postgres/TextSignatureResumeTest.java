package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A run recorded by a build before binary COPY reads kept each committed split's signature over the
 * COPY text rows (with the session settings of those builds). Resuming it after an upgrade checks
 * that signature by COPY text again: the same rows are accepted, a changed one is named. The old
 * signature is computed here as those builds did — a text COPY of the split with their settings,
 * the count, sum and exclusive or of each row's CRC-32C — so the test pins the format.
 */
class TextSignatureResumeTest extends ServerTest {

    @BeforeAll
    static void data() throws Exception {
        // doubles, timestamps, dates and numerics: their text depends on the settings
        Fixtures.loadWithPostgres(server, "ts_src", Fixtures.rows(7, 3_000, 1));
    }

    private static String oldSignature(String predicate) throws Exception {
        try (Connection c = Fixtures.connect(server)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3;"
                        + " SET bytea_output = 'hex'");
            }
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT \"id\", \"name\", \"amount\", \"score\","
                    + " \"born\", \"seen\", \"active\" FROM \"public\".\"ts_src\" WHERE (TRUE) AND (" + predicate + ")) TO STDOUT");
            long rows = 0;
            long sum = 0;
            long xor = 0;
            CRC32C crc = new CRC32C();
            byte[] b;
            while ((b = copy.readFromCopy()) != null) {
                crc.reset();
                crc.update(b, 0, b.length);
                rows++;
                sum += crc.getValue();
                xor ^= crc.getValue();
            }
            c.rollback();
            return "rows " + rows + " crc32c-sum " + Long.toHexString(sum) + " xor " + Long.toHexString(xor);
        }
    }

    @Test
    void aTextSignatureOfAnEarlierBuildIsCheckedByCopyText() throws Exception {
        SourcePlan plan = Fixtures.pgSource(server, "ts_src", null, "id");
        Connector pg = Connectors.forType(plan.datasource().type());
        PostgresSplit split;
        String old;
        long rows;
        try (Source<BankJob.Row> source = pg.openSource(new Connector.SourceContext<>(plan, new ChannelPlan(1, 0, 0, 0, -1), Map.of(),
                tmp.resolve("work"), BankJob.copy()))) {
            split = null;
            old = null;
            try (SplitSource splits = source.splits()) {
                for (Split s; old == null && (s = splits.next()) != null; ) {
                    String sig = oldSignature(((PostgresSplit) s).literalPredicate());
                    if (!sig.startsWith("rows 0 ")) { // the first split with rows (a key split may hold none)
                        split = (PostgresSplit) s;
                        old = sig;
                    }
                }
            }
            assertTrue(old != null, "a split with rows");
            rows = Long.parseLong(old.split(" ")[1]);
            assertTrue(rows > 10, old);
            assertEquals(Optional.empty(), source.changedSince(split, old), "the same rows, by their text");

            // this build's signature of the same split (binary) is accepted too
            String binary;
            try (SplitReader<BankJob.Row> reader = source.open(split, (id, location, names, values, reason) -> { })) {
                BankJob.Row row = BankJob.copy().newSourceRow();
                while (reader.next(row)) {
                    // read it all
                }
                binary = reader.signature();
            }
            assertTrue(binary.startsWith("binary rows " + rows + " "), binary);
            assertEquals(Optional.empty(), source.changedSince(split, binary));

        }
        // the resuming run: a source opened after the change (each run reads in a snapshot of its own)
        exec(server, "UPDATE ts_src SET score = score + abs(score) * 1e-15 WHERE id = (SELECT min(id) FROM ts_src WHERE ("
                + split.literalPredicate() + ") AND score IS NOT NULL AND score <> 0)");
        assertEquals(Optional.of("the rows of \"public\".\"ts_src\" changed (" + rows + " rows then, " + rows + " now, some with other values)"),
                changedSince(plan, split, old), "a double of the split changed in its 16th digit");
        exec(server, "DELETE FROM ts_src WHERE id = (SELECT max(id) FROM ts_src WHERE " + split.literalPredicate() + ")");
        assertEquals(Optional.of("the rows of \"public\".\"ts_src\" changed (" + rows + " rows then, " + (rows - 1) + " now)"),
                changedSince(plan, split, old));
    }

    private static Optional<String> changedSince(SourcePlan plan, Split split, String signature) throws Exception {
        try (Source<BankJob.Row> source = Connectors.forType(plan.datasource().type()).openSource(new Connector.SourceContext<>(plan,
                new ChannelPlan(1, 0, 0, 0, -1), Map.of(), tmp.resolve("work"), BankJob.copy()))) {
            return source.changedSince(split, signature);
        }
    }
}
