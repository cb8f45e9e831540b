package io.syncc.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncc.runtime.csv.CsvConnector;
import io.syncc.runtime.exec.JobReport;
import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.exec.RunOptions;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.postgres.PostgresConnector;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connectors are found through ServiceLoader by datasource type; the executor runs one it was never told about. */
class ConnectorsTest {

    @TempDir
    Path tmp;

    @Test
    void connectorsAreFoundByType() {
        assertEquals(PostgresConnector.class, Connectors.forType("postgres").getClass());
        assertEquals(PostgresConnector.class, Connectors.forType("HOLOGRES").getClass());
        assertEquals(CsvConnector.class, Connectors.forType("csv").getClass());
        assertEquals(MemoryConnector.class, Connectors.forType("memory").getClass());
        assertEquals(Set.of("csv", "hologres", "jsonl", "memory", "postgres"), Connectors.types());
        SyncException e = assertThrows(SyncException.class, () -> Connectors.forType("oracle"));
        assertEquals(SyncException.Kind.CONFIGURATION, e.kind());
        assertEquals("no connector for datasource type 'oracle' (installed: csv, hologres, jsonl, memory, postgres)", e.getMessage());
    }

    @Test
    void theExecutorRunsAConnectorWrittenOnlyAgainstTheSpi() throws Exception {
        List<String[]> rows = Fixtures.rows(5, 3000, 1);
        Fixtures.writeCsv(tmp.resolve("lake").resolve("bank.csv"), rows);
        List<SinkColumn> cols = new ArrayList<>();
        for (int i = 0; i < BankJob.COLUMNS.size(); i++) {
            cols.add(new SinkColumn(BankJob.COLUMNS.get(i), Fixtures.TYPES.get(i), true));
        }
        SinkPlan sink = new SinkPlan(new MemoryConnector.MemoryDatasourcePlan("mem"), "none", "rows", cols, List.of(),
                SinkPlan.WriteMethod.COPY, SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of());
        JobPlan plan = Fixtures.job("to_memory", Fixtures.csvSource(tmp.resolve("lake"), "bank"), sink, Fixtures.channel(2, 0));
        MemoryConnector.ROWS.clear();
        JobReport r = JobRunner.run(plan, new BankJob(), new RunOptions(Map.of(), tmp.resolve("work"), false, false));
        assertNull(r.failure());
        assertEquals(3000, r.rowsWritten());
        List<String[]> got = new ArrayList<>(MemoryConnector.ROWS);
        got.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        assertEquals(3000, got.size());
        assertEquals("1", got.get(0)[0]);
        assertEquals("3000", got.get(2999)[0]);
        for (int i = 0; i < 3000; i++) {
            assertEquals(rows.get(i)[1], got.get(i)[1], "name of id " + (i + 1));
        }
    }
}
