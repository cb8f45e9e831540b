package io.syncc.runtime.spi;

import java.io.IOException;
import java.sql.SQLException;

/**
 * A configured source (one per job run): plans splits and opens a reader per split. Modelled on
 * Trino's {@code ConnectorSplitManager} + {@code ConnectorPageSourceProvider}.
 *
 * <p>Threading: {@link #splits} is called once by the coordinating thread; {@link #open} is called
 * by worker threads, concurrently, each reader then used by that thread alone.
 * Lifecycle: {@code splits} → many {@code open} → {@link #close} once all readers are closed.
 * A future Flink adapter maps {@code splits} to a {@code SplitEnumerator} and {@code open} to a
 * {@code SourceReader} that reads assigned splits.
 *
 * @param <S> the generated source row type
 */
public interface Source<S> extends AutoCloseable {

    /** Plans the splits; fails (I/O, SQL) before any row is read. */
    SplitSource splits() throws IOException, SQLException;

    /**
     * Opens a reader positioned at the start of {@code split}. Records the reader cannot decode
     * are given to {@code dirty} (which may throw to stop the job) and skipped.
     */
    SplitReader<S> open(Split split, DirtyListener dirty) throws IOException, SQLException;

    /**
     * Called by a run, once, before its workers take splits, when no split of it was committed by an
     * earlier run: every split the {@link SplitSource} hands out will then be opened in the order
     * handed out when there is one worker (a retry opens one again, later; with more workers, in
     * about that order, unless a worker fails: then {@link #abort} is called). A source may read them all in one pass
     * instead of one read per split (PostgreSQL: one sequential scan routed to the splits by page).
     * A preview does not call it.
     */
    default void readEverySplit() throws IOException, SQLException {
    }

    /**
     * Whether the data of an earlier run's committed split has changed since it was read.
     *
     * @param signature what its reader's {@link SplitReader#signature()} was
     * @return what changed, for a message; empty when unchanged or when the source cannot tell
     */
    default java.util.Optional<String> changedSince(Split split, String signature) throws IOException, SQLException {
        return java.util.Optional.empty();
    }

    /**
     * After {@link #splits}: the upper bound of the {@link Increment} the splits read (the one given,
     * or the largest finite value the source's snapshot holds beyond the lower bound); empty when
     * there is nothing beyond it, or when the run is not incremental.
     */
    default java.util.Optional<String> incrementUpTo() {
        return java.util.Optional.empty();
    }

    /** After {@link #splits}: what people should know about the increment read (e.g. a bound past the clock), or empty. */
    default java.util.Optional<String> incrementWarning() {
        return java.util.Optional.empty();
    }

    /**
     * Called once, from a worker's thread, when a worker of the run failed (not on a cancel): the run
     * stops, and splits handed out may now never be opened. A source whose readers may wait on each
     * other (one read shared by several splits) lets waiting readers give up here; the run closes
     * the source afterwards as usual.
     */
    default void abort() {
    }

    @Override
    void close() throws IOException, SQLException;
}
