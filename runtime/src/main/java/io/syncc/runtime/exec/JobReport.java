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
 * @param dirtyFile     this run's dirty-record file, or {@code null} when it had none
 * @param resumed       what the splits resumed from an earlier run had contributed (included in the totals)
 * @param dirtyFiles    every dirty-record file of this run and of the runs it resumed
 * @param retries       splits tried again after a transient failure
 * @param failureKind   what kind of failure ended the run, or {@code null} when it succeeded
 * @param increment     for an incremental job, the range it read ({@code updated_at after X up to Y}), or {@code null}
 * @param rolledBack    dirty rows of this run's splits that rolled back (not counted in {@code dirtyRows}: a retry or a
 *                      re-run reads them again), kept in {@code rolledBackFile} for diagnosis
 * @param rolledBackFile where they are, or {@code null} when there are none
 * @param ignored       of the rows this run wrote, those {@code on conflict ignore} kept out of the target (their
 *                      key was there); 0 when the sink does not say
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
        Path dirtyFile,
        Resumed resumed,
        java.util.List<Path> dirtyFiles,
        int retries,
        io.syncc.runtime.spi.SyncException.Kind failureKind,
        String increment,
        long rolledBack,
        Path rolledBackFile,
        long ignored) {

    /** Counts of the splits an earlier run committed and this run resumed. */
    public record Resumed(long rowsRead, long rowsWritten, long dirtyRows, long bytesRead) {
        public static final Resumed NONE = new Resumed(0, 0, 0, 0);
    }

    public JobReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(elapsed, "elapsed");
        resumed = resumed == null ? Resumed.NONE : resumed;
        dirtyFiles = dirtyFiles == null ? java.util.List.of() : java.util.List.copyOf(dirtyFiles);
    }

    /** A report of a run that failed before it read anything. */
    public static JobReport failed(String job, String failure, io.syncc.runtime.spi.SyncException.Kind kind) {
        return new JobReport(job, false, failure, 0, 0, 0, 0, 0, 0, Duration.ZERO, null, Resumed.NONE, java.util.List.of(), 0, kind, null, 0, null, 0);
    }

    /** Rows this run read per second (resumed splits are not counted: this run did not read them). */
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : (rowsRead - resumed.rowsRead()) / s;
    }

    public double megabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : (bytesRead - resumed.bytesRead()) / 1e6 / s;
    }
}
