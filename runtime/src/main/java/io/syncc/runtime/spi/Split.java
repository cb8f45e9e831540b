package io.syncc.runtime.spi;

/**
 * A slice of a source that one reader reads from start to end. Splits are immutable values that
 * can be created on one thread (the split source) and read on another (a worker), and later on
 * another machine: they hold only descriptions (file + byte range, key range), never open
 * resources.
 */
public interface Split {

    /**
     * A stable identifier: the same source and plan give the same ids on every run, so a
     * checkpoint keyed by it can be recognised by a later run.
     */
    String id();

    /** Bytes this split covers, or -1 when unknown (SQL sources). Used for progress and ETA. */
    long sizeBytes();
}
