package io.syncc.runtime.exec;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a job, as an object: started with its parameters, observed through a
 * {@link RunListener} and {@link #counters()}, cancelled cleanly ({@link #cancel()}: splits in flight
 * roll back, committed ones stay, and running the job again with the same parameters resumes).
 * The CLI, job jars, and later the language server and the scheduler drive runs through it.
 */
public final class JobRun {

    /** A consistent-enough look at a running job's counters (each value is exact, together they are a moment apart). */
    public record Counters(long rowsRead, long rowsWritten, long dirtyRows, long bytesRead) {
    }

    private final JobExecution<?, ?> execution;
    private final CompletableFuture<JobReport> result = new CompletableFuture<>();

    private JobRun(JobExecution<?, ?> execution) {
        this.execution = execution;
    }

    /** Starts the run on a thread of its own. */
    public static JobRun start(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options, RunListener listener) {
        JobRun run = new JobRun(JobExecution.of(plan, program, options, listener));
        Thread t = new Thread(() -> {
            JobReport report;
            try {
                report = run.execution.run();
            } catch (RuntimeException | Error e) {
                report = JobReport.failed(plan.job(), JobExecution.describe(e), JobExecution.kindOf(e));
            }
            try {
                listener.finished(report);
            } finally {
                run.result.complete(report);
            }
        }, "syncc-run-" + plan.job());
        t.setDaemon(true);
        t.start();
        return run;
    }

    /** This run's id (the owner of the job's run state while it runs). */
    public String id() {
        return execution.runId();
    }

    public Map<String, String> params() {
        return execution.params();
    }

    public Counters counters() {
        return execution.counters();
    }

    /**
     * Asks the run to stop: workers stop at their next batch, splits in flight roll back, the run
     * ends with a failure that says what stayed committed. Returns at once; {@link #await()} waits.
     */
    public void cancel() {
        execution.cancel();
    }

    public boolean isDone() {
        return result.isDone();
    }

    public CompletableFuture<JobReport> result() {
        return result;
    }

    /** Waits for the end of the run; never throws for the job's own failures. */
    public JobReport await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** As {@link #await()}, at most {@code millis}; {@code null} when the run has not ended by then. */
    public JobReport await(long millis) throws InterruptedException {
        try {
            return result.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
