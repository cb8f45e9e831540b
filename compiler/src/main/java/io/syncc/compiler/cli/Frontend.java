package io.syncc.compiler.cli;

import io.syncc.runtime.spi.SyncException;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.LiveCatalog;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.SnapshotCatalog;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.DiagnosticPrinter;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The path every command shares: load the project, parse, check against a catalog, print the
 * findings. Starts the embedded PostgreSQL when a datasource needs it and none is running.
 */
final class Frontend implements AutoCloseable {

    private final PrintWriter err;
    private final boolean offline;
    private final Path workDir;
    private EmbeddedServer embedded;
    /** Whether {@link #startEmbeddedIfNeeded} looked (a running server is not ours to keep, so {@code embedded} stays null). */
    private boolean embeddedChecked;
    private LiveCatalog live;
    private Project project;
    private Diagnostics diagnostics;
    private List<DatasourcePlan> declared = List.of();
    private int exitCode = 1;
    private java.util.Map<String, String> params = java.util.Map.of();
    private String environment;

    /** Which {@code env NAME { }} of the datasources applies (null: their own settings). */
    Frontend env(EnvOption option) {
        this.environment = option == null ? null : option.name();
        return this;
    }

    /** An --env no datasource of the project declares is a mistake, not a silent fallback. */
    private boolean environmentKnown() {
        if (environment == null) {
            return true;
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        project.files().forEach(f -> f.datasources().forEach(d -> d.environments().forEach(e -> known.add(e.name().key()))));
        if (known.contains(environment.toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        err.println("error: no datasource declares env " + environment + " { }"
                + (known.isEmpty() ? "" : "; environments: " + String.join(", ", known)));
        exitCode = 2;
        return false;
    }

    Frontend(PrintWriter err, boolean offline) {
        this(err, offline, Path.of(""));
    }

    /** @param workDir where the embedded PostgreSQL's {@code .syncc/pg} is looked up and started */
    Frontend(PrintWriter err, boolean offline, Path workDir) {
        this.err = err;
        this.offline = offline;
        this.workDir = workDir.toAbsolutePath();
    }

    /** Checks; prints diagnostics; returns the checked jobs, or empty when there were errors. */
    Optional<List<CheckedJob>> check(List<Path> files) {
        return check(files, catalog -> catalog);
    }

    Optional<List<CheckedJob>> check(List<Path> files, Function<Catalog, Catalog> wrap) {
        diagnostics = new Diagnostics();
        project = Project.load(files, diagnostics);
        return checkLoaded(wrap, name -> true);
    }

    /**
     * Checks the one job a command works on: the only job of the named file, or {@code --job NAME}.
     * Other jobs of the folder are parsed (for names) but not checked.
     */
    Optional<CheckedJob> checkJob(List<Path> files, String jobName) {
        diagnostics = new Diagnostics();
        project = Project.load(files, diagnostics);
        List<String> candidates = project.namedJobs();
        if (diagnostics.hasErrors()) {
            // syntax errors: reported with what the checks find in the items that parsed; nothing runs
            return checkLoaded(c -> c, n -> jobName == null ? candidates.stream().anyMatch(n::equalsIgnoreCase)
                    : n.equalsIgnoreCase(jobName)).flatMap(x -> Optional.empty());
        }
        String name = jobName;
        if (name == null) {
            if (candidates.size() != 1) {
                err.println("error: " + (candidates.isEmpty() ? "the file declares no job"
                        : "the file declares " + candidates.size() + " jobs (" + String.join(", ", candidates) + "); choose one with --job NAME"));
                exitCode = 2; // which job: a usage error
                return Optional.empty();
            }
            name = candidates.get(0);
        }
        String wanted = name;
        if (candidates.stream().noneMatch(c -> c.equalsIgnoreCase(wanted))) {
            err.println("error: no job named '" + wanted + "' in " + String.join(", ", project.named)
                    + (candidates.isEmpty() ? "" : "; jobs: " + String.join(", ", candidates)));
            exitCode = 2;
            return Optional.empty();
        }
        return checkLoaded(c -> c, n -> n.equalsIgnoreCase(wanted))
                .flatMap(jobs -> jobs.stream().filter(j -> j.name().equalsIgnoreCase(wanted)).findFirst());
    }

    private Optional<List<CheckedJob>> checkLoaded(Function<Catalog, Catalog> wrap, java.util.function.Predicate<String> selected) {
        if (!environmentKnown()) {
            return Optional.empty();
        }
        List<CheckedJob> jobs = List.of();
        if (!diagnostics.hasErrors(Code.IO)) {
            Catalog catalog;
            if (offline) {
                try {
                    catalog = SnapshotCatalog.load(project.home().resolve(SnapshotCatalog.FILE_NAME));
                } catch (MetadataException e) {
                    err.println("error: " + e.getMessage());
                    exitCode = 2;
                    return Optional.empty();
                }
            } else {
                startEmbeddedIfNeeded();
                live = new LiveCatalog(workDir);
                catalog = live;
            }
            jobs = new ProjectChecker(wrap.apply(catalog), environment).check(project.units, diagnostics, selected);
        }
        List<Diagnostic> all = diagnostics.sorted();
        err.print(new DiagnosticPrinter(project.texts).render(all));
        long errors = all.stream().filter(Diagnostic::isError).count();
        long warnings = all.size() - errors;
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors") + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : ""));
            exitCode = exitCodeOf(all);
            return Optional.empty();
        }
        return Optional.of(jobs);
    }

    /** 2 when the environment failed (SYN9xx: metadata or a file could not be read), else 1: errors in the files. */
    private static int exitCodeOf(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.isError() && d.code().isEnvironment()) ? 2 : 1;
    }

    /**
     * The exit code after a step returned empty: 1 for errors in the files, 2 for bad usage (an
     * unknown --job, a missing -p) or the environment (metadata that cannot be read, a database that
     * cannot be reached before the load starts).
     */
    int exitCode() {
        return exitCode;
    }

    /**
     * Before a load: the job's datasources can be reached with their credentials. Prints the
     * problem and sets {@link #exitCode()} to 2 when not.
     */
    boolean preflight(io.syncc.runtime.plan.JobPlan plan, Path runDir) {
        try {
            io.syncc.runtime.exec.Connectivity.preflight(plan, runDir);
            return true;
        } catch (SyncException e) {
            err.println("error: " + e.getMessage());
            exitCode = 2;
            return false;
        }
    }

    /** Checks the job, requires its parameters, and compiles it in memory (run, preview). */
    Optional<io.syncc.compiler.codegen.Compilation> compileForRun(CommonOptions common) {
        Optional<CheckedJob> job = checkJob(common.files(), common.job);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        java.time.LocalDateTime cyctime;
        java.time.ZoneId zone;
        try {
            zone = io.syncc.runtime.params.TimeExpressions.zone(common.timeZone);
            cyctime = common.scheduledTime();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            exitCode = 2;
            return Optional.empty();
        }
        Params.Resolution resolution = Params.resolve(job.get(), common.params, cyctime, zone);
        resolution.warnings().forEach(w -> err.println("warning: " + w));
        if (!resolution.ok()) {
            err.print(new DiagnosticPrinter(project.texts).render(resolution.problems()));
            long n = resolution.problems().size();
            err.println(n + (n == 1 ? " error" : " errors"));
            exitCode = 2; // a missing -p: a usage error
            return Optional.empty();
        }
        params = resolution.values();
        startEmbeddedIfNeeded();
        return Optional.of(io.syncc.compiler.codegen.Compilation.of(job.get()));
    }

    /** The parameter values of the run {@link #compileForRun} prepared ({@code -p}, schedule, built-ins). */
    java.util.Map<String, String> params() {
        return params;
    }

    /** Parses the project and checks its datasources only; prints findings. */
    Optional<List<CheckedJob>> checkDatasourcesOnly(List<Path> files) {
        diagnostics = new Diagnostics();
        project = Project.load(files, diagnostics);
        if (!environmentKnown()) {
            return Optional.empty();
        }
        if (!diagnostics.hasErrors()) {
            declared = List.copyOf(ProjectChecker.datasources(project.units, diagnostics, environment).values());
        }
        List<Diagnostic> all = diagnostics.sorted();
        err.print(new DiagnosticPrinter(project.texts).render(all));
        exitCode = exitCodeOf(all);
        return diagnostics.hasErrors() ? Optional.empty() : Optional.of(List.of());
    }

    List<DatasourcePlan> declaredDatasources() {
        return declared;
    }

    Project project() {
        return project;
    }

    /** Starts syncc's embedded PostgreSQL (data in .syncc/pg) when the project uses it and none runs. */
    void startEmbeddedIfNeeded() {
        // once per command: checking and then running a job would otherwise connect twice just to see it answers
        if (!embeddedChecked) {
            embedded = io.syncc.compiler.workspace.EmbeddedDatabase.startIfNeeded(project.files(), workDir,
                    data -> err.println("starting the embedded PostgreSQL (data in " + Project.display(data) + ") ...")).orElse(null);
            embeddedChecked = true;
        }
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
