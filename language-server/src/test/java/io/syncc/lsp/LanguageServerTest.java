package io.syncc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server over JSON-RPC, on a folder of real files, against a real PostgreSQL. */
class LanguageServerTest {

    static final long WAIT = LspHarness.WAIT_SECONDS;

    @TempDir
    Path dir;

    LspHarness lsp;
    String ds;
    String job;

    @BeforeAll
    static void tables() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS ls_src, ls_dst, ls_new",
                "CREATE TABLE ls_src (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2), created date)",
                "CREATE TABLE ls_dst (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2), note text NOT NULL)",
                "INSERT INTO ls_src SELECT g, 'n' || g, g * 1.5, DATE '2026-01-01' + g FROM generate_series(1, 25) g",
                "COMMENT ON TABLE ls_src IS 'orders of the shop'", "COMMENT ON COLUMN ls_src.amount IS 'in EUR | gross'", "ANALYZE ls_src");
    }

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("datasources.sync"), "datasource pg {\n  type postgres\n  url embedded\n}\n");
        ds = dir.resolve("datasources.sync").toUri().toString();
        job = dir.resolve("job.sync").toUri().toString();
        lsp = LspHarness.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        lsp.close();
        assertEquals(List.of(), lsp.client.errors().stream().map(m -> m.getMessage()).toList(), "the server logged no errors");
    }

    private static List<String> brief(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + " "
                + d.getCode().getLeft() + " " + d.getMessage().getLeft()).toList();
    }

    /** Completion once the metadata it needs has been fetched (the first answer may say it is being fetched). */
    private static List<String> labels(CompletionList list) {
        return list.getItems().stream().map(CompletionItem::getLabel).toList();
    }

    @Test
    void diagnosticsFollowTheEditsWithTheCliMessages() throws Exception {
        String text = "job j {\n  source pg.ls_src\n  sink pg.ls_dst { wirte copy }\n}\n";
        lsp.open(job, text);
        List<Diagnostic> d = lsp.diagnostics(job, l -> !l.isEmpty());
        assertEquals(List.of("2:19 SYN100 unexpected 'wirte'; expected one of write, on, mode, create, before, after, partition, add, }; did you mean 'write'?"),
                brief(d));
        assertEquals(1, lsp.client.versions.get(job));
        lsp.replaceAll(job, 2, "job j {\n  source pg.ls_src\n  sink pg.ls_dst { write copy }\n  map by name { \"x\" -> note skip created }\n}\n");
        lsp.client.awaitVersion(job, 2);
        assertEquals(List.of(), brief(lsp.client.diagnostics.get(job)));
        assertEquals(List.of(), lsp.client.diagnostics.get(ds), "the datasource file is checked with the folder");
    }

    @Test
    void positionsAreUtf16AfterCharactersOutsideTheBmp() throws Exception {
        String text = "job j {\n  source pg.ls_src { where \"name <> '😀😀'\" } sink pg.ls_nothere\n}\n";
        lsp.open(job, text);
        List<Diagnostic> d = lsp.diagnostics(job, l -> !l.isEmpty());
        Position expected = Edits.find(text, "ls_nothere");
        assertEquals(expected, d.get(0).getRange().getStart(), brief(d).toString());
        assertEquals(new Position(expected.getLine(), expected.getCharacter() + "ls_nothere".length()), d.get(0).getRange().getEnd());
        // and a completion right after the emoji sees the right text
        String edited = text.replace("} sink", "} sink pg.ls_src  ").replace("ls_src  pg.ls_nothere", "");
        lsp.replaceAll(job, 2, edited);
        CompletionList items = lsp.complete(job, Edits.after(edited, "'😀😀'\" } "));
        assertTrue(labels(items).contains("sink"), labels(items).toString());
    }

    @Test
    void completionOffersWhatFitsTheCursorAlsoInABrokenDocument() throws Exception {
        String text = "job j {\n  source pg.\n  sink pg.ls_dst { write  }\n  map {\n    id -> \n  }\n}\n\njob broken { sinc }\n";
        lsp.open(job, text);
        assertTrue(lsp.labelsWhenFetched(job, Edits.after(text, "source pg.")).containsAll(List.of("ls_src", "ls_dst")));
        String fixed = text.replace("source pg.", "source pg.ls_src");
        lsp.replaceAll(job, 2, fixed);
        assertEquals(List.of("pg"), labels(lsp.complete(job, Edits.after(fixed, "source "))).stream().filter(l -> !l.startsWith("(")).toList());
        assertEquals(List.of("copy", "insert"), labels(lsp.complete(job, Edits.after(fixed, "write "))));
        List<String> sinkColumns = lsp.labelsWhenFetched(job, Edits.after(fixed, "id -> "));
        assertEquals(List.of("id", "name", "amount", "note"), sinkColumns);
        Position entryStart = Edits.after(fixed, "map {\n    ");
        List<String> sourceColumns = lsp.labelsWhenFetched(job, entryStart);
        assertTrue(sourceColumns.containsAll(List.of("id", "name", "amount", "created", "skip")), sourceColumns.toString());
    }

    @Test
    void theClientsEnvironmentPicksTheDatasourcesEnvBlocks() throws Exception {
        lsp.close();
        String text = "datasource pg {\n  type postgres\n  url \"jdbc:postgresql://127.0.0.1:1/nowhere\"\n  env local {\n    url embedded\n    \n  }\n}\n";
        Files.writeString(dir.resolve("datasources.sync"), text);
        lsp = LspHarness.start(dir, java.util.Map.of("environment", "local"));
        lsp.open(job, "job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map by name { \"x\" -> note skip created }\n}\n");
        assertEquals(List.of(), brief(lsp.diagnostics(job, l -> true)), "checked against env local's url");
        List<String> inEnv = labels(lsp.complete(ds, new Position(5, 4)));
        assertTrue(inEnv.containsAll(List.of("user", "password")) && !inEnv.contains("type") && !inEnv.contains("env"), inEnv.toString());
        List<String> outside = labels(lsp.complete(ds, new Position(2, 2)));
        assertTrue(outside.contains("env"), outside.toString());
    }

    @Test
    void whatTheCreatedTableNeeds() throws Exception {
        String text = "job c {\n  source pg.ls_src\n  sink pg.ls_new2 {\n    create if missing {  primary key (  }\n  }\n}\n";
        lsp.open(job, text);
        assertEquals(List.of("primary key", "not null", "columns"), labels(lsp.complete(job, Edits.after(text, "missing { "))));
        assertEquals(List.of("id", "name", "amount", "created"), lsp.labelsWhenFetched(job, Edits.after(text, "primary key (")));
    }

    @Test
    void typesAfterAsAndJobsAfterAfter() throws Exception {
        String text = "job a {\n  source pg.ls_src\n  sink pg.ls_dst\n  map by name { amount as  }\n  schedule { after  }\n}\n"
                + "job b {\n  source pg.ls_src\n  sink pg.ls_dst\n  schedule { cron \"0 1 * * *\" }\n}\n";
        lsp.open(job, text);
        assertTrue(labels(lsp.complete(job, Edits.after(text, "amount as "))).containsAll(List.of("numeric", "text", "timestamp")));
        assertEquals(List.of("b"), labels(lsp.complete(job, Edits.after(text, "after "))));
    }

    @Test
    void settingsOfTheConnectorAndParametersInStrings() throws Exception {
        String other = dir.resolve("more.sync").toUri().toString();
        String text = "datasource dw {\n  type postgres\n  \n}\ndatasource f {\n  type \n}\n"
                + "job p {\n  source pg.ls_src { where \"id > ${\" }\n  sink pg.ls_dst\n  schedule { cron \"0 1 * * *\" param day = \"x\" }\n}\n";
        lsp.open(other, text);
        List<String> settings = labels(lsp.complete(other, new Position(2, 2)));
        assertTrue(settings.containsAll(List.of("url", "user", "password")) && !settings.contains("type"), settings.toString());
        assertTrue(labels(lsp.complete(other, new Position(5, 7))).containsAll(List.of("postgres", "csv")));
        assertEquals(List.of("day", "bizdate", "cyctime", "gmtdate", "bizmonth"), labels(lsp.complete(other, Edits.after(text, "id > ${"))));
    }

    @Test
    void hoverNavigationAndRenameAcrossTheFolder() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "not shown");
        Files.writeString(dir.resolve("datasources.sync"), "datasource pg {\n  type postgres\n  url embedded\n  user \"syncc\"\n  password file(\"secret.txt\")\n}\n");
        String text = "job j {\n  source pg.ls_src\n  sink pg.ls_dst { write copy }\n  map by name { \"x\" -> note skip created }\n}\n";
        lsp.open(job, text);
        lsp.diagnostics(job, List::isEmpty);
        var docs = lsp.server.getTextDocumentService();
        String hover = docs.hover(new HoverParams(new TextDocumentIdentifier(job), Edits.find(text, "pg.ls_src"))).get(WAIT, TimeUnit.SECONDS)
                .getContents().getRight().getValue();
        assertEquals("**datasource** `pg` (postgres)\n\n- `url` embedded\n- `user` \"syncc\"\n- `password` file(\"secret.txt\")\n", hover);
        String table = docs.hover(new HoverParams(new TextDocumentIdentifier(job), Edits.find(text, "ls_src"))).get(WAIT, TimeUnit.SECONDS)
                .getContents().getRight().getValue();
        assertEquals("**table** `public.ls_src`, about 25 rows\n\norders of the shop\n\n| column | type | null | key | comment |\n|---|---|---|---|---|\n"
                + "| id | integer | not null | 1 |  |\n| name | text | not null |  |  |\n| amount | numeric(12,2) | yes |  | in EUR \\| gross |\n"
                + "| created | date | yes |  |  |\n", table);

        List<? extends Location> def = docs.definition(new org.eclipse.lsp4j.DefinitionParams(new TextDocumentIdentifier(job),
                Edits.find(text, "pg.ls_dst"))).get(WAIT, TimeUnit.SECONDS).getLeft();
        assertEquals(List.of(new Location(ds, new Range(new Position(0, 11), new Position(0, 13)))), def);
        List<? extends Location> refs = docs.references(new ReferenceParams(new TextDocumentIdentifier(ds), new Position(0, 12),
                new ReferenceContext(false))).get(WAIT, TimeUnit.SECONDS);
        assertEquals(List.of(Edits.find(text, "pg.ls_src"), Edits.find(text, "pg.ls_dst")), refs.stream().map(l -> l.getRange().getStart()).toList());

        WorkspaceEdit rename = docs.rename(new RenameParams(new TextDocumentIdentifier(job), Edits.find(text, "pg.ls_src"), "warehouse"))
                .get(WAIT, TimeUnit.SECONDS);
        String renamedJob = Edits.apply(text, rename, job);
        assertEquals(text.replace("pg.", "warehouse."), renamedJob);
        assertEquals("datasource warehouse {", Edits.apply(Files.readString(dir.resolve("datasources.sync")), rename, ds).lines().findFirst().orElseThrow());
    }

    @Test
    void outlineFoldingFormattingAndTokens() throws Exception {
        String text = "// nightly\njob j {\nsource pg.ls_src {\n        where \"id > 0\"   \n}\n\n\n   sink pg.ls_dst { write copy }\n"
                + "  /* keep\n     this */\nmap by name { \"x\" -> note skip created }\n}\n";
        lsp.open(job, text);
        var docs = lsp.server.getTextDocumentService();
        var symbols = docs.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(job))).get(WAIT, TimeUnit.SECONDS);
        assertEquals("j", symbols.get(0).getRight().getName());
        assertEquals(List.of("source pg.ls_src", "sink pg.ls_dst", "map"),
                symbols.get(0).getRight().getChildren().stream().map(s -> s.getName()).toList());
        var folds = docs.foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(job))).get(WAIT, TimeUnit.SECONDS);
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == 1 && f.getEndLine() == 11), folds.toString());
        var edits = docs.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(job), new FormattingOptions(2, true)))
                .get(WAIT, TimeUnit.SECONDS);
        String formatted = Edits.apply(text, edits);
        assertEquals("// nightly\njob j {\n  source pg.ls_src {\n    where \"id > 0\"\n  }\n\n  sink pg.ls_dst { write copy }\n"
                + "  /* keep\n     this */\n  map by name { \"x\" -> note skip created }\n}\n", formatted);
        lsp.replaceAll(job, 2, formatted);
        assertEquals(List.of(), docs.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(job), new FormattingOptions(2, true)))
                .get(WAIT, TimeUnit.SECONDS), "formatting is idempotent");
        List<Integer> tokens = docs.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(job))).get(WAIT, TimeUnit.SECONDS).getData();
        // the first token: the comment on line 0; the second: `job` (keyword) on line 1; the third: j (a function, declared)
        assertEquals(List.of(0, 0, 10, 3, 0), tokens.subList(0, 5));
        assertEquals(List.of(1, 0, 3, 0, 0), tokens.subList(5, 10));
        assertEquals(List.of(0, 4, 1, 6, 1), tokens.subList(10, 15));
    }

    @Test
    void quickFixesShareTheDiagnosticsCode() throws Exception {
        String text = "job j {\n  source pg.ls_src\n  sink pg.ls_dst { wirte copy }\n}\n";
        lsp.open(job, text);
        List<Diagnostic> d = lsp.diagnostics(job, l -> !l.isEmpty());
        List<CodeAction> actions = actions(job, d.get(0).getRange(), d);
        CodeAction fix = actions.stream().filter(a -> a.getTitle().equals("Change to 'write'")).findFirst().orElseThrow();
        assertEquals("SYN100", fix.getDiagnostics().get(0).getCode().getLeft());
        String fixed = Edits.apply(text, fix.getEdit(), job);
        assertEquals(text.replace("wirte", "write"), fixed);
        lsp.replaceAll(job, 2, fixed);
        lsp.client.awaitVersion(job, 2);
        // ls_dst.note is NOT NULL and the source has no note
        d = lsp.diagnostics(job, l -> l.stream().anyMatch(x -> x.getCode().getLeft().equals("SYN302")));
        Diagnostic notNull = d.stream().filter(x -> x.getCode().getLeft().equals("SYN302")).findFirst().orElseThrow();
        CodeAction add = actions(job, notNull.getRange(), List.of(notNull)).stream()
                .filter(a -> a.getTitle().startsWith("Add the missing NOT NULL columns")).findFirst().orElseThrow();
        String withNote = Edits.apply(fixed, add.getEdit(), job);
        assertEquals(fixed.replace("}\n}\n", "}\n  map by name {\n    \"\" -> note\n  }\n}\n"), withNote);
        lsp.replaceAll(job, 3, withNote);
        lsp.client.awaitVersion(job, 3);
        assertEquals(List.of("3:2 SYN308 source column 'created' has no sink column in pg.public.ls_dst and is not copied;"
                + " write `skip created` or map it with `created -> column`, or add it to the table with `add missing columns` in the sink"),
                brief(lsp.client.diagnostics.get(job)), "only the column left");
    }

    @Test
    void misspeltNamesAreFixedFromTheSuggestion() throws Exception {
        String text = "job j {\n  source pg.ls_scr\n  sink pg.ls_dst\n  map by name { \"x\" -> note skip created }\n}\n";
        lsp.open(job, text);
        List<Diagnostic> d = lsp.diagnostics(job, l -> !l.isEmpty());
        assertEquals(List.of("1:12 SYN202 unknown table public.ls_scr in datasource 'pg'; did you mean 'ls_src'?"), brief(d));
        String fixed = Edits.apply(text, find(actions(job, d.get(0).getRange(), d), "Change to 'ls_src'").getEdit(), job);
        assertEquals(text.replace("ls_scr", "ls_src"), fixed);
        lsp.replaceAll(job, 2, fixed.replace("skip created", "skip craeted"));
        lsp.client.awaitVersion(job, 2);
        d = lsp.client.diagnostics.get(job);
        Diagnostic column = d.stream().filter(x -> x.getCode().getLeft().equals("SYN203")).findFirst().orElseThrow(() -> new AssertionError(brief(lsp.client.diagnostics.get(job))));
        assertEquals(fixed, Edits.apply(fixed.replace("skip created", "skip craeted"), find(actions(job, column.getRange(), List.of(column)),
                "Change to 'created'").getEdit(), job));
    }

    @Test
    void mappingActionsOfTheConsoles() throws Exception {
        String text = "job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map by name { \"x\" -> note skip created }\n}\n";
        lsp.open(job, text);
        lsp.diagnostics(job, List::isEmpty);
        lsp.labelsWhenFetched(job, Edits.after(text, "map by name { ")); // metadata cached: source
        lsp.labelsWhenFetched(job, Edits.after(text, "\"x\" -> ")); // and sink
        var hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(job), Edits.find(text, "note")))
                .get(WAIT, TimeUnit.SECONDS);
        assertEquals("**sink column** `note` text not null", hover.getContents().getRight().getValue());
        hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(job), Edits.find(text, "created")))
                .get(WAIT, TimeUnit.SECONDS);
        assertEquals("**source column** `created` date", hover.getContents().getRight().getValue());
        Position inJob = Edits.find(text, "source");
        List<CodeAction> actions = actions(job, new Range(inJob, inJob), List.of());
        String byName = Edits.apply(text, find(actions, "Map all by name").getEdit(), job);
        assertEquals("job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map {\n    id\n    name\n    amount\n  }\n}\n", byName);
        String byPosition = Edits.apply(text, find(actions, "Map by position").getEdit(), job);
        assertEquals("job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map {\n    id -> id\n    name -> name\n    amount -> amount\n"
                + "    created -> note\n  }\n}\n", byPosition);
        assertEquals("job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map {\n  }\n}\n", Edits.apply(text, find(actions, "Unmap all").getEdit(), job));
        assertEquals("job j {\n  source pg.ls_src\n  sink pg.ls_dst\n  map by name {\n  }\n}\n",
                Edits.apply(text, find(actions, "Reset the mapping (map by name)").getEdit(), job));
    }

    private static CodeAction find(List<CodeAction> actions, String title) {
        return actions.stream().filter(a -> a.getTitle().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(title + " not in " + actions.stream().map(CodeAction::getTitle).toList()));
    }

    private List<CodeAction> actions(String uri, Range range, List<Diagnostic> diagnostics) throws Exception {
        return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), range,
                new CodeActionContext(diagnostics))).get(WAIT, TimeUnit.SECONDS).stream().map(Either::getRight).toList();
    }

    private Object command(String name, Object... args) throws Exception {
        return lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(name, List.of(args))).get(WAIT * 2, TimeUnit.SECONDS);
    }

    @Test
    void commandsPreviewPingDdlRunAndCreateTable() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS ls_new");
        String text = "job j {\n  source pg.ls_src\n  sink pg.ls_new\n}\n";
        lsp.open(job, text);
        List<Diagnostic> d = lsp.diagnostics(job, l -> !l.isEmpty());
        assertEquals("SYN202", d.get(0).getCode().getLeft());
        CodeAction create = find(actions(job, d.get(0).getRange(), d), "Create the table pg.ls_new now (shows the DDL it runs)");
        assertEquals("syncc.createTable", create.getCommand().getCommand());
        Object created = command("syncc.createTable", job, "j");
        assertTrue(String.valueOf(created).contains("CREATE TABLE IF NOT EXISTS \"public\".\"ls_new\""), String.valueOf(created));
        lsp.diagnostics(job, List::isEmpty);

        String ping = String.valueOf(command("syncc.ping", job));
        assertTrue(ping.startsWith("ok    pg: PostgreSQL "), ping);
        String ddl = String.valueOf(command("syncc.generateDdl", job, "j"));
        assertTrue(ddl.startsWith("CREATE TABLE IF NOT EXISTS \"public\".\"ls_new\""), ddl);
        String preview = String.valueOf(command("syncc.preview", job, "j"));
        assertTrue(preview.contains("(10 rows)") && preview.contains("n1"), preview);
        assertEquals(0, TestDb.count("ls_new"), "preview writes nothing");

        var lenses = lsp.server.getTextDocumentService().codeLens(new org.eclipse.lsp4j.CodeLensParams(new TextDocumentIdentifier(job)))
                .get(WAIT, TimeUnit.SECONDS);
        assertEquals(List.of("syncc.run", "syncc.preview", "syncc.ping", "syncc.generateDdl"), lenses.stream().map(l -> l.getCommand().getCommand()).toList());
        String summary = String.valueOf(command("syncc.run", job, "j", new Position(0, 4)));
        assertTrue(summary.contains("25"), summary);
        assertEquals(25, TestDb.count("ls_new"));
        assertTrue(lsp.client.progress.stream().anyMatch(p -> p.getValue().getLeft() instanceof WorkDoneProgressBegin));
        assertTrue(lsp.client.progress.stream().anyMatch(p -> p.getValue().getLeft() instanceof WorkDoneProgressEnd));

        String pulled = String.valueOf(command("syncc.pullCatalog", job));
        assertTrue(Files.readString(dir.resolve("syncc.catalog.json")).contains("ls_src"), pulled);
    }

    @Test
    void aBadCommandIsAnErrorWithAMessage() throws Exception {
        lsp.open(job, "job j {\n  source pg.ls_src\n  sink pg.nowhere\n}\n");
        lsp.diagnostics(job, l -> !l.isEmpty());
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, () -> command("syncc.preview", job, "j"));
        assertTrue(e.getCause().getMessage().contains("job j has errors: job.sync:3:11: SYN202 table public.nowhere does not exist"),
                e.getCause().getMessage());
    }

    @Test
    void hoverNeverShowsASecret() throws Exception {
        String leaky = dir.resolve("leaky.sync").toUri().toString();
        String text = "datasource leaky {\n  type postgres\n  url \"jdbc:postgresql://bob:hunter2@db.example:5432/dw?ssl=true&password=hunter2\"\n"
                + "  user \"bob\"\n  password \"hunter2\"\n}\n";
        lsp.open(leaky, text);
        lsp.diagnostics(leaky, l -> !l.isEmpty()); // SYN601: literal password
        String hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(leaky), Edits.find(text, "leaky")))
                .get(WAIT, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertEquals("**datasource** `leaky` (postgres)\n\n- `url` \"jdbc:postgresql://bob:•••@db.example:5432/dw?ssl=true&password=•••\"\n"
                + "- `user` \"bob\"\n- `password` •••\n", hover);
        for (Diagnostic d : lsp.client.diagnostics.get(leaky)) {
            assertFalse(d.getMessage().getLeft().contains("hunter2"), d.getMessage().getLeft());
        }
    }

    @Test
    void nothingIsOfferedInsideComments() throws Exception {
        String text = "// source \njob j { }\n";
        lsp.open(job, text);
        assertFalse(labels(lsp.complete(job, Edits.after(text, "// source "))).contains("pg"));
        assertNotNull(lsp.complete(job, new Position(5, 0)), "a position past the end is the end");
    }
}
