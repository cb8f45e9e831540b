package io.syncc.runtime.exec;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress line on stderr, redrawn by the progress-bar library (terminal width, redraw) with our
 * own layout ({@link #line}): bytes of a known source size with one rate (MB/s) and an ETA; rows of
 * an estimated row count (a PostgreSQL table's statistics) with rows/s; or rows and rows/s alone.
 * Parts are left out, least useful first, so the bar keeps room on an 80-column terminal. Updated
 * from the shared counters by a timer thread, so workers never touch it.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();
    private final String job;
    private final AtomicLong rows;
    private final AtomicLong bytes;
    private final long totalBytes;
    private final long estimatedRows;
    private final long rowsBefore;
    private final long bytesBefore;

    Progress(String job, long totalBytes, long estimatedRows, AtomicLong rows, AtomicLong bytes) {
        this.job = job;
        this.rows = rows;
        this.bytes = bytes;
        this.totalBytes = totalBytes;
        this.estimatedRows = estimatedRows;
        this.rowsBefore = rows.get(); // resumed splits: counted, but not in this run's rate
        this.bytesBefore = bytes.get();
        bar = new ProgressBarBuilder().setTaskName(job).setInitialMax(100).setUpdateIntervalMillis(500)
                .setRenderer((state, width) -> line(job, bytes.get(), totalBytes, rows.get(), estimatedRows,
                        rows.get() - rowsBefore, bytes.get() - bytesBefore, Duration.ofNanos(System.nanoTime() - start), width))
                .build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncc-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::update, 200, 500, TimeUnit.MILLISECONDS);
    }

    private void update() {
        bar.stepTo(rows.get()); // the renderer reads the counters; this only makes the library redraw
    }

    /**
     * One progress line of at most {@code width} characters.
     *
     * @param rowsThisRun  rows read by this run (the rate leaves out resumed splits)
     * @param bytesThisRun bytes read by this run
     */
    static String line(String job, long bytes, long totalBytes, long rows, long estimatedRows, long rowsThisRun, long bytesThisRun,
                       Duration elapsed, int width) {
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        String name = job.length() > 20 ? job.substring(0, 19) + "…" : job;
        double fraction = -1;
        String amount;
        String rate;
        String eta = null;
        String rowCount = String.format(Locale.ROOT, "%,d rows", rows);
        if (totalBytes > 0) {
            fraction = Math.min(1, (double) bytes / totalBytes);
            amount = String.format(Locale.ROOT, "%s/%s MB", mb(bytes), mb(totalBytes));
            double perSecond = bytesThisRun / seconds;
            rate = String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1e6);
            eta = perSecond > 0 ? "ETA " + clock(Math.max(0, totalBytes - bytes) / perSecond) : null;
        } else if (estimatedRows > 0) {
            fraction = Math.min(1, (double) rows / estimatedRows);
            amount = String.format(Locale.ROOT, "%,d/~%,d rows", rows, estimatedRows);
            rowCount = null;
            double perSecond = rowsThisRun / seconds;
            rate = String.format(Locale.ROOT, "%,.0f rows/s", perSecond);
            eta = perSecond > 0 && rows < estimatedRows ? "ETA ~" + clock((estimatedRows - rows) / perSecond) : null;
        } else {
            amount = rowCount;
            rowCount = null;
            rate = String.format(Locale.ROOT, "%,.0f rows/s", rowsThisRun / seconds);
        }
        String[] tail = {amount, rate, rowCount, eta, eta == null ? clock(seconds) : null};
        // leave parts out, least useful first, until the bar has 12 columns (or nothing is left to leave out)
        int[] dropOrder = {4, 2, 3, 1};
        for (int dropped = 0; ; dropped++) {
            StringBuilder rest = new StringBuilder();
            for (String t : tail) {
                if (t != null) {
                    rest.append("  ").append(t);
                }
            }
            String head = name + (fraction >= 0 ? String.format(Locale.ROOT, " %3d%% ", (int) Math.floor(fraction * 100)) : "");
            int barWidth = fraction >= 0 ? width - head.length() - rest.length() : 0;
            if (fraction < 0 && head.length() + rest.length() <= width || fraction >= 0 && barWidth >= 12 || dropped == dropOrder.length) {
                String line = head + (fraction >= 0 ? bar(fraction, Math.max(barWidth, 10)) : "") + rest;
                return line.length() > width ? line.substring(0, Math.max(0, width)) : line;
            }
            tail[dropOrder[dropped]] = null;
        }
    }

    private static String bar(double fraction, int width) {
        int inner = width - 2;
        int eighths = (int) Math.round(fraction * inner * 8);
        StringBuilder b = new StringBuilder("│");
        for (int i = 0; i < inner; i++) {
            int fill = Math.max(0, Math.min(8, eighths - i * 8));
            b.append(fill == 8 ? '█' : fill == 0 ? ' ' : " ▏▎▍▌▋▊▉".charAt(fill));
        }
        return b.append('│').toString();
    }

    private static String mb(long bytes) {
        return bytes >= 10_000_000 ? String.format(Locale.ROOT, "%,d", bytes / 1_000_000)
                : String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        update();
        bar.close();
    }
}
