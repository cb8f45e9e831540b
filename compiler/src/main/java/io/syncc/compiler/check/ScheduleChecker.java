package io.syncc.compiler.check;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code schedule} block: the cron expression (5-field UNIX, or 6/7-field Quartz as
 * DataWorks writes it), DataWorks-style time expressions in parameters ({@code $[yyyymmdd-1]},
 * {@code $[hh24mi-1/24]}, {@code ${yyyymmdd}}: {@code TimeExpressions}, which also evaluates them), and the names of jobs it runs after (their
 * existence, scheduling and cycles are checked across the project by {@link ProjectChecker}).
 */
final class ScheduleChecker {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Diagnostics diagnostics;

    ScheduleChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    CheckedJob.CheckedSchedule check(ScheduleBlock block) {
        Optional<String> cron = Optional.empty();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> after = new ArrayList<>();
        for (ScheduleBlock.Item item : block.items()) {
            if (item instanceof ScheduleBlock.Cron c) {
                if (cron.isPresent()) {
                    diagnostics.error(Code.DUPLICATE_SETTING, c.range(), "cron is given twice");
                }
                String expr = c.expression().value().trim();
                String problem = cronProblem(expr);
                if (problem != null) {
                    diagnostics.error(Code.BAD_CRON, c.expression().range(), "invalid cron expression \"" + expr + "\": " + problem);
                }
                cron = Optional.of(expr);
            } else if (item instanceof ScheduleBlock.Param p) {
                String key = p.name().key();
                if (params.containsKey(key)) {
                    diagnostics.error(Code.DUPLICATE_NAME, p.name().range(), "parameter '" + p.name().text() + "' is defined twice");
                }
                io.syncc.runtime.params.TimeExpressions.problem(p.expression().value())
                        .ifPresent(problem -> diagnostics.error(Code.BAD_TIME_EXPRESSION, p.expression().range(), problem));
                params.put(key, p.expression().value());
            } else if (item instanceof ScheduleBlock.After a) {
                for (Name n : a.jobs()) {
                    after.add(n.text());
                }
            }
        }
        return new CheckedJob.CheckedSchedule(cron, params, after);
    }

    /** A reason the expression is invalid, or null. */
    static String cronProblem(String expr) {
        int fields = expr.isBlank() ? 0 : expr.split("\\s+").length;
        try {
            if (fields == 5) {
                UNIX.parse(expr).validate();
            } else if (fields == 6 || fields == 7) {
                QUARTZ.parse(expr).validate();
            } else {
                return "expected 5 fields (minute hour day-of-month month day-of-week) or 6-7 Quartz fields, found " + fields;
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
