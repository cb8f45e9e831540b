package io.syncc.runtime.spi;

import java.sql.SQLException;

/**
 * Writes the rows of one split at a time, like Embulk's {@code TransactionalPageOutput} and Trino's
 * {@code ConnectorPageSink}. Rows are pooled by the writer: the caller fills {@link #slot()} and
 * then calls {@link #add()}, so steady-state writing allocates nothing per row.
 *
 * <p>Threading: single-threaded (one writer per worker). Lifecycle per split:
 * {@link #beginSplit} → ({@code slot}/{@code add})* → {@link #commitSplit} (the split's rows and its
 * checkpoint become visible together) or {@link #abortSplit} (nothing of the split remains).
 * Rows the target rejects are isolated and given to the {@link DirtyListener}; the rest are written.
 * A writer that sends a split in batches larger than it keeps may, when such a batch has a rejected
 * row, undo the split's writes and throw {@link RewriteSplit} from {@code add} or {@code commitSplit}:
 * the split is then aborted and written again from its first row, and the writer keeps its batches.
 * {@link #close} releases the connection, aborting an open split.
 */
public interface SinkWriter<T> extends AutoCloseable {

    void beginSplit(Split split) throws SQLException;

    /** The row object to fill next; valid until the following {@link #add()}. */
    T slot();

    /** Queues the row last returned by {@link #slot()}; may flush a batch to the target. */
    void add() throws SQLException;

    /** Flushes and commits the split with its checkpoint; returns the rows written for it. */
    long commitSplit(Split split, Sink.SplitCommit counts) throws SQLException;

    void abortSplit();

    /** Rows of the current split written (flushed) so far. */
    long rowsWritten();

    @Override
    void close();

    /**
     * Rows of the split just committed that the sink accepted but did not store because their key
     * was there already ({@code on conflict ignore}); they count among its written rows. 0 when the
     * sink does not know.
     */
    default long ignoredRows() {
        return 0;
    }
}
