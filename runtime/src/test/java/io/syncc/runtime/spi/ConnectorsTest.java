package io.syncc.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
        SinkPlan sink = Fixtures.memorySink();
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

    @Test
    void aPluginsPlanTravelsInThePlanJson() throws Exception {
        List<SinkColumn> cols = List.of(new SinkColumn("id", Fixtures.TYPES.get(0), true));
        SinkPlan sink = new SinkPlan(new MemoryConnector.MemoryDatasourcePlan("mem"), "none", "rows", cols, List.of(),
                SinkPlan.WriteMethod.COPY, SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of());
        JobPlan plan = Fixtures.job("to_memory", Fixtures.csvSource(tmp.resolve("lake"), "bank"), sink, Fixtures.channel(2, 0));
        String json = io.syncc.runtime.plan.PlanJson.write(plan);
        assertTrue(json.contains("\"kind\" : \"memory\""), json);
        assertTrue(json.contains("\"kind\" : \"csv\""), json);
        JobPlan back = io.syncc.runtime.plan.PlanJson.read(json);
        assertEquals(plan.sink().datasource(), back.sink().datasource());
        assertEquals(plan.source().datasource(), back.source().datasource());
    }

    @Test
    void settingsAreReadByTheConnectorAndEveryProblemIsReported() {
        DatasourceSettings s = new DatasourceSettings("lake", "csv", Map.of(
                "header", new SettingValue.Word("maybe"),
                "delimiter", new SettingValue.Text(";;"),
                "encoding", new SettingValue.Text("UTF-16"),
                "max_field_size", new SettingValue.Text("2 TB")), tmp);
        assertTrue(Connectors.forType("csv").plan(s).isEmpty());
        assertEquals(List.of(
                new SettingProblem("path", SettingProblem.Kind.MISSING, "datasource 'lake' has no path: write path \"folder/or/file.csv\""),
                new SettingProblem("header", SettingProblem.Kind.INVALID, "header must be true or false"),
                new SettingProblem("delimiter", SettingProblem.Kind.INVALID, "delimiter must be one ASCII character in quotes, e.g. \",\" or \"\\t\""),
                new SettingProblem("encoding", SettingProblem.Kind.INVALID, "encoding \"UTF-16\" is not a supported ASCII-compatible character set (e.g. UTF-8, GBK, ISO-8859-1)"),
                new SettingProblem("max_field_size", SettingProblem.Kind.INVALID, "max_field_size must be a size from 1 byte to 2GB, e.g. max_field_size \"16MB\" (units B, KB, MB, GB of 1024)")),
                s.problems());

        DatasourceSettings pg = new DatasourceSettings("dw", "hologres", Map.of(
                "url", new SettingValue.Text("jdbc:postgresql://h/db"),
                "user", new SettingValue.Word("loader"),
                "password", new SettingValue.Text("hunter2")), tmp);
        io.syncc.runtime.plan.DatasourcePlan plan = Connectors.forType("hologres").plan(pg).orElseThrow();
        assertEquals("hologres", plan.type());
        assertTrue(pg.valid(), "a literal password is a warning");
        assertEquals(List.of(SettingProblem.Kind.LITERAL_SECRET), pg.problems().stream().map(SettingProblem::kind).toList());
        assertTrue(io.syncc.runtime.plan.PlanJson.hasLiteralSecret(plan));
        assertFalse(pg.problems().toString().contains("hunter2"), "no problem repeats the secret");

        DatasourceSettings leaky = new DatasourceSettings("dw", "postgres", Map.of(
                "url", new SettingValue.Text("jdbc:postgresql://u:hunter2@h/db")), tmp);
        assertTrue(Connectors.forType("postgres").plan(leaky).isEmpty());
        assertEquals(List.of(new SettingProblem("url", SettingProblem.Kind.SECRET_EXPOSED,
                "the url holds a password; remove it and write password env(\"VAR\") or password file(\"path\")")), leaky.problems());
    }

    @Test
    void everyConnectorDescribesItsSettings() {
        for (String type : Connectors.types()) {
            List<SettingSpec> specs = Connectors.forType(type).settings(type);
            assertFalse(specs.isEmpty(), type);
            for (SettingSpec spec : specs) {
                assertTrue(spec.example().startsWith(spec.key() + " "), type + ": " + spec);
                assertFalse(spec.description().isBlank(), type + ": " + spec);
            }
        }
    }
}
