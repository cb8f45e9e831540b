package io.syncc.runtime.exec;

/**
 * Observes one {@link JobRun}. Called from the run's worker threads, concurrently: implementations
 * must be thread-safe and return quickly (hand work to another thread). The default methods do
 * nothing, so a listener overrides only what it needs.
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** The splits are planned and the run owns its state; {@code resumed} splits were committed earlier. */
    default void started(String runId, int splits, int resumed) {
    }

    /** A worker starts a split ({@code attempt} 0, or the retry number). */
    default void splitStarted(String splitId, int attempt) {
    }

    /** A split's rows and its state committed. */
    default void splitCommitted(String splitId, long rowsRead, long rowsWritten, long dirtyRows) {
    }

    /** A split failed for a transient reason and is tried again. */
    default void splitRetried(String splitId, int retry, String reason) {
    }

    /** A row was recorded as dirty (it is filed when its split commits). */
    default void dirtyRow(String splitId, String location, String reason) {
    }

    /** The run ended: succeeded, failed or cancelled. */
    default void finished(JobReport report) {
    }
}
