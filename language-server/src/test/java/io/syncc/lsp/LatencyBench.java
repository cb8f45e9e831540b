package io.syncc.lsp;

import io.syncc.compiler.catalog.CachingCatalog;
import io.syncc.compiler.testing.TestDb;
import io.syncc.compiler.workspace.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;

/**
 * The language server's latency budget, measured (run by bench/lsp_latency.sh; never a test):
 * completion p50/p99 over 2,000 requests at the places people complete (tables, source and sink
 * columns, keywords) in a 500-line file, on cached metadata, through JSON-RPC; and the time to
 * check that file (parse + checks on cached metadata), directly and as seen by the client (edit
 * to published diagnostics, less the debounce pause).
 */
public final class LatencyBench {

    public static void main(String[] args) throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS lb_src, lb_dst",
                "CREATE TABLE lb_src (" + columns("s") + ")", "CREATE TABLE lb_dst (" + columns("d") + ")");
        Path dir = Files.createTempDirectory("syncc-lsp-bench");
        Files.writeString(dir.resolve("ds.sync"), "datasource pg { type postgres url embedded }\n");
        StringBuilder text = new StringBuilder();
        int jobs = 0;
        while (text.toString().lines().count() < 500) {
            text.append("job j").append(jobs++).append(" {\n  source pg.lb_src { where \"s1 > 0\" }\n  sink pg.lb_dst { write copy }\n")
                    .append("  map {\n");
            for (int c = 1; c <= 12; c++) {
                text.append("    s").append(c).append(" -> d").append(c).append('\n');
            }
            text.append("  }\n  channel { parallelism 2 }\n}\n");
        }
        String doc = text.toString();
        String uri = dir.resolve("big.sync").toUri().toString();
        Files.writeString(dir.resolve("big.sync"), doc);
        long lines = doc.lines().count();
        try (LspHarness lsp = LspHarness.start(dir, CachingCatalog.Limits.defaults())) {
            lsp.open(uri, doc);
            lsp.client.await(uri, l -> true);
            // the places: after `source pg.`, at an entry start, after `->`, in a sink body
            List<Position> places = List.of(Edits.after(doc, "source pg."), Edits.after(doc, "map {\n    "),
                    Edits.after(doc, "s1 -> "), Edits.after(doc, "sink pg.lb_dst { "));
            for (Position p : places) { // warm the cache and the JIT
                for (int i = 0; i < 200; i++) {
                    CompletionList l = complete(lsp, uri, p);
                    if (!l.isIncomplete() && i > 100) {
                        break;
                    }
                    Thread.sleep(5);
                }
            }
            long[] nanos = new long[2000];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                complete(lsp, uri, places.get(i % places.size()));
                nanos[i] = System.nanoTime() - t0;
            }
            percentiles("completion in a " + lines + "-line file, over JSON-RPC", nanos, " (budget p99 <= 50 ms)");

            // as when typing: every completion follows an edit, so the folder is parsed again first
            long[] typing = new long[500];
            for (int i = 0; i < typing.length; i++) {
                String edited = doc.replace("parallelism 2", "parallelism " + (i % 7 + 1));
                lsp.replaceAll(uri, 1000 + i, edited);
                long t0 = System.nanoTime();
                complete(lsp, uri, places.get(i % places.size()));
                typing[i] = System.nanoTime() - t0;
            }
            percentiles("completion right after an edit (the " + lines + "-line file parsed again)", typing, "");
            lsp.replaceAll(uri, 1999, doc);

            // checking the file on cached metadata: directly
            CachingCatalog catalog = new CachingCatalog(dir, null, ds -> { });
            Workspace ws = new Workspace(dir, catalog);
            ws.open(URI.create(uri), doc, 1);
            ws.analyze(); // fills the cache
            long[] check = new long[30];
            for (int i = 0; i < check.length; i++) {
                long t0 = System.nanoTime();
                ws.analyze();
                check[i] = System.nanoTime() - t0;
            }
            Arrays.sort(check);
            System.out.printf(Locale.ROOT, "diagnostics of the %d-line file (parse + check, cached metadata): median %.1f ms, worst %.1f ms (budget <= 100 ms)%n",
                    lines, check[check.length / 2] / 1e6, check[check.length - 1] / 1e6);
            catalog.close();
            // and as the client sees it: edit → published diagnostics, less the debounce pause
            List<Long> seen = new ArrayList<>();
            for (int v = 2000; v < 2020; v++) {
                String edited = doc.replace("parallelism 2", "parallelism " + (v % 2 + 2));
                long t0 = System.nanoTime();
                lsp.replaceAll(uri, v, edited);
                lsp.client.awaitVersion(uri, v);
                seen.add(System.nanoTime() - t0 - TimeUnit.MILLISECONDS.toNanos(Session.DEBOUNCE_MILLIS));
            }
            seen.sort(null);
            System.out.printf(Locale.ROOT, "edit to published diagnostics, less the %d ms debounce: median %.1f ms, worst %.1f ms%n",
                    Session.DEBOUNCE_MILLIS, seen.get(seen.size() / 2) / 1e6, seen.get(seen.size() - 1) / 1e6);
        }
        System.exit(0);
    }

    private static void percentiles(String what, long[] nanos, String budget) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s, %d requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms%s%n", what, nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6, nanos[nanos.length - 1] / 1e6, budget);
    }

    private static CompletionList complete(LspHarness lsp, String uri, Position p) throws Exception {
        return lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), p))
                .get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS).getRight();
    }

    private static String columns(String prefix) {
        List<String> cols = new ArrayList<>();
        for (int c = 1; c <= 12; c++) {
            cols.add(prefix + c + (c % 3 == 0 ? " numeric(12,2)" : c % 3 == 1 ? " int" : " text"));
        }
        return String.join(", ", cols);
    }
}
