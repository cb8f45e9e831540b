package io.syncc.runtime.exec;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * The job's global rate budget (rows/s and bytes/s, 0 = unlimited), shared by all workers through
 * Bucket4j token buckets. Workers account in chunks rather than per row. Each bucket starts full
 * with {@link #burst(long)} tokens, so over a run of {@code n} units the limiter guarantees
 * {@code elapsed >= (n - burst) / rate}.
 */
public final class RateLimiter {

    private final Bucket rows;
    private final Bucket bytes;
    private final long rowBurst;
    private final long byteBurst;

    public RateLimiter(long rowsPerSecond, long bytesPerSecond) {
        this.rowBurst = burst(rowsPerSecond);
        this.byteBurst = burst(bytesPerSecond);
        this.rows = rowsPerSecond > 0 ? bucket(rowsPerSecond) : null;
        this.bytes = bytesPerSecond > 0 ? bucket(bytesPerSecond) : null;
    }

    /** The tokens available at once: a tenth of a second's worth (at least 1). */
    public static long burst(long rate) {
        return Math.max(1, rate / 10);
    }

    private static Bucket bucket(long rate) {
        long burst = burst(rate);
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).initialTokens(burst).build())
                .build();
    }

    /** Rows a worker reads between two calls of {@link #acquire}. */
    public int chunkRows() {
        return rows == null ? 1024 : (int) Math.min(256, rowBurst);
    }

    public boolean unlimited() {
        return rows == null && bytes == null;
    }

    /** Blocks until the budget allows {@code rowCount} more rows and {@code byteCount} more bytes. */
    public void acquire(long rowCount, long byteCount) throws InterruptedException {
        if (rows != null) {
            consume(rows, rowCount, rowBurst);
        }
        if (bytes != null) {
            consume(bytes, byteCount, byteBurst);
        }
    }

    private static void consume(Bucket bucket, long n, long capacity) throws InterruptedException {
        while (n > 0) {
            long k = Math.min(n, capacity);
            bucket.asBlocking().consume(k);
            n -= k;
        }
    }
}
