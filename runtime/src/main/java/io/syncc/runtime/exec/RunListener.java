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

    /**
     * A split failed for a transient reason and is tried again ({@link #splitStarted} follows with
     * the next attempt). When the failure may have been the lost reply to its commit, the run state
     * is asked first: if the split had committed, {@link #splitCommitted} comes instead, and it is
     * not a retry.
     */
    default void splitRetried(String splitId, int retry, String reason) {
    }

    /**
     * A split's writes were undone and it is written again from its first row, in batches the
     * writer keeps until they are stored: the sink rejected a row after it had streamed rows it
     * does not keep ({@code reason} says which). Not a retry: nothing failed, and the attempt
     * number stays; {@link #splitStarted} follows with the same attempt.
     */
    default void splitRewritten(String splitId, String reason) {
    }

    /**
     * A row was recorded as dirty (it is filed when its split commits). The dirty rows of a split
     * that is retried or written again are reported again by the new attempt: a listener that
     * counts them sets a split's count aside at {@link #splitRetried} and {@link #splitRewritten}.
     */
    default void dirtyRow(String splitId, String location, String reason) {
    }

    /** The run ended: succeeded, failed or cancelled. */
    default void finished(JobReport report) {
    }
}
