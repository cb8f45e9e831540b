package io.syncc.runtime.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one run, printed as the final summary.
 *
 * @param job           job name
 * @param succeeded     whether all rows were committed
 * @param failure       why the job failed (a message for people, no secrets), or {@code null}
 * @param rowsRead      rows read from the source (including dirty ones)
 * @param rowsWritten   rows committed to the sink
 * @param dirtyRows     rows recorded as dirty
 * @param bytesRead     bytes read from the source (file bytes, or encoded row bytes for SQL sources)
 * @param splits        number of splits
 * @param splitsResumed splits skipped because an earlier run had committed them
 * @param elapsed       wall time of the run
 * @param dirtyFile     the dirty-record file, or {@code null} when there were none
 */
public record JobReport(
        String job,
        boolean succeeded,
        String failure,
        long rowsRead,
        long rowsWritten,
        long dirtyRows,
        long bytesRead,
        int splits,
        int splitsResumed,
        Duration elapsed,
        Path dirtyFile) {

    public JobReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rowsRead / s;
    }

    public double megabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesRead / 1e6 / s;
    }
}
