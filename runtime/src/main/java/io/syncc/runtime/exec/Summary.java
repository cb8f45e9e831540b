package io.syncc.runtime.exec;

import java.util.Locale;

/** The final summary printed after a run (by {@code syncc run} and by job jars). */
public final class Summary {

    private Summary() {
    }

    public static String format(JobReport r) {
        StringBuilder sb = new StringBuilder();
        double seconds = r.elapsed().toNanos() / 1e9;
        sb.append(String.format(Locale.ROOT, "job %s %s in %.1f s%n", r.job(), r.succeeded() ? "succeeded" : "FAILED", seconds));
        if (!r.succeeded() && r.failure() != null) {
            sb.append("  reason        ").append(r.failure()).append(System.lineSeparator());
        }
        JobReport.Resumed res = r.resumed();
        boolean resumed = r.splitsResumed() > 0;
        sb.append(String.format(Locale.ROOT, "  rows read     %,d%s%n", r.rowsRead(),
                resumed ? String.format(Locale.ROOT, "  (%,d by this run, %,d resumed)", r.rowsRead() - res.rowsRead(), res.rowsRead()) : ""));
        sb.append(String.format(Locale.ROOT, "  rows written  %,d%s%n", r.rowsWritten(),
                resumed ? String.format(Locale.ROOT, "  (%,d by this run, %,d resumed)", r.rowsWritten() - res.rowsWritten(), res.rowsWritten())
                        : ""));
        if (r.ignored() > 0) {
            sb.append(String.format(Locale.ROOT, "  ignored       %,d of them: their key was in the target already (on conflict ignore)%n",
                    r.ignored()));
        }
        sb.append(String.format(Locale.ROOT, "  dirty rows    %,d%s%n", r.dirtyRows(),
                resumed && res.dirtyRows() > 0 ? String.format(Locale.ROOT, "  (%,d by this run, %,d resumed)", r.dirtyRows() - res.dirtyRows(),
                        res.dirtyRows()) : ""));
        if (r.increment() != null) {
            sb.append("  incremental   ").append(r.increment()).append(System.lineSeparator());
        }
        for (java.nio.file.Path f : r.dirtyFiles()) {
            sb.append("  dirty file    ").append(f).append(System.lineSeparator());
        }
        if (r.rolledBack() > 0) {
            sb.append(String.format(Locale.ROOT, "  rolled back   %,d dirty row%s of splits that rolled back (not counted above: a retry or a"
                    + " re-run reads them again): %s%n", r.rolledBack(), r.rolledBack() == 1 ? "" : "s", r.rolledBackFile()));
        }
        sb.append(String.format(Locale.ROOT, "  splits        %,d%s%n", r.splits(),
                r.splitsResumed() > 0 ? " (" + r.splitsResumed() + " resumed from an earlier run)" : ""));
        if (r.retries() > 0) {
            sb.append(String.format(Locale.ROOT, "  retries       %,d (splits rolled back and tried again after a transient failure)%n",
                    r.retries()));
        }
        sb.append(String.format(Locale.ROOT, "  throughput    %,.0f rows/s, %.1f MB/s%s%n", r.rowsPerSecond(), r.megabytesPerSecond(),
                resumed ? " (this run's rows)" : ""));
        return sb.toString();
    }
}
