package io.syncc.runtime.spi;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Reads the records of one split into a caller-supplied row object (no per-row allocation),
 * like Trino's {@code ConnectorPageSource} but row-at-a-time into generated rows.
 *
 * <p>Threading: single-threaded; used only by the worker that opened it.
 * Lifecycle: {@link #next} until it returns {@code false}, then {@link #close} (always, also
 * after a failure). Counters are readable at any time by the owning thread.
 */
public interface SplitReader<S> extends AutoCloseable {

    /**
     * Decodes the next good record into {@code row}. Records that cannot be decoded are reported
     * to the {@link DirtyListener} and skipped (they count in {@link #recordsRead()}).
     *
     * <p>The row's text and byte values may view the reader's buffers (a {@code Utf8Text} over the
     * bytes the source sent, not a copy): they are valid until the next call, which may reuse those
     * buffers. The runtime maps and hands each row to its sink before it asks for the next one; a
     * sink that keeps rows (an INSERT batch) is given copies by the generated mapper.
     *
     * @return {@code false} at the end of the split
     */
    boolean next(S row) throws IOException, SQLException;

    /** Where the last record came from, for messages: e.g. {@code data.csv record 17}. */
    String location();

    /** Records read so far, including dirty ones. */
    long recordsRead();

    /**
     * Identifies the data read so far (for a file: where the bytes were and their checksum), or
     * {@code ""} when the source cannot tell. Stored with the committed split, and later given to
     * {@link Source#changedSince} by a run that resumes it.
     */
    default String signature() {
        return "";
    }

    /** Bytes consumed so far (file bytes; an estimate for SQL sources). */
    long bytesRead();

    @Override
    void close() throws IOException, SQLException;
}
