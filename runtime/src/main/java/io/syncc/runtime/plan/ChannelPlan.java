package io.syncc.runtime.plan;

/**
 * Channel control.
 *
 * @param parallelism    at most this many splits are read and written at once (&ge; 1)
 * @param rowsPerSecond  global row budget shared by all workers; 0 = unlimited
 * @param bytesPerSecond global byte budget (bytes read from the source) shared by all workers; 0 = unlimited
 * @param maxErrors      dirty rows allowed before the job fails; -1 when a ratio is used instead
 * @param maxErrorRatio  dirty rows allowed as a fraction of rows read (0..1); -1 when a count is used
 */
public record ChannelPlan(int parallelism, long rowsPerSecond, long bytesPerSecond, long maxErrors, double maxErrorRatio) {

    public ChannelPlan {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
        if (maxErrors < 0 && maxErrorRatio < 0) {
            throw new IllegalArgumentException("either maxErrors or maxErrorRatio must be set");
        }
    }
}
