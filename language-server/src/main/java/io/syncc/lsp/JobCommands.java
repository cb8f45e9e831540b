package io.syncc.lsp;

import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.RecordingCatalog;
import io.syncc.compiler.catalog.SnapshotCatalog;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.cli.PreviewCommand;
import io.syncc.compiler.codegen.Compilation;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.plan.Planner;
import io.syncc.compiler.workspace.Workspace;
import io.syncc.runtime.exec.Connectivity;
import io.syncc.runtime.exec.JobReport;
import io.syncc.runtime.exec.JobRun;
import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.exec.Preview;
import io.syncc.runtime.exec.RunListener;
import io.syncc.runtime.exec.RunOptions;
import io.syncc.runtime.exec.Summary;
import io.syncc.runtime.plan.DatasourcePlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The commands behind code lenses and the editor's command palette: preview a job's rows, test the
 * connections, run a job (LSP work-done progress, cancellable), show or run the sink's DDL, refresh
 * metadata, write the catalog snapshot. Each returns the text to show; failures are LSP errors with
 * the same messages as the CLI. Jobs are checked, compiled and run through the compiler's and the
 * runtime's APIs ({@link JobRun}), exactly as {@code syncc run} does.
 */
final class JobCommands {

    static final List<String> COMMANDS = List.of("syncc.preview", "syncc.ping", "syncc.run", "syncc.refreshMetadata",
            "syncc.generateDdl", "syncc.pullCatalog", "syncc.createTable");

    private final Session session;
    private final Map<String, JobRun> running = new ConcurrentHashMap<>();

    JobCommands(Session session) {
        this.session = session;
    }

    /** Lenses over each job's name: preview, test connection, run, DDL. */
    List<CodeLens> lenses(URI uri, TextPositions pos) {
        SyncFile f = session.parsed(uri).files().get(uri);
        List<CodeLens> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        for (JobDecl j : f.jobs()) {
            var range = pos.range(j.name().range());
            List<Object> args = List.of(uri.toString(), j.name().text(), range.getStart());
            out.add(new CodeLens(range, new Command("▶ Run job", "syncc.run", args), null));
            out.add(new CodeLens(range, new Command("Preview data", "syncc.preview", args), null));
            out.add(new CodeLens(range, new Command("Test connection", "syncc.ping", List.of(uri.toString())), null));
            out.add(new CodeLens(range, new Command("DDL", "syncc.generateDdl", args), null));
        }
        return out;
    }

    Object execute(String command, List<Object> arguments) {
        URI uri = URI.create(argument(arguments, 0).orElseThrow(() -> error("the command needs the document's URI")));
        Optional<String> job = argument(arguments, 1).or(() -> jobAt(uri, arguments));
        return switch (command) {
            case "syncc.preview" -> preview(uri, job);
            case "syncc.ping" -> ping(uri);
            case "syncc.run" -> run(uri, job);
            case "syncc.generateDdl" -> ddl(uri, job);
            case "syncc.createTable" -> createTable(uri, job);
            case "syncc.refreshMetadata" -> refresh(uri);
            case "syncc.pullCatalog" -> pullCatalog(uri);
            default -> throw error("unknown command " + command);
        };
    }

    /** A string argument (JSON strings arrive as Gson primitives). */
    private static Optional<String> argument(List<Object> arguments, int i) {
        if (arguments == null || i >= arguments.size() || arguments.get(i) == null) {
            return Optional.empty();
        }
        Object a = arguments.get(i);
        if (a instanceof com.google.gson.JsonPrimitive p && p.isString()) {
            return Optional.of(p.getAsString());
        }
        if (a instanceof com.google.gson.JsonNull) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(a));
    }

    /** The job under a position argument ({@code {line, character}}) when no job is named. */
    private Optional<String> jobAt(URI uri, List<Object> arguments) {
        if (arguments == null || arguments.size() < 3 || !(arguments.get(2) instanceof com.google.gson.JsonObject o)
                || !o.has("line") || !o.has("character")) {
            return Optional.empty();
        }
        Workspace.Parsed p = session.parsed(uri);
        SyncFile f = p.files().get(uri);
        if (f == null) {
            return Optional.empty();
        }
        TextPositions pos = new TextPositions(p.texts().getOrDefault(uri, ""));
        int offset = pos.codePointOffset(pos.charIndex(new org.eclipse.lsp4j.Position(o.get("line").getAsInt(), o.get("character").getAsInt())));
        return f.jobs().stream().filter(j -> j.range().startOffset() <= offset && offset <= j.range().endOffset())
                .map(j -> j.name().text()).findFirst();
    }

    // ------------------------------------------------------------------ commands

    private String preview(URI uri, Optional<String> name) {
        CheckedJob job = checkedJob(uri, name);
        Compilation c = Compilation.of(job);
        Preview preview = JobRunner.previewWithRejected(c.plan(), c.instantiate(), new RunOptions(params(job), session.workDir(), false, false), 10);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("preview of job " + job.name() + " (the first 10 rows as the sink would receive them; nothing written)");
        PreviewCommand.print(out, c.plan().sink().columns().stream().map(x -> x.name()).toList(), preview.rows());
        PreviewCommand.printRejected(out, preview.rejected());
        out.flush();
        return text.toString();
    }

    private String ping(URI uri) {
        Workspace.Parsed p = session.parsed(uri);
        session.embedded().startIfUsed(p);
        SyncFile f = p.files().get(uri);
        Set<String> wanted = f == null ? Set.of() : f.datasourcesNamed();
        StringBuilder out = new StringBuilder();
        for (String name : wanted) {
            DatasourcePlan ds = p.datasources().get(name);
            if (ds == null) {
                out.append("FAIL  ").append(name).append(": not declared in this folder (or declared with errors)\n");
                continue;
            }
            try {
                out.append("ok    ").append(ds.name()).append(": ").append(Connectivity.ping(ds, session.workDir())).append('\n');
            } catch (RuntimeException e) {
                out.append("FAIL  ").append(ds.name()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.length() == 0 ? "no datasources in this file\n" : out.toString();
    }

    private String ddl(URI uri, Optional<String> name) {
        CheckedJob job = checkedJob(uri, name);
        if (!io.syncc.runtime.spi.Connectors.forType(job.sinkDatasource().type()).writesTables()) {
            throw error("job " + job.name() + " writes files of datasource '" + job.sinkDatasource().name() + "', which have no CREATE TABLE");
        }
        return Planner.createTable(job) + ";\n";
    }

    /**
     * Creates the sink table of a job whose sink does not exist yet: the DDL is planned as for
     * {@code create if missing} (on the text with that added, the document itself is not changed)
     * and run on the sink datasource.
     */
    private String createTable(URI uri, Optional<String> name) {
        Workspace.Parsed p = session.parsed(uri);
        String text = p.texts().getOrDefault(uri, "");
        JobDecl decl = jobDecl(p, uri, name);
        if (decl.sinks().isEmpty()) {
            throw error("job " + decl.name().text() + " has no sink");
        }
        SinkBlock sink = decl.sinks().get(0);
        TextPositions pos = new TextPositions(text);
        int end = pos.charIndex(sink.range().endOffset());
        String edited = end > 0 && text.charAt(end - 1) == '}'
                ? text.substring(0, end - 1) + " create if missing }" + text.substring(end)
                : text.substring(0, end) + " { create if missing }" + text.substring(end);
        Workspace copy = session.scratchWorkspace(uri);
        copy.open(uri, edited, 0);
        Workspace.Analysis a = copy.analyze();
        CheckedJob job = a.jobs().stream().filter(j -> j.name().equalsIgnoreCase(decl.name().text())).findFirst()
                .orElseThrow(() -> error("job " + decl.name().text() + " has other errors: " + firstError(a, uri)));
        String ddl = Planner.createTable(job);
        try {
            session.catalog().createTable(job.sinkDatasource(), ddl);
        } catch (MetadataException e) {
            throw error(e.getMessage());
        }
        session.recheckAll();
        LanguageClient client = session.client();
        if (client != null) {
            client.showMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Info,
                    "syncc: created " + job.sinkDatasource().name() + "." + job.sinkTable() + " with " + ddl));
        }
        return "created the table with\n" + ddl + ";\n";
    }

    private String refresh(URI uri) {
        Workspace.Parsed p = session.parsed(uri);
        p.datasources().values().forEach(ds -> session.catalog().refresh(ds.name()));
        session.recheckAll();
        return "metadata of " + p.datasources().size() + " datasource(s) will be fetched again\n";
    }

    private String pullCatalog(URI uri) {
        Path target = session.folderOf(uri).resolve(SnapshotCatalog.FILE_NAME);
        SnapshotCatalog.Snapshot start;
        try {
            start = SnapshotCatalog.load(target).snapshot();
        } catch (MetadataException e) {
            start = new SnapshotCatalog.Snapshot(1, Map.of());
        }
        RecordingCatalog recorder = new RecordingCatalog(session.catalog(), start);
        Workspace.Analysis a = session.workspace(uri).analyze(recorder);
        long errors = a.diagnostics().values().stream().flatMap(List::stream).filter(Diagnostic::isError).count();
        if (errors > 0) {
            throw error("the folder has " + errors + " error(s); fix them first (" + firstError(a, null) + ")");
        }
        try {
            SnapshotCatalog.write(target, recorder.snapshot());
        } catch (IOException e) {
            throw error("cannot write " + target + ": " + e.getMessage());
        }
        int tables = recorder.snapshot().datasources().values().stream().mapToInt(d -> d.tables().size()).sum();
        return "wrote " + target + " (" + tables + " tables)\n";
    }

    /** Runs a job with work-done progress; the summary is the result. Cancelling the progress cancels the run. */
    private String run(URI uri, Optional<String> name) {
        CheckedJob job = checkedJob(uri, name);
        Compilation c = Compilation.of(job);
        try {
            Connectivity.preflight(c.plan(), session.workDir());
        } catch (RuntimeException e) {
            throw error(e.getMessage());
        }
        LanguageClient client = session.client();
        String token = "syncc-run-" + UUID.randomUUID();
        boolean progress = false;
        if (client != null) {
            try {
                client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).get();
                progress = true;
            } catch (Exception notSupported) {
                progress = false;
            }
        }
        AtomicLong splits = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        boolean report = progress;
        if (report) {
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle("syncc: running job " + job.name());
            begin.setCancellable(true);
            begin.setPercentage(0);
            client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(begin)));
        }
        RunListener listener = new RunListener() {
            @Override
            public void started(String runId, int total, int resumed) {
                splits.set(total);
                committed.set(resumed);
                progress(resumed == 0 ? "started" : resumed + " split(s) committed by an earlier run");
            }

            @Override
            public void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
                committed.incrementAndGet();
                rows.addAndGet(rowsWritten);
                progress(String.format(Locale.ROOT, "%d/%d splits, %,d rows written", committed.get(), splits.get(), rows.get()));
            }

            private void progress(String message) {
                if (report) {
                    WorkDoneProgressReport r = new WorkDoneProgressReport();
                    r.setMessage(message);
                    r.setCancellable(true);
                    long total = Math.max(1, splits.get());
                    r.setPercentage((int) Math.min(100, committed.get() * 100 / total));
                    client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(r)));
                }
            }
        };
        JobRun run = JobRun.start(c.plan(), c.instantiate(), new RunOptions(params(job), session.workDir(), false, false), listener);
        running.put(token, run);
        JobReport result;
        try {
            result = run.await();
        } catch (InterruptedException e) {
            run.cancel();
            Thread.currentThread().interrupt();
            throw error("interrupted");
        } finally {
            running.remove(token);
        }
        String summary = Summary.format(result);
        if (report) {
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            end.setMessage(result.succeeded() ? "done" : "failed");
            client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(end)));
        }
        return summary;
    }

    /** The client cancelled a run's progress. */
    void cancel(String token) {
        JobRun run = running.get(token);
        if (run != null) {
            run.cancel();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The job's parameters as `syncc run` gives them without -p: its schedule's params at now, and the built-ins. */
    private static Map<String, String> params(CheckedJob job) {
        java.time.LocalDateTime now = io.syncc.runtime.params.TimeExpressions.scheduledTime(null, java.time.ZoneId.systemDefault());
        io.syncc.compiler.cli.Params.Resolution r = io.syncc.compiler.cli.Params.resolve(job, Map.of(), now);
        if (!r.ok()) {
            Diagnostic first = r.problems().get(0);
            throw error(first.code().id() + " " + first.message().replaceAll("pass -p (\\w+)=VALUE",
                    "declare it with schedule { param $1 = \"...\" } to run the job from the editor"));
        }
        return r.values();
    }

    private CheckedJob checkedJob(URI uri, Optional<String> name) {
        Workspace.Parsed p = session.parsed(uri);
        JobDecl decl = jobDecl(p, uri, name);
        session.embedded().startIfUsed(p);
        Workspace.Analysis a = session.workspace(uri).analyze();
        return a.jobs().stream().filter(j -> j.name().equalsIgnoreCase(decl.name().text())).findFirst()
                .orElseThrow(() -> error("job " + decl.name().text() + " has errors: " + firstError(a, uri)));
    }

    private static JobDecl jobDecl(Workspace.Parsed p, URI uri, Optional<String> name) {
        SyncFile f = p.files().get(uri);
        List<JobDecl> jobs = f == null ? List.of() : f.jobs();
        if (name.isPresent()) {
            return jobs.stream().filter(j -> j.name().text().equalsIgnoreCase(name.get())).findFirst()
                    .orElseThrow(() -> error("no job named '" + name.get() + "' in this file"));
        }
        if (jobs.size() != 1) {
            throw error(jobs.isEmpty() ? "the file declares no job" : "the file declares " + jobs.size() + " jobs: choose one");
        }
        return jobs.get(0);
    }

    private static String firstError(Workspace.Analysis a, URI preferred) {
        return a.diagnostics().entrySet().stream()
                .sorted((x, y) -> Boolean.compare(!x.getKey().equals(preferred), !y.getKey().equals(preferred)))
                .flatMap(e -> e.getValue().stream().filter(Diagnostic::isError)
                        .map(d -> fileName(e.getKey()) + ":" + d.range().line() + ":" + d.range().column() + ": "
                                + d.code().id() + " " + d.message()))
                .findFirst().orElse("see the problems");
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? uri.toString() : uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, message, null));
    }
}
