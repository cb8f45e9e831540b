package io.syncc.runtime.plan;

/**
 * Channel control.
 *
 * @param parallelism    at most this many splits are read and written at once (&ge; 1)
 * @param rowsPerSecond  global row budget shared by all workers; 0 = unlimited
 * @param bytesPerSecond global byte budget (bytes read from the source) shared by all workers; 0 = unlimited
 * @param maxErrors      dirty rows allowed before the job fails; -1 when a ratio is used instead
 * @param maxErrorRatio  dirty rows allowed as a fraction of rows read (0..1); -1 when a count is used
 * @param retries        how often a split that failed for a transient reason (lost connection, server
 *                       restart, serialization failure) is rolled back and tried again
 */
public record ChannelPlan(int parallelism, long rowsPerSecond, long bytesPerSecond, long maxErrors, double maxErrorRatio, int retries) {

    /** {@code retries} when the channel does not say. */
    public static final int DEFAULT_RETRIES = 3;
    public static final int MAX_RETRIES = 100;

    public ChannelPlan(int parallelism, long rowsPerSecond, long bytesPerSecond, long maxErrors, double maxErrorRatio) {
        this(parallelism, rowsPerSecond, bytesPerSecond, maxErrors, maxErrorRatio, DEFAULT_RETRIES);
    }

    public ChannelPlan {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
        if (maxErrors < 0 && maxErrorRatio < 0) {
            throw new IllegalArgumentException("either maxErrors or maxErrorRatio must be set");
        }
    }
}
