package io.syncc.compiler.cli;

import io.syncc.compiler.check.CheckedJob;
import io.syncc.runtime.params.TimeExpressions;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a job's {@code ${...}} parameters for one run: {@code -p NAME=VALUE} first, then the
 * job's {@code schedule { param NAME = "..." }} evaluated at the run's scheduled time, then the
 * built-ins ({@code bizdate}, {@code cyctime}, {@code gmtdate}, {@code bizmonth}).
 */
public final class Params {

    private Params() {
    }

    /**
     * Every parameter the job uses, or empty (with the reasons on {@code err}) when one has no value or
     * a schedule expression does not evaluate.
     */
    public static Optional<Map<String, String>> resolve(CheckedJob job, Map<String, String> given, LocalDateTime cyctime, PrintWriter err) {
        Map<String, String> values = new LinkedHashMap<>(given);
        Map<String, String> scheduled = job.schedule().map(CheckedJob.CheckedSchedule::params).orElse(Map.of());
        boolean ok = true;
        for (String p : job.parameters()) {
            if (values.containsKey(p)) {
                continue;
            }
            String expression = scheduled.get(p.toLowerCase(Locale.ROOT));
            if (expression != null) {
                try {
                    values.put(p, TimeExpressions.expand(expression, cyctime));
                } catch (IllegalArgumentException e) {
                    err.println("error: parameter ${" + p + "} of job " + job.name() + ": " + e.getMessage());
                    ok = false;
                }
                continue;
            }
            Optional<String> builtIn = TimeExpressions.builtIn(p, cyctime);
            if (builtIn.isPresent()) {
                values.put(p, builtIn.get());
                continue;
            }
            err.println("error: job " + job.name() + " needs parameter ${" + p + "}: pass -p " + p + "=VALUE");
            ok = false;
        }
        for (String p : given.keySet()) {
            if (!job.parameters().contains(p)) {
                err.println("warning: parameter " + p + " is not used by job " + job.name());
            }
        }
        return ok ? Optional.of(values) : Optional.empty();
    }
}
