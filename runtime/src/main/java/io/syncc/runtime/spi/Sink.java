package io.syncc.runtime.spi;

import java.sql.SQLException;
import java.util.Map;

/**
 * A configured sink (one per job run), transactional in the manner of Embulk's output plugins:
 * the job begins, each split is written and committed by a writer together with its checkpoint,
 * and the job commits (or aborts) once.
 *
 * <p>Lifecycle and threading (all calls but {@link #openWriter}'s writers are made by the
 * coordinating thread):
 * <ol>
 *   <li>{@link #begin} — prepare the target (create if missing, {@code before} statements, staging,
 *       checkpoint bookkeeping); returns the splits an earlier run already committed;</li>
 *   <li>{@link #openWriter} — once per worker; each writer is used by one thread only;</li>
 *   <li>{@link #commit} — after every split committed: publish (overwrite swap, {@code after}
 *       statements) and clear checkpoints; or {@link #abort} — leave the target as it was before
 *       the run, keeping committed splits resumable;</li>
 *   <li>{@link #close} — always.</li>
 * </ol>
 *
 * @param <T> the generated sink row type
 */
public interface Sink<T> extends AutoCloseable {

    /**
     * @param splitPlanFingerprint identifies the split plan; resuming with a different one is refused
     * @param fresh                discard an earlier run's checkpoints instead of resuming
     * @return the already committed splits of an earlier run with their counts
     */
    Map<String, SplitCommit> begin(String splitPlanFingerprint, boolean fresh) throws SQLException;

    SinkWriter<T> openWriter() throws SQLException;

    void commit() throws SQLException;

    void abort();

    @Override
    void close();

    /** What a committed split contributed (kept with its checkpoint). */
    record SplitCommit(long rowsRead, long rowsWritten, long dirtyRows, long bytesRead) {
    }
}
