package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.checksum;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncc.runtime.exec.JobReport;
import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.exec.RunOptions;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long COPY ends after {@link PostgresSinkWriter#longCopyRows} rows and the next one begins, so a
 * split's row counts never overflow (a review showed a split past 2^31 rows committing a negative
 * count); here with the bound lowered to 25,000 rows.
 */
class LongCopyRowsTest extends ServerTest {

    @Test
    void aLongCopyEndsAtItsBoundAndTheSplitsCountsStayExact() throws Exception {
        List<String[]> rows = Fixtures.rows(33, 60_000, 1);
        Fixtures.writeCsv(tmp.resolve("lake").resolve("rows.csv"), rows);
        Fixtures.loadWithPostgres(server, "rows_expected", rows);
        exec(server, "CREATE TABLE lcr " + Fixtures.COLUMNS_DDL);
        int bound = PostgresSinkWriter.longCopyRows;
        PostgresSinkWriter.longCopyRows = 25_000;
        try {
            var plan = Fixtures.job("lcr", Fixtures.csvSource(tmp.resolve("lake"), "rows"),
                    Fixtures.sink(server, "lcr", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND), Fixtures.channel(1, 0));
            JobReport r = JobRunner.run(plan, BankJob.copy(), new RunOptions(Map.of(), tmp.resolve("work"), false, false));
            assertNull(r.failure());
            assertEquals(1, r.splits());
            assertEquals(60_000, r.rowsWritten());
        } finally {
            PostgresSinkWriter.longCopyRows = bound;
        }
        assertEquals(checksum(server, "rows_expected"), checksum(server, "lcr"));
        // the buffer is sent every 20,000 rows: the COPY past 25,000 ends at 40,000 rows, the next has 20,000
        assertEquals(2, Fixtures.queryLong(server, "SELECT count(DISTINCT xmin::text) FROM lcr"));
    }
}
