package io.syncc.compiler.check;

import io.syncc.compiler.diag.Suggestions;
import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.runtime.plan.DatasourcePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a project: every {@code .sync} file of it together, since datasources are declared once
 * and referenced by name from every job, and jobs run after each other.
 */
public final class ProjectChecker {

    /** A parsed file and the folder its relative paths are resolved against. */
    public record Unit(SyncFile file, Path baseDir) {
    }

    private final Catalog catalog;
    private final String environment;

    public ProjectChecker(Catalog catalog) {
        this(catalog, null);
    }

    /** @param environment the {@code env NAME { }} of datasources that applies ({@code --env}), or null */
    public ProjectChecker(Catalog catalog, String environment) {
        this.catalog = catalog;
        this.environment = environment;
    }

    /** Checks every job; returns the jobs that passed. Findings go to {@code diagnostics}. */
    public List<CheckedJob> check(List<Unit> units, Diagnostics diagnostics) {
        return check(units, diagnostics, job -> true);
    }

    /**
     * Checks the datasources, the dependencies between jobs, and the jobs {@code selected} accepts
     * (compiling one job must not fail because another job of the folder names a table that does
     * not exist yet).
     */
    public List<CheckedJob> check(List<Unit> units, Diagnostics diagnostics, java.util.function.Predicate<String> selected) {
        Map<String, DatasourcePlan> datasources = datasources(units, diagnostics, environment);
        Map<String, JobDecl> jobs = new LinkedHashMap<>();
        Map<String, String> jobFiles = new HashMap<>();
        Map<String, Boolean> jobIntact = new HashMap<>();
        for (Unit u : units) {
            for (JobDecl j : u.file().jobs()) {
                JobDecl prev = jobs.putIfAbsent(j.name().key(), j);
                if (prev != null) {
                    diagnostics.error(Code.DUPLICATE_NAME, j.name().range(), "job '" + j.name().text()
                            + "' is already declared at " + prev.name().range());
                } else {
                    jobFiles.put(j.name().key(), u.file().path());
                    jobIntact.put(j.name().key(), u.file().intact(j.range()));
                }
            }
        }
        // datasources declared with errors: reported at their declaration, not again at each use
        java.util.Set<String> declared = new java.util.HashSet<>();
        units.forEach(u -> u.file().datasources().forEach(d -> declared.add(d.name().key())));
        declared.removeAll(datasources.keySet());
        JobChecker checker = new JobChecker(diagnostics, datasources, declared, catalog);
        List<CheckedJob> checked = new ArrayList<>();
        for (JobDecl j : jobs.values()) {
            if (selected.test(j.name().text())) {
                checker.check(j, jobFiles.get(j.name().key()), jobIntact.get(j.name().key())).ifPresent(checked::add);
            }
        }
        dependencies(jobs, diagnostics);
        return checked;
    }

    /** Checks only the datasources of a project (for {@code syncc ping}). */
    public static Map<String, DatasourcePlan> datasources(List<Unit> units, Diagnostics diagnostics) {
        return datasources(units, diagnostics, null);
    }

    /** As above, in an environment ({@code --env NAME}; null: the datasources' own settings). */
    public static Map<String, DatasourcePlan> datasources(List<Unit> units, Diagnostics diagnostics, String environment) {
        DatasourceChecker checker = new DatasourceChecker(diagnostics, environment);
        Map<String, DatasourceDecl> seen = new HashMap<>();
        Map<String, DatasourcePlan> result = new LinkedHashMap<>();
        for (Unit u : units) {
            for (DatasourceDecl d : u.file().datasources()) {
                DatasourceDecl prev = seen.putIfAbsent(d.name().key(), d);
                if (prev != null) {
                    diagnostics.error(Code.DUPLICATE_NAME, d.name().range(), "datasource '" + d.name().text()
                            + "' is already declared at " + prev.name().range());
                    continue;
                }
                checker.check(d, u.baseDir(), u.file().intact(d.range())).ifPresent(p -> result.put(d.name().key(), p));
            }
        }
        return result;
    }

    /** {@code after} names: known jobs, that are scheduled themselves, without cycles. */
    private static void dependencies(Map<String, JobDecl> jobs, Diagnostics diagnostics) {
        Map<String, List<String>> edges = new HashMap<>();
        for (JobDecl j : jobs.values()) {
            for (ScheduleBlock s : j.schedules()) {
                for (ScheduleBlock.Item item : s.items()) {
                    if (!(item instanceof ScheduleBlock.After after)) {
                        continue;
                    }
                    for (Name n : after.jobs()) {
                        JobDecl target = jobs.get(n.key());
                        if (target == null) {
                            diagnostics.error(Code.UNKNOWN_JOB, n.range(), "unknown job '" + n.text() + "'"
                                    + Suggestions.didYouMean(n.text(), jobs.values().stream().map(x -> x.name().text()).toList()));
                        } else if (target.schedules().isEmpty()) {
                            diagnostics.error(Code.UNREACHABLE_JOB, n.range(), "job '" + target.name().text()
                                    + "' has no schedule, so it never runs on its own and `after " + n.text() + "` would wait forever");
                        } else {
                            edges.computeIfAbsent(j.name().key(), k -> new ArrayList<>()).add(n.key());
                        }
                    }
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (JobDecl j : jobs.values()) {
            List<String> path = new ArrayList<>();
            if (cycle(j.name().key(), edges, new HashSet<>(), done, path)) {
                diagnostics.error(Code.DEPENDENCY_CYCLE, j.name().range(), "jobs wait for each other in a cycle: "
                        + String.join(" -> ", path));
                done.addAll(path);
            }
        }
    }

    /**
     * Depth-first from {@code start}; true with {@code path} ending in the job seen twice when a
     * cycle is reachable. Iterative, so a chain of thousands of jobs cannot overflow the stack.
     */
    private static boolean cycle(String start, Map<String, List<String>> edges, Set<String> onPath, Set<String> done, List<String> path) {
        if (done.contains(start)) {
            return false;
        }
        java.util.Deque<java.util.Iterator<String>> next = new java.util.ArrayDeque<>();
        onPath.add(start);
        path.add(start);
        next.push(edges.getOrDefault(start, List.of()).iterator());
        while (!next.isEmpty()) {
            java.util.Iterator<String> it = next.peek();
            if (it.hasNext()) {
                String job = it.next();
                if (onPath.contains(job)) {
                    path.add(job);
                    return true;
                }
                if (!done.contains(job)) {
                    onPath.add(job);
                    path.add(job);
                    next.push(edges.getOrDefault(job, List.of()).iterator());
                }
            } else {
                next.pop();
                String job = path.remove(path.size() - 1);
                onPath.remove(job);
                done.add(job);
            }
        }
        return false;
    }
}
