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
     * Prepares the target and takes ownership of the job's run state (see {@link RunStart}); decides
     * whether an earlier unfinished run is resumed, and refuses (with a {@code SyncException} that says
     * what changed and what to do) when resuming or starting over could lose or duplicate rows.
     *
     * @return the already committed splits of an earlier run with their counts
     */
    Map<String, SplitCommit> begin(RunStart start) throws SQLException;

    SinkWriter<T> openWriter() throws SQLException;

    /**
     * Whether this run has committed {@code splitId} — asked after a split failed for a transient
     * reason, since a lost reply to a commit leaves its outcome unknown.
     */
    java.util.Optional<SplitCommit> committedByThisRun(String splitId) throws SQLException;

    /**
     * Before {@link #begin}: the watermark this sink keeps for the job's incremental source (empty
     * when none was kept yet).
     *
     * @throws SyncException (configuration) when this sink cannot keep one
     */
    default java.util.Optional<Watermark> watermark() throws SQLException {
        throw SyncException.configuration("incremental by keeps its watermark in the sink's database, and this sink has none");
    }

    void commit() throws SQLException;

    void abort();

    @Override
    void close();

    /**
     * What a committed split contributed (kept with its checkpoint).
     *
     * @param dirtyFile the dirty-record file its dirty rows went to, or {@code null}
     * @param runId     the run that committed it
     * @param signature the split's {@link Split#signature()} when it was committed
     */
    record SplitCommit(long rowsRead, long rowsWritten, long dirtyRows, long bytesRead, String dirtyFile, String runId, String signature) {
    }

    /**
     * How a run starts.
     *
     * @param runId           this run's id (owner of its state while it runs)
     * @param splitPlan       identifies the source's split plan (files and sizes, key ranges)
     * @param mapping         identifies the columns read and written
     * @param fresh           discard an earlier unfinished run instead of resuming it
     * @param allowDuplicates with {@code fresh}: load again even when an earlier append run's rows
     *                        may still be in the target
     * @param advance         for an incremental run that read up to a value: the watermark to keep as
     *                        pending from {@link #begin} and to make current in {@link #commit}'s
     *                        transaction ({@link Watermark#pending()} holds the value); {@code null}
     *                        leaves the watermark as it is
     */
    record RunStart(String runId, String splitPlan, String mapping, boolean fresh, boolean allowDuplicates, Watermark advance) {

        public RunStart(String runId, String splitPlan, String mapping, boolean fresh, boolean allowDuplicates) {
            this(runId, splitPlan, mapping, fresh, allowDuplicates, null);
        }
    }
}
