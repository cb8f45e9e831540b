package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.time.Duration;
import java.util.List;

/** Entry points of the runtime: run a job, preview its rows. */
public final class JobRunner {

    /** System property: size in bytes of CSV byte-range splits (default: automatic, 8 to 256 MB). */
    public static final String CSV_CHUNK_PROPERTY = "syncc.csv.chunkBytes";

    private JobRunner() {
    }

    /**
     * Runs the job to completion (or failure). Never throws for data or connection problems:
     * those are reported in {@link JobReport#failure()}. Counts include splits committed by an
     * earlier failed run that this run resumed ({@link JobReport#splitsResumed()}).
     */
    public static JobReport run(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options) {
        JobRun run = JobRun.start(plan, program, options, RunListener.NONE);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return run.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.cancel();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <S, T> JobExecution<S, T> start(JobPlan plan, GeneratedJob<S, T> program, RunOptions options) {
        return JobExecution.of(plan, program, options, RunListener.NONE);
    }

    /**
     * The first {@code rows} rows of the source after mapping, rendered as text (sink columns).
     * Rows that cannot be read or mapped are left out. Nothing is written.
     *
     * @throws SyncException when the source cannot be read
     */
    public static List<String[]> preview(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options, int rows) {
        return previewWithRejected(plan, program, options, rows).rows();
    }

    /**
     * As {@link #preview}, with the records read on the way that would be dirty rows, each with its
     * location and reason.
     */
    public static Preview previewWithRejected(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options, int rows) {
        try {
            return start(plan, program, options).preview(rows);
        } catch (SyncException e) {
            throw e;
        } catch (Exception e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, JobExecution.describe(e), e);
        }
    }
}
