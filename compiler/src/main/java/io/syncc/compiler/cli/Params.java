package io.syncc.compiler.cli;

import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.Severity;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.params.TimeExpressions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a job's {@code ${...}} parameters for one run: {@code -p NAME=VALUE} first, then the
 * job's {@code schedule { param NAME = "..." }} evaluated at the run's scheduled time, then the
 * built-ins ({@code bizdate}, {@code cyctime}, {@code gmtdate}, {@code bizmonth}). A parameter none of
 * them gives is a located error (SYN205 at its first use), found before anything is read.
 */
public final class Params {

    /**
     * @param values   every parameter's value (complete when {@code problems} is empty)
     * @param problems located errors
     * @param warnings {@code -p} values the job does not use
     */
    public record Resolution(Map<String, String> values, List<Diagnostic> problems, List<String> warnings) {
        public Resolution {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private Params() {
    }

    public static Resolution resolve(CheckedJob job, Map<String, String> given, LocalDateTime cyctime) {
        return resolve(job, given, cyctime, java.time.ZoneId.systemDefault());
    }

    /** @param zone the clocks {@code cyctime} is read on (hour offsets across a daylight-saving change) */
    public static Resolution resolve(CheckedJob job, Map<String, String> given, LocalDateTime cyctime, java.time.ZoneId zone) {
        Map<String, String> values = new LinkedHashMap<>(given);
        Map<String, String> scheduled = job.schedule().map(CheckedJob.CheckedSchedule::params).orElse(Map.of());
        List<Diagnostic> problems = new ArrayList<>();
        for (String p : job.parameters()) {
            if (values.containsKey(p)) {
                continue;
            }
            String expression = scheduled.get(p.toLowerCase(Locale.ROOT));
            if (expression != null) {
                try {
                    values.put(p, TimeExpressions.expand(expression, cyctime, zone));
                } catch (IllegalArgumentException e) {
                    problems.add(new Diagnostic(Severity.ERROR, Code.BAD_TIME_EXPRESSION, declaration(job.decl(), p).orElse(job.decl().name().range()),
                            "parameter ${" + p + "} of job " + job.name() + ": " + e.getMessage(), List.of()));
                }
                continue;
            }
            Optional<String> builtIn = TimeExpressions.builtIn(p, cyctime);
            if (builtIn.isPresent()) {
                values.put(p, builtIn.get());
                continue;
            }
            problems.add(new Diagnostic(Severity.ERROR, Code.UNKNOWN_PARAMETER, firstUse(job.decl(), p).orElse(job.decl().name().range()),
                    "job " + job.name() + " needs parameter ${" + p + "}: pass -p " + p + "=VALUE", List.of()));
        }
        List<String> warnings = new ArrayList<>();
        for (String p : given.keySet()) {
            if (!job.parameters().contains(p)) {
                warnings.add("parameter " + p + " is not used by job " + job.name());
            }
        }
        return new Resolution(values, problems, warnings);
    }

    /** Where a job first uses {@code ${name}}: in a where, before or after string, or as a map value. */
    static Optional<SourceRange> firstUse(JobDecl job, String name) {
        return job.parameterUses().stream().filter(u -> u.name().equals(name)).map(JobDecl.ParameterUse::range)
                .min(java.util.Comparator.comparingInt(SourceRange::startOffset));
    }

    private static Optional<SourceRange> declaration(JobDecl job, String name) {
        return job.schedules().stream().flatMap(s -> s.items().stream())
                .filter(i -> i instanceof ScheduleBlock.Param p && p.name().key().equals(name.toLowerCase(Locale.ROOT)))
                .map(i -> ((ScheduleBlock.Param) i).expression().range()).findFirst();
    }
}
