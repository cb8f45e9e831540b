package io.syncc.runtime.spi;

/**
 * Thrown by a {@link SinkWriter} when the target rejected a row of a batch larger than what the
 * writer keeps to isolate rejected rows (it streams long batches on without holding them): the
 * writer has already undone the split's writes and from now on keeps every batch it sends, and the
 * executor aborts the split and writes it again from its first row, without counting a retry. A
 * writer throws it at most once per split; not a failure of the run.
 */
public final class RewriteSplit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RewriteSplit(String reason) {
        super(reason, null, false, false);
    }
}
