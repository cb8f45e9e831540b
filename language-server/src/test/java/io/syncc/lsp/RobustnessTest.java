package io.syncc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.catalog.CachingCatalog;
import io.syncc.compiler.catalog.LiveCatalog;
import io.syncc.compiler.testing.TestDb;
import io.syncc.compiler.workspace.Workspace;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What breaks editors in real life: a database that never answers, and a storm of edits. */
class RobustnessTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void tables() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS rb_src, rb_dst", "CREATE TABLE rb_src (id int, name text)", "CREATE TABLE rb_dst (id int, name text)");
    }

    /**
     * A server that accepts connections and never says a word: completion answers from the cache at
     * once, saying metadata is being fetched, while the fetch is still stuck; the checks go on and
     * say the same, located at the table.
     */
    @Test
    void aStalledDatabaseNeverBlocksTyping() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Files.writeString(dir.resolve("pw.txt"), "secret");
            Files.writeString(dir.resolve("ds.sync"), "datasource slow {\n  type postgres\n  url \"jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/db\"\n  user \"u\"\n  password file(\"pw.txt\")\n}\n");
            String job = dir.resolve("job.sync").toUri().toString();
            String text = "job j {\n  source slow.\n}\n";
            try (LspHarness lsp = LspHarness.start(dir, new CachingCatalog.Limits(TimeUnit.MINUTES.toNanos(10), TimeUnit.SECONDS.toNanos(15), 500))) {
                lsp.open(job, text);
                CompletionList list = lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(job),
                        Edits.after(text, "source slow."))).get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS).getRight();
                assertTrue(list.isIncomplete(), "the editor is told to ask again");
                assertEquals(List.of("(fetching metadata of slow…)"), list.getItems().stream().map(CompletionItem::getLabel).toList());
                // typing goes on: a new text gets its diagnostics although the database still says nothing
                lsp.replaceAll(job, 2, "job j {\n  source slow.t\n  sink slow.u\n}\n");
                List<Diagnostic> d = lsp.diagnostics(job, l -> l.stream().anyMatch(x -> x.getMessage().getLeft().contains("still being fetched")));
                assertEquals("SYN901", d.get(0).getCode().getLeft());
                assertEquals(new Position(1, 9), d.get(0).getRange().getStart());
            }
            // the fetches were stuck on the silent server the whole time, not failed
            assertTrue(!accepted.isEmpty(), "the server did connect");
        }
    }

    /**
     * 1,000 seeded random edits (inserts and deletes of words, braces, newlines and emoji) sent as
     * incremental changes: the server's text stays the client's, and the diagnostics of the final
     * version are those the workspace API gives for the same text.
     */
    @Test
    void aThousandRandomEditsKeepTheServerInStep() throws Exception {
        Files.writeString(dir.resolve("ds.sync"), "datasource pg { type postgres url embedded }\n");
        String job = dir.resolve("job.sync").toUri().toString();
        String text = "job j {\n  source pg.rb_src\n  sink pg.rb_dst { write copy }\n  map by name { }\n}\n";
        String[] pieces = {"{", "}", "\n", " ", "map", "source pg.", "sink", "😀", "\"x\"", "->", "id", "-- ", "é", ";", "/*", "*/", "`q`"};
        Random random = new Random(20261124L);
        try (LspHarness lsp = LspHarness.start(dir)) {
            lsp.open(job, text);
            for (int version = 2; version <= 1001; version++) {
                int at = random.nextInt(text.length() + 1);
                if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                    at--; // editors never split a surrogate pair
                }
                int end = at;
                if (random.nextInt(3) == 0) {
                    end = Math.min(text.length(), at + random.nextInt(6));
                    if (end < text.length() && end > 0 && Character.isLowSurrogate(text.charAt(end))) {
                        end++;
                    }
                }
                String insert = random.nextInt(4) == 0 ? "" : pieces[random.nextInt(pieces.length)];
                Range range = new Range(Edits.position(text, at), Edits.position(text, end));
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(range, insert);
                lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(job, version),
                        List.of(change)));
                text = text.substring(0, at) + insert + text.substring(end);
                if (version % 100 == 0) {
                    // a request after the edits sees the same text: completion at the very end answers
                    lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(job), Edits.position(text, text.length())))
                            .get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            lsp.client.awaitVersion(job, 1001);
            List<String> published = lsp.client.diagnostics.get(job).stream()
                    .map(d -> d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + " " + d.getMessage().getLeft()).toList();
            List<String> expected = new ArrayList<>();
            try (LiveCatalog catalog = new LiveCatalog(dir)) {
                Workspace ws = new Workspace(dir, catalog);
                ws.open(URI.create(job), text, 1);
                TextPositions pos = new TextPositions(text);
                for (io.syncc.compiler.diag.Diagnostic d : ws.analyze().diagnostics().get(URI.create(job))) {
                    Position p = pos.range(d.range()).getStart();
                    expected.add(p.getLine() + ":" + p.getCharacter() + " " + d.message());
                }
            }
            assertEquals(expected, published);
            assertEquals(List.of(), lsp.client.errors().stream().map(m -> m.getMessage()).toList());
        }
    }
}
