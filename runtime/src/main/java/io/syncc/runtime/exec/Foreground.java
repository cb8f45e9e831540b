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
        JobRun run = JobRun.start(plan, program, options, RunListener.NONE);
        AtomicBoolean printed = new AtomicBoolean();
        java.util.concurrent.CountDownLatch summaryOut = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (run.isDone()) {
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
        }, "syncc-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        JobReport report;
        try {
            report = run.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            report = run.result().join();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook prints the summary
        }
        if (printed.compareAndSet(false, true)) {
            out.print(Summary.format(report));
            out.flush();
            summaryOut.countDown();
        }
        return report;
    }
}
