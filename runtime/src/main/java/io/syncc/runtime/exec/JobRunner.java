package io.syncc.runtime.exec;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.util.List;

/** Entry points of the runtime: run a job, preview its rows. */
public final class JobRunner {

    private JobRunner() {
    }

    /**
     * Runs the job to completion (or failure). Never throws for data or connection problems:
     * those are reported in {@link JobReport#failure()}.
     */
    public static JobReport run(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The first {@code rows} rows of the source after mapping, rendered as text. */
    public static List<String[]> preview(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options, int rows) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
