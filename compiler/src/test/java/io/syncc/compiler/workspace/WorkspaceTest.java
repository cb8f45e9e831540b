package io.syncc.compiler.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.catalog.LiveCatalog;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.testing.TestDb;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-memory documents over a folder, checked together against a real PostgreSQL, with the symbol index of what parsed. */
class WorkspaceTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS ws_src, ws_dst", "CREATE TABLE ws_src (id int, name text)", "CREATE TABLE ws_dst (id int, name text)");
    }

    private static List<String> brief(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.range().line() + ":" + d.range().column() + " " + d.code().id() + " " + d.message()).toList();
    }

    @Test
    void openDocumentsAreCheckedWithTheFolderAndClosingFallsBackToDisk() throws Exception {
        Files.writeString(dir.resolve("datasources.sync"), "datasource pg { type postgres url embedded }\n");
        Path jobFile = dir.resolve("job.sync");
        Files.writeString(jobFile, "job j { source pg.ws_src  sink pg.ws_nothere }\n");
        URI job = jobFile.toUri();
        URI datasources = dir.resolve("datasources.sync").toUri();
        try (LiveCatalog catalog = new LiveCatalog(dir)) {
            Workspace ws = new Workspace(dir, catalog);
            ws.open(job, "job j { source pg.ws_src  sink pg.ws_dst { wirte copy } }\n", 1);
            Workspace.Analysis a = ws.analyze();
            assertEquals(List.of("1:44 SYN100 unexpected 'wirte'; expected one of write, on, mode, create, before, after, partition, add, }; did you mean 'write'?"),
                    brief(a.diagnostics().get(job)), "the editor's text, not the file's");
            assertEquals(List.of(), a.diagnostics().get(datasources), "a clean document has an empty list");
            assertEquals(1, a.versions().get(job));

            ws.change(job, "job j { source pg.ws_src  sink pg.ws_dst }\n", 3);
            ws.change(job, "job j { broken", 2); // late
            a = ws.analyze();
            assertEquals(List.of(), a.diagnostics().get(job));
            assertEquals(3, a.versions().get(job));
            assertEquals(List.of("j"), a.jobs().stream().map(c -> c.name()).toList());

            ws.close(job);
            a = ws.analyze();
            assertEquals(List.of("1:35 SYN202 table public.ws_nothere does not exist in datasource 'pg'; add `create if missing` to create it from the mapping"),
                    brief(a.diagnostics().get(job)), "closed: what is on disk");
            assertTrue(a.versions().isEmpty());
        }
    }

    @Test
    void namesResolveAcrossDocumentsEvenWithASyntaxError() throws Exception {
        Files.writeString(dir.resolve("datasources.sync"), "datasource pg { type postgres url embedded }\n");
        URI job = dir.resolve("jobs.sync").toUri();
        String text = "job j { source pg.ws_src { where \"id > ${lo}\" }  sink pg.ws_dst { write cpy }\n"
                + "  schedule { cron \"0 2 * * *\"  param lo = \"1\" } }\n"
                + "job k { source pg.ws_src  sink pg.ws_dst  schedule { cron \"0 3 * * *\" after j } }\n";
        try (LiveCatalog catalog = new LiveCatalog(dir)) {
            Workspace ws = new Workspace(dir, catalog);
            ws.open(job, text, 1);
            SymbolIndex index = ws.analyze().symbols();
            Symbol pg = index.declarations().stream().filter(s -> s.kind() == Symbol.Kind.DATASOURCE).findFirst().orElseThrow();
            assertEquals(dir.resolve("datasources.sync").toUri(), pg.uri());
            List<Symbol> uses = index.uses(pg);
            assertEquals(4, uses.size(), "two sources and two sinks: " + uses);
            assertTrue(uses.stream().allMatch(u -> u.uri().equals(job)));
            // the use under the cursor leads to the declaration in the other file
            int offset = text.indexOf("pg.ws_src");
            Symbol use = index.at(job, offset).orElseThrow();
            assertEquals(pg, index.definition(use).orElseThrow());
            // ${lo} in the where resolves to the schedule's param of the same job
            Symbol lo = index.at(job, text.indexOf("${lo}") + 1).orElseThrow();
            assertEquals(Symbol.Kind.PARAMETER, lo.kind());
            assertEquals(text.indexOf("lo ="), index.definition(lo).orElseThrow().range().startOffset());
            // after j resolves to job j
            Symbol after = index.at(job, text.indexOf("after j") + 6).orElseThrow();
            assertEquals(text.indexOf("j {"), index.definition(after).orElseThrow().range().startOffset());
        }
    }
}
