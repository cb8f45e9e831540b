package io.syncc.lsp;

import io.syncc.compiler.catalog.CachingCatalog;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.SnapshotCatalog;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.workspace.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state: one {@link Workspace} per folder of {@code .sync} files (datasources of one
 * file serve the folder's jobs), the metadata cache shared by all, and the debounced checks that
 * publish diagnostics. Requests read the documents as they are now ({@link #parsed}); checks run
 * on one thread of their own, after the edits have paused.
 */
final class Session implements AutoCloseable {

    /** How long edits must pause before the folder is checked again. */
    static final long DEBOUNCE_MILLIS = 150;

    private final Path workDir;
    private final CachingCatalog catalog;
    private final Map<Path, Workspace> folders = new ConcurrentHashMap<>();
    private final Map<Path, Workspace.Parsed> parsedCache = new ConcurrentHashMap<>();
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "syncc-check");
        t.setDaemon(true);
        return t;
    });
    private final EmbeddedSupport embedded;
    private volatile LanguageClient client;
    private volatile boolean closed;
    /** Diagnostics last published per document (tests and code actions read them). */
    private final Map<URI, List<Diagnostic>> published = new ConcurrentHashMap<>();

    final Completions completions = new Completions(this);
    final Hovers hovers = new Hovers(this);
    final Navigation navigation = new Navigation(this);
    final CodeActions actions = new CodeActions(this);
    final JobCommands jobs = new JobCommands(this);

    /** The datasources' {@code env NAME { }} that applies (the client's initializationOptions.environment), or null. */
    private final String environment;

    Session(Path workDir, CachingCatalog.Limits limits) {
        this(workDir, limits, null);
    }

    Session(Path workDir, CachingCatalog.Limits limits, String environment) {
        this.environment = environment == null || environment.isBlank() ? null : environment.trim();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.embedded = new EmbeddedSupport(this.workDir);
        this.catalog = new CachingCatalog(this.workDir, limits, System::nanoTime, snapshot(this.workDir), ds -> recheckAll());
    }

    private static Catalog snapshot(Path workDir) {
        Path file = workDir.resolve(SnapshotCatalog.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SnapshotCatalog.load(file);
        } catch (MetadataException e) {
            return null;
        }
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    LanguageClient client() {
        return client;
    }

    Path workDir() {
        return workDir;
    }

    CachingCatalog catalog() {
        return catalog;
    }

    EmbeddedSupport embedded() {
        return embedded;
    }

    /** The folder a document belongs to (an unsaved one: the work folder). */
    Path folderOf(URI uri) {
        try {
            Path p = Path.of(uri);
            return p.getParent() == null ? workDir : p.getParent();
        } catch (RuntimeException notAFile) {
            return workDir;
        }
    }

    Workspace workspace(URI uri) {
        return folders.computeIfAbsent(folderOf(uri), f -> new Workspace(f, catalog, environment));
    }

    /** The folder's documents as they are now, parsed (cached until one of them changes). */
    Workspace.Parsed parsed(URI uri) {
        Path folder = folderOf(uri);
        return parsedCache.computeIfAbsent(folder, f -> workspace(uri).parse());
    }

    /** The text of a document: as edited when open, else from disk ("" when unreadable). */
    String text(URI uri) {
        Workspace.Parsed p = parsed(uri);
        String t = p.texts().get(uri);
        if (t != null) {
            return t;
        }
        return workspace(uri).document(uri).map(Workspace.Document::text).orElse("");
    }

    void opened(URI uri, String text, int version) {
        workspace(uri).open(uri, text, version);
        changedFolder(uri);
    }

    void changed(URI uri, String text, int version) {
        workspace(uri).change(uri, text, version);
        changedFolder(uri);
    }

    void closed(URI uri) {
        workspace(uri).close(uri);
        changedFolder(uri);
    }

    /** A file of the folder changed on disk (saved, created, deleted). */
    void changedOnDisk(URI uri) {
        changedFolder(uri);
    }

    private void changedFolder(URI uri) {
        Path folder = folderOf(uri);
        parsedCache.remove(folder);
        schedule(folder, DEBOUNCE_MILLIS);
    }

    /** Checks every folder again (metadata arrived or was refreshed). */
    void recheckAll() {
        folders.keySet().forEach(f -> schedule(f, DEBOUNCE_MILLIS));
    }

    private void schedule(Path folder, long delayMillis) {
        if (closed) {
            return;
        }
        pending.compute(folder, (f, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return checker.schedule(() -> check(f), delayMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** Checks a folder now and publishes every document's diagnostics (on the check thread). */
    private void check(Path folder) {
        Workspace ws = folders.get(folder);
        LanguageClient c = client;
        if (ws == null || closed) {
            return;
        }
        try {
            Workspace.Parsed parsed = ws.parse();
            embedded.startIfUsed(parsed);
            Workspace.Analysis analysis = ws.analyze(parsed, catalog);
            for (Map.Entry<URI, List<Diagnostic>> e : analysis.diagnostics().entrySet()) {
                URI uri = e.getKey();
                published.put(uri, e.getValue());
                if (c == null) {
                    continue;
                }
                String text = analysis.texts().getOrDefault(uri, "");
                TextPositions positions = new TextPositions(text);
                List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
                for (Diagnostic d : e.getValue()) {
                    out.add(toLsp(d, positions));
                }
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri.toString(), out);
                Integer version = analysis.versions().get(uri);
                if (version != null) {
                    params.setVersion(version);
                }
                c.publishDiagnostics(params);
            }
        } catch (RuntimeException e) {
            if (c != null && !closed) { // after shutdown, the metadata fetchers refuse work: not an error
                c.logMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Error,
                        "syncc: checking " + folder + " failed: " + e));
            }
        }
    }

    List<Diagnostic> diagnostics(URI uri) {
        return published.getOrDefault(uri, List.of());
    }

    static org.eclipse.lsp4j.Diagnostic toLsp(Diagnostic d, TextPositions positions) {
        org.eclipse.lsp4j.Diagnostic out = new org.eclipse.lsp4j.Diagnostic();
        out.setRange(positions.range(d.range()));
        out.setSeverity(switch (d.severity()) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            default -> DiagnosticSeverity.Information;
        });
        out.setCode(d.code().id());
        out.setSource("syncc");
        out.setMessage(d.message());
        return out;
    }

    /** A workspace of a document's folder that is not the editor's (for trying an edited text). */
    Workspace scratchWorkspace(URI uri) {
        return new Workspace(folderOf(uri), catalog, environment);
    }

    /** The folders seen so far (the work folder's own files included). */
    java.util.Collection<Workspace> workspaces() {
        folders.computeIfAbsent(workDir, f -> new Workspace(f, catalog, environment));
        return folders.values();
    }

    @Override
    public void close() {
        closed = true;
        checker.shutdownNow();
        try {
            checker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalog.close();
        embedded.close();
    }
}
