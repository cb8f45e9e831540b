package io.syncc.runtime.exec;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr: MB read of the known source size (with MB/s and ETA), or rows when the
 * size is unknown; rows and rows/s in the bar's message. Updated from the shared counters by a
 * timer thread, so workers never touch it.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();

    Progress(String job, long totalBytes, AtomicLong rows, AtomicLong bytes) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(job).setUpdateIntervalMillis(500).showSpeed();
        if (totalBytes > 0) {
            b.setInitialMax(totalBytes).setUnit(" MB", 1_000_000);
        } else {
            b.setInitialMax(-1).setUnit(" rows", 1);
        }
        bar = b.build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncc-progress");
            t.setDaemon(true);
            return t;
        });
        this.rows = rows;
        this.bytes = bytes;
        this.totalBytes = totalBytes;
        timer.scheduleAtFixedRate(this::update, 200, 500, TimeUnit.MILLISECONDS);
    }

    private final AtomicLong rows;
    private final AtomicLong bytes;
    private final long totalBytes;

    private void update() {
        long r = rows.get();
        double s = (System.nanoTime() - start) / 1e9;
        bar.stepTo(totalBytes > 0 ? bytes.get() : r);
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %,d rows, %,.0f rows/s", r, s > 0 ? r / s : 0));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        update();
        bar.close();
    }
}
