package io.syncc.runtime.exec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.spi.DirtyListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dirty-record file and budget, shared by all workers. Each dirty row is one JSON line
 * ({@code split}, {@code location}, {@code values} by column or raw {@code fields}, {@code reason})
 * in {@code workDir/dirty/<job>-<timestamp>.jsonl}, created on the first dirty row.
 *
 * <p>Budget: a count ({@code errors 100}: the 101st dirty row fails the job), or a ratio of rows
 * read ({@code errors 2%}), checked while running once {@link #RATIO_MIN_ROWS} rows were read and
 * again when the job ends.
 */
public final class DirtyRecords implements DirtyListener, AutoCloseable {

    /** The ratio is checked while running only after this many rows, so early noise does not decide. */
    public static final long RATIO_MIN_ROWS = 10_000;

    private final String job;
    private final Path dir;
    private final ChannelPlan channel;
    private final AtomicLong rowsRead;
    private final AtomicLong count = new AtomicLong();
    private Path file;
    private BufferedWriter out;
    private JsonGenerator json;
    private volatile boolean closed;

    public DirtyRecords(String job, Path workDir, ChannelPlan channel, AtomicLong rowsRead) {
        this.job = job;
        this.dir = workDir.resolve("dirty");
        this.channel = channel;
        this.rowsRead = rowsRead;
    }

    public long count() {
        return count.get();
    }

    public Path file() {
        return file;
    }

    /** Adds the dirty rows of splits committed by an earlier run (they count in the budget). */
    public void addResumed(long n) {
        count.addAndGet(n);
    }

    @Override
    public void dirty(String splitId, String location, List<String> columns, String[] values, String reason) {
        write(splitId, location, columns, values, reason);
        long n = count.incrementAndGet();
        if (channel.maxErrors() >= 0 && n > channel.maxErrors()) {
            throw new JobFailure("dirty-record budget exceeded: " + n + (n == 1 ? " dirty row" : " dirty rows") + ", the budget allows " + channel.maxErrors()
                    + " (channel errors " + channel.maxErrors() + ")" + where());
        }
        long read = rowsRead.get();
        if (channel.maxErrors() < 0 && read >= RATIO_MIN_ROWS && n > channel.maxErrorRatio() * read) {
            throw ratioExceeded(n, read);
        }
    }

    /** The end-of-job ratio check. */
    public void checkFinal(long read) {
        long n = count.get();
        if (channel.maxErrors() < 0 && read > 0 && n > channel.maxErrorRatio() * read) {
            throw ratioExceeded(n, read);
        }
    }

    private JobFailure ratioExceeded(long n, long read) {
        return new JobFailure(String.format(java.util.Locale.ROOT,
                "dirty-record budget exceeded: %d dirty row%s of %d read (%.2f%%), the budget allows %s%% (channel errors %s%%)%s",
                n, n == 1 ? "" : "s", read, 100.0 * n / read, pct(channel.maxErrorRatio()), pct(channel.maxErrorRatio()), where()));
    }

    private static String pct(double ratio) {
        return java.math.BigDecimal.valueOf(ratio * 100).stripTrailingZeros().toPlainString();
    }

    private String where() {
        return file == null ? "" : "; see " + file;
    }

    private synchronized void write(String splitId, String location, List<String> columns, String[] values, String reason) {
        if (closed) {
            return;
        }
        try {
            if (json == null) {
                Files.createDirectories(dir);
                String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
                file = dir.resolve(job + "-" + stamp + ".jsonl");
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                json = new JsonFactory().createGenerator(out);
                json.setRootValueSeparator(null);
            }
            json.writeStartObject();
            json.writeStringField("split", splitId);
            json.writeStringField("location", location);
            if (columns != null && columns.size() == values.length) {
                json.writeObjectFieldStart("values");
                for (int i = 0; i < values.length; i++) {
                    json.writeStringField(columns.get(i), values[i]);
                }
                json.writeEndObject();
            } else {
                json.writeArrayFieldStart("fields");
                for (String v : values) {
                    json.writeString(v);
                }
                json.writeEndArray();
            }
            json.writeStringField("reason", reason);
            json.writeEndObject();
            json.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dirty-record file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (json != null) {
                json.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
