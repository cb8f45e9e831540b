package io.syncc.compiler.workspace;

import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.Severity;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.compiler.parse.ParseResult;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.runtime.plan.DatasourcePlan;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code .sync} documents of one folder as an editor sees them: open documents are held in
 * memory with their versions (URI → text), the folder's other {@code .sync} files are read from
 * disk. {@link #analyze()} parses and checks them together (datasources declared in one file serve
 * every job of the folder) and returns the diagnostics of every document — the same codes and
 * messages as {@code syncc check} — with the symbol index of what parsed.
 *
 * <p>Thread-safe: documents change under a lock; an analysis works on a copy taken under it.
 */
public final class Workspace {

    /** An open document: its text and the editor's version of it. */
    public record Document(URI uri, String text, int version) {
        public Document {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What an analysis found.
     *
     * @param diagnostics every document's findings (an empty list for a clean one, so stale ones can be cleared)
     * @param versions    the version of each open document the findings are for
     * @param symbols     declarations and references
     * @param jobs        the jobs that passed every check
     * @param texts       the text each finding is about
     */
    public record Analysis(Map<URI, List<Diagnostic>> diagnostics, Map<URI, Integer> versions, SymbolIndex symbols, List<CheckedJob> jobs,
                           Map<URI, String> texts) {
        public Analysis {
            texts = Map.copyOf(texts);
            diagnostics = Map.copyOf(diagnostics);
            versions = Map.copyOf(versions);
            jobs = List.copyOf(jobs);
        }
    }

    private final Path folder;
    private final Catalog catalog;
    private final String environment;
    private final Map<URI, Document> open = new LinkedHashMap<>();

    /**
     * @param folder  the folder whose {@code .sync} files belong together
     * @param catalog where tables and columns come from (live metadata, or a snapshot)
     */
    public Workspace(Path folder, Catalog catalog) {
        this(folder, catalog, null);
    }

    /** @param environment whose {@code env NAME { }} datasource settings apply (null: their own) */
    public Workspace(Path folder, Catalog catalog, String environment) {
        this.folder = folder.toAbsolutePath().normalize();
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.environment = environment;
    }

    public synchronized void open(URI uri, String text, int version) {
        open.put(uri, new Document(uri, text, version));
    }

    /** The whole new text of an open document (editors send full text or the server applies their edits first). */
    public synchronized void change(URI uri, String text, int version) {
        Document d = open.get(uri);
        if (d != null && d.version() > version) {
            return; // an older edit arriving late
        }
        open.put(uri, new Document(uri, text, version));
    }

    /** Closed: from now on the document is what is on disk. */
    public synchronized void close(URI uri) {
        open.remove(uri);
    }

    public synchronized java.util.Optional<Document> document(URI uri) {
        return java.util.Optional.ofNullable(open.get(uri));
    }

    /**
     * What the folder's documents say before any check: each document's text and AST (what parsed),
     * the datasources declared well enough to plan, and the symbol index. Cheap (no metadata): what
     * completion, hover and navigation work from, on the text as it is now.
     *
     * @param texts       every document's text (open ones as edited)
     * @param files       the AST of every document that parsed at all
     * @param datasources the datasources of the folder that plan, by their lower-case name
     * @param symbols     declarations and references
     * @param diagnostics what parsing and reading found (syntax errors, unreadable files)
     * @param versions    the version of each open document
     */
    public record Parsed(Map<URI, String> texts, Map<URI, SyncFile> files, Map<String, DatasourcePlan> datasources,
                         SymbolIndex symbols, List<Diagnostic> diagnostics, Map<URI, Integer> versions) {
        public Parsed {
            texts = Map.copyOf(texts);
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            datasources = Map.copyOf(datasources);
            diagnostics = List.copyOf(diagnostics);
            versions = Map.copyOf(versions);
        }
    }

    /** Parses every document of the folder and plans its datasources; no metadata is read. */
    public Parsed parse() {
        Map<URI, Document> docs;
        synchronized (this) {
            docs = new LinkedHashMap<>(open);
        }
        Map<URI, String> texts = new TreeMap<>();
        Diagnostics diagnostics = new Diagnostics();
        for (Path p : syncFiles(folder)) {
            URI uri = p.toUri();
            if (!docs.containsKey(uri)) {
                read(p, uri.toString(), p.getFileName().toString(), diagnostics).ifPresent(t -> texts.put(uri, t));
            }
        }
        docs.forEach((uri, d) -> texts.put(uri, d.text()));
        Map<URI, SyncFile> files = new LinkedHashMap<>();
        for (Map.Entry<URI, String> e : texts.entrySet()) {
            ParseResult parsed = SyncSourceParser.parse(e.getKey().toString(), e.getValue());
            diagnostics.addAll(parsed.diagnostics());
            parsed.file().ifPresent(f -> files.put(e.getKey(), f));
        }
        Map<String, DatasourcePlan> datasources = ProjectChecker.datasources(units(files), new Diagnostics(), environment);
        Map<URI, Integer> versions = new LinkedHashMap<>();
        docs.forEach((uri, d) -> versions.put(uri, d.version()));
        return new Parsed(texts, files, datasources, SymbolIndex.of(files), diagnostics.sorted(), versions);
    }

    /** Parses and checks every document of the folder. */
    public Analysis analyze() {
        return analyze(catalog);
    }

    /** As {@link #analyze()}, asking {@code catalog} (for example one that records what it answered). */
    public Analysis analyze(Catalog catalog) {
        return analyze(parse(), catalog);
    }

    /** Checks what {@link #parse()} returned (a caller that needed it first does not parse twice). */
    public Analysis analyze(Parsed parsed, Catalog catalog) {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(parsed.diagnostics());
        List<CheckedJob> jobs = List.of();
        if (!diagnostics.hasErrors(Code.IO)) {
            jobs = new ProjectChecker(catalog, environment).check(units(parsed.files()), diagnostics);
        }
        Map<URI, List<Diagnostic>> byDocument = new LinkedHashMap<>();
        parsed.texts().keySet().forEach(u -> byDocument.put(u, new ArrayList<>()));
        for (Diagnostic d : diagnostics.sorted()) {
            byDocument.computeIfAbsent(URI.create(d.range().file()), u -> new ArrayList<>()).add(d);
        }
        return new Analysis(byDocument, parsed.versions(), parsed.symbols(), jobs, parsed.texts());
    }

    /** The folder this workspace is. */
    public Path folder() {
        return folder;
    }

    private List<ProjectChecker.Unit> units(Map<URI, SyncFile> files) {
        List<ProjectChecker.Unit> units = new ArrayList<>();
        files.forEach((uri, f) -> units.add(new ProjectChecker.Unit(f, baseDir(uri))));
        return units;
    }

    private Path baseDir(URI uri) {
        try {
            return Path.of(uri).getParent();
        } catch (RuntimeException notAFile) {
            return folder; // an unsaved document: relative paths as if it were in the folder
        }
    }

    /**
     * A {@code .sync} file's text; when it cannot be read, a SYN902 finding (located at 1:1 of
     * {@code file}, worded with {@code name}) instead: the CLI and the editor say the same.
     */
    public static java.util.Optional<String> read(Path path, String file, String name, Diagnostics diagnostics) {
        try {
            return java.util.Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            diagnostics.add(new Diagnostic(Severity.ERROR, Code.IO, new SourceRange(file, 1, 1, 1, 1, 0, 0),
                    "cannot read " + name + ": it is not UTF-8 text", List.of()));
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(Severity.ERROR, Code.IO, new SourceRange(file, 1, 1, 1, 1, 0, 0),
                    "cannot read " + name + ": " + (Files.exists(path) ? e.getMessage() : "no such file"), List.of()));
        }
        return java.util.Optional.empty();
    }

    /** The {@code .sync} files of a folder, sorted (none when it cannot be listed). */
    public static List<Path> syncFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".sync") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
