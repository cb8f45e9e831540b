package io.syncc.compiler.cli;

import io.syncc.compiler.ast.Name;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.state.PgStateStore;
import io.syncc.runtime.state.PgStateStore.RunInfo;
import io.syncc.runtime.util.PgConnections;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code syncc state list|clean}: the run state syncc keeps beside the sinks of a project's jobs
 * ({@code _syncc_run}, {@code _syncc_split}, {@code _syncc_stage_*}).
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Show or clean the run state syncc keeps in the sink databases of the jobs of FILE's project:",
            "unfinished runs (resumable), their committed splits and staging tables."},
        subcommands = {StateCommand.ListCommand.class, StateCommand.CleanCommand.class})
final class StateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Names of the project's jobs (only their runs are shown and cleaned). */
    static Set<String> jobNames(Frontend frontend) {
        Set<String> out = new LinkedHashSet<>();
        for (var unit : frontend.project().units) {
            for (var j : unit.file().jobs()) {
                out.add(j.name().text());
            }
        }
        return out;
    }

    /** The sink datasources and schemas of the project's jobs. */
    static Map<PostgresDatasourcePlan, Set<String>> sinkSchemas(Frontend frontend, Optional<String> job) {
        Map<String, DatasourcePlan> byName = new LinkedHashMap<>();
        for (DatasourcePlan ds : frontend.declaredDatasources()) {
            byName.put(ds.name().toLowerCase(Locale.ROOT), ds);
        }
        Map<PostgresDatasourcePlan, Set<String>> out = new LinkedHashMap<>();
        for (var unit : frontend.project().units) {
            for (var j : unit.file().jobs()) {
                if (job.isPresent() && !j.name().text().equals(job.get())) {
                    continue;
                }
                for (var sink : j.sinks()) {
                    if (byName.get(sink.table().datasource().key()) instanceof PostgresDatasourcePlan pg) {
                        List<Name> parts = sink.table().parts();
                        String schema = parts.size() > 1 ? parts.get(0).text() : "public";
                        out.computeIfAbsent(pg, k -> new LinkedHashSet<>()).add(schema);
                    }
                }
            }
        }
        return out;
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "a .sync file of the project")
        Path file;

        @Option(names = "--job", paramLabel = "NAME", description = "only this job")
        String job;

        Set<String> projectJobs = Set.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Frontend frontend = new Frontend(spec.commandLine().getErr(), true)) {
                Optional<List<CheckedJob>> jobs = frontend.checkDatasourcesOnly(List.of(file));
                if (jobs.isEmpty()) {
                    return 1;
                }
                frontend.startEmbeddedIfNeeded();
                projectJobs = jobNames(frontend);
                int status = 0;
                for (Map.Entry<PostgresDatasourcePlan, Set<String>> e : sinkSchemas(frontend, Optional.ofNullable(job)).entrySet()) {
                    PgConnections connections = PgConnections.of(e.getKey(), Path.of("").toAbsolutePath());
                    try (Connection c = connections.open()) {
                        for (String schema : e.getValue()) {
                            status = Math.max(status, work(out, e.getKey().name(), c, schema));
                        }
                    } catch (SQLException ex) {
                        spec.commandLine().getErr().println("syncc: datasource '" + e.getKey().name() + "': " + PgConnections.message(ex));
                        return 2;
                    } catch (RuntimeException ex) {
                        spec.commandLine().getErr().println("syncc: " + ex.getMessage());
                        return 2;
                    }
                }
                return status;
            }
        }

        List<RunInfo> runs(Connection c, String schema) throws SQLException {
            List<RunInfo> out = new ArrayList<>();
            for (RunInfo r : PgStateStore.list(c, schema)) {
                if (job == null ? projectJobs.contains(r.job()) : r.job().equals(job)) {
                    out.add(r);
                }
            }
            return out;
        }

        abstract int work(PrintWriter out, String datasource, Connection c, String schema) throws SQLException;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the runs recorded for the project's sinks.")
    static final class ListCommand extends Base {

        @Override
        int work(PrintWriter out, String datasource, Connection c, String schema) throws SQLException {
            for (RunInfo r : runs(c, schema)) {
                out.printf(Locale.ROOT, "%s.%s  job %s (%s)  %s%n", datasource, schema, r.job(), r.params(), r.status());
                out.printf(Locale.ROOT, "    target %s, started %s, last change %s, attempt %d%n", r.target(), r.startedAt(), r.updatedAt(),
                        r.attempts());
                if (!r.status().equals("succeeded")) {
                    out.printf(Locale.ROOT, "    %,d committed split%s, %,d rows written, %,d dirty%s%n", r.splits(), r.splits() == 1 ? "" : "s",
                            r.rowsWritten(), r.dirtyRows(), r.staging() == null ? "" : "; staging table " + schema + "." + r.staging());
                }
            }
            for (io.syncc.runtime.state.PgWatermarks.Kept w : io.syncc.runtime.state.PgWatermarks.list(c, schema)) {
                if (job == null ? projectJobs.contains(w.job()) : w.job().equals(job)) {
                    out.printf(Locale.ROOT, "%s.%s  job %s  watermark %s %s for %s (set %s)%s%n", datasource, schema, w.job(), w.column(),
                            w.value() == null ? "(none yet)" : "= " + w.value(), w.target(), w.updatedAt(),
                            w.pending() == null ? "" : "; a run that did not commit read up to " + w.pending() + ", the next run finishes it");
                }
            }
            for (String orphan : PgStateStore.orphanStaging(c, schema)) {
                out.printf(Locale.ROOT, "%s.%s  staging table %s belongs to no recorded run (`syncc state clean` drops it)%n", datasource,
                        schema, orphan);
            }
            return 0;
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = {"Forget unfinished runs of the project's jobs: drop their staging tables and their state, so the next",
                "run starts afresh; also drop staging tables no recorded run owns.",
                "Rows an unfinished append run committed stay in the target (they are counted in the output)."})
    static final class CleanCommand extends Base {

        @Override
        int work(PrintWriter out, String datasource, Connection c, String schema) throws SQLException {
            for (RunInfo r : runs(c, schema)) {
                if (r.status().equals("succeeded")) {
                    continue; // history, nothing to clean
                }
                if (r.status().equals("running") && locked(c, r)) {
                    out.printf(Locale.ROOT, "kept    job %s (%s): it is running%n", r.job(), r.params());
                    continue;
                }
                PgStateStore.forget(c, r);
                out.printf(Locale.ROOT, "removed job %s (%s) %s%s%s%n", r.job(), r.params(), r.status(),
                        r.staging() == null ? "" : ", dropped " + schema + "." + r.staging(),
                        r.staging() == null && r.rowsWritten() > 0
                                ? String.format(Locale.ROOT, "; the %,d rows it committed stay in %s", r.rowsWritten(), r.target()) : "");
            }
            if (job == null) {
                for (String orphan : PgStateStore.orphanStaging(c, schema)) {
                    try (var s = c.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + io.syncc.runtime.util.Sql.qualified(schema, orphan));
                    }
                    out.printf(Locale.ROOT, "dropped %s.%s (a staging table of no recorded run)%n", schema, orphan);
                }
            }
            return 0;
        }

        /** Whether a live run holds the job's advisory lock (then its state is not ours to remove). */
        private static boolean locked(Connection c, RunInfo r) throws SQLException {
            try (var ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "syncc:" + r.job() + ":" + r.runKey());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            try (var ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                ps.setString(1, "syncc:" + r.job() + ":" + r.runKey());
                ps.executeQuery().close();
            }
            return false;
        }
    }
}
