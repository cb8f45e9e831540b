package io.syncc.runtime.spi;

import java.io.IOException;

/**
 * Hands out the splits of one source, possibly while it is still discovering them (e.g. a CSV
 * boundary scan that is ahead of the readers). Modelled on Trino's {@code ConnectorSplitSource}.
 *
 * <p>Threading: {@link #next()} may be called concurrently by any number of worker threads; each
 * split is returned exactly once. The other methods are cheap and thread-safe.
 * Lifecycle: created by {@link Source#splits}, drained by the workers, then {@link #close closed}
 * by the executor (also when the job fails part-way).
 */
public interface SplitSource extends AutoCloseable {

    /** The next split, or {@code null} when there are no more. May block while splits are discovered. */
    Split next() throws IOException;

    /**
     * Identifies the whole split plan before the first split is handed out. Two runs with the same
     * fingerprint produce the same split ids covering the same data, so checkpoints of one can be
     * resumed by the other.
     */
    String fingerprint();

    /** Total number of splits when known up front, else -1. */
    int expectedSplits();

    /** Total bytes of all splits when known (files), else -1. */
    long totalBytes();

    /** An estimate of the rows the splits hold (a table's statistics), or -1; only for progress. */
    default long estimatedRows() {
        return -1;
    }

    @Override
    void close() throws IOException;
}
