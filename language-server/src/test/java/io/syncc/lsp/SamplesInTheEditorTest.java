package io.syncc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart sample opened in an editor: clean, with completion of its files and columns and hover types. */
class SamplesInTheEditorTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void theQuickstartIsCleanAndCompletesItsFilesAndColumns() throws Exception {
        TestDb.server();
        Path folder = dir.resolve("quickstart");
        copy(SAMPLES.resolve("quickstart"), folder);
        String uri = folder.resolve("bank_data.sync").toUri().toString();
        String text = Files.readString(folder.resolve("bank_data.sync"));
        try (LspHarness lsp = LspHarness.start(dir)) {
            lsp.open(uri, text);
            assertEquals(List.of(), lsp.diagnostics(uri, l -> true), "the sample as shipped is clean");
            // the files of the csv datasource, as tables
            String typing = text.replace("source files.bank_data", "source files.");
            lsp.replaceAll(uri, 2, typing);
            List<String> files = lsp.labelsWhenFetched(uri, Edits.after(typing, "source files."));
            assertTrue(files.contains("bank_data"), files.toString());
            // the CSV's columns in the map, inferred types in the detail
            String mapping = text.replace("map by name { }", "map by name { ag }");
            lsp.replaceAll(uri, 3, mapping);
            Position inMap = Edits.after(mapping, "map by name { ");
            List<String> columns = lsp.labelsWhenFetched(uri, inMap);
            assertEquals(List.of("age", "job", "marital"), columns.subList(0, 3));
            var hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), Edits.find(text, "bank_data", 1)))
                    .get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS);
            String table = hover.getContents().getRight().getValue();
            assertTrue(table.startsWith("**table** ") && table.contains("| age | integer |"), table);
        }
    }

    /** A partitioned dataset's keys are columns: completed after `partition` and in the map, explained on hover. */
    @Test
    void thePartitionedSampleCompletesItsPartitionKeys() throws Exception {
        TestDb.server();
        Path folder = dir.resolve("partitioned");
        copy(SAMPLES.resolve("partitioned"), folder);
        String uri = folder.resolve("odps_to_holo.sync").toUri().toString();
        String text = Files.readString(folder.resolve("odps_to_holo.sync"));
        try (LspHarness lsp = LspHarness.start(dir)) {
            lsp.open(uri, text);
            assertEquals(List.of(), lsp.diagnostics(uri, l -> true), "the sample as shipped is clean");
            String typing = text.replace("partition sale_date = \"${bizdate}\", sale_time = \"*\"", "partition ");
            lsp.replaceAll(uri, 2, typing);
            List<String> keys = lsp.labelsWhenFetched(uri, Edits.after(typing, "{\n    partition ")); // not the comment's
            assertTrue(keys.containsAll(List.of("sale_date", "sale_time")), keys.toString());
            String mapping = text.replace("map by name { }", "map by name { sa }");
            lsp.replaceAll(uri, 3, mapping);
            List<String> columns = lsp.labelsWhenFetched(uri, Edits.after(mapping, "map by name { "));
            assertTrue(columns.containsAll(List.of("order_id", "amount", "sale_date", "sale_time")), columns.toString());
            var hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                    Edits.find(text, "odps_table", 0))).get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS);
            String table = hover.getContents().getRight().getValue();
            assertTrue(table.contains("sale_time") && table.contains("partition key (6 partitions)"), table);
        }
    }
}
