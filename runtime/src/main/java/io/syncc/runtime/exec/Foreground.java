package io.syncc.runtime.exec;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run in a terminal (the CLI and job jars): prints the summary when it ends, and on Ctrl-C (or
 * SIGTERM) cancels the run, waits for the splits in flight to roll back, and prints what stayed
 * committed and that running the job again resumes.
 */
public final class Foreground {

    /** How long Ctrl-C waits for the splits in flight to roll back. */
    private static final long CANCEL_WAIT_MILLIS = 30_000;

    private Foreground() {
    }

    public static JobReport run(JobPlan plan, GeneratedJob<?, ?> program, RunOptions options, PrintWriter out, PrintWriter err) {
        AtomicBoolean printed = new AtomicBoolean();
        java.util.concurrent.CountDownLatch summaryOut = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<JobRun> started = new java.util.concurrent.CompletableFuture<>();
        // before the embedded PostgreSQL stops (ShutdownTasks.last), not alongside it; registered
        // before the run starts, so that a Ctrl-C from now on cancels it
        io.syncc.runtime.util.ShutdownTasks.Task hook = io.syncc.runtime.util.ShutdownTasks.first(() -> {
            JobRun run = started.join();
            if (run == null || run.isDone()) {
                return;
            }
            err.println();
            err.println("syncc: interrupted; stopping job " + plan.job() + " (splits in flight roll back, committed ones stay) ...");
            err.flush();
            run.cancel();
            try {
                JobReport r = run.await(CANCEL_WAIT_MILLIS);
                if (r != null && printed.compareAndSet(false, true)) {
                    out.print(Summary.format(r));
                    out.flush();
                    summaryOut.countDown();
                }
                // the JVM halts when this hook returns: let the main thread finish printing first
                summaryOut.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        if (hook == null) { // stopping already (Ctrl-C before the run): nothing is started
            JobReport report = JobReport.failed(plan.job(), "cancelled before the job started; nothing was written",
                    io.syncc.runtime.spi.SyncException.Kind.CANCELLED);
            out.print(Summary.format(report));
            out.flush();
            return report;
        }
        JobRun run;
        try {
            run = JobRun.start(plan, program, options, RunListener.NONE);
        } catch (RuntimeException | Error e) {
            started.complete(null);
            hook.remove();
            throw e;
        }
        started.complete(run);
        JobReport report;
        try {
            report = run.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            report = run.result().join();
        }
        hook.remove(); // (when shutting down, it may be running: the first to finish prints the summary)
        if (printed.compareAndSet(false, true)) {
            out.print(Summary.format(report));
            out.flush();
            summaryOut.countDown();
        }
        return report;
    }
}
