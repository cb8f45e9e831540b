package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
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
    private final AtomicLong rolledBackRows = new AtomicLong();
    private final String runId;
    private final Path pending;
    private final java.util.concurrent.ConcurrentHashMap<String, Spool> spools = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<Path> earlierFiles = new java.util.TreeSet<>();
    private final Path planned;
    private final RunListener listener;
    private Path file;
    private BufferedWriter out;
    private JsonGenerator json;
    private volatile boolean closed;

    public DirtyRecords(String job, Path workDir, ChannelPlan channel, AtomicLong rowsRead) {
        this(job, workDir, channel, rowsRead, java.util.UUID.randomUUID().toString(), RunListener.NONE);
    }

    /**
     * @param runId names this run's folder of pending (not yet committed) dirty rows,
     *              {@code dirty/.pending/<runId>/}
     */
    public DirtyRecords(String job, Path workDir, ChannelPlan channel, AtomicLong rowsRead, String runId, RunListener listener) {
        this.listener = listener;
        this.job = job;
        this.dir = workDir.resolve("dirty").toAbsolutePath();
        this.channel = channel;
        this.rowsRead = rowsRead;
        this.runId = runId;
        this.pending = dir.resolve(".pending");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        this.planned = dir.resolve(job + "-" + stamp + ".jsonl");
    }

    /** The file this run's dirty rows go to (created with the first committed dirty row). */
    public Path plannedFile() {
        return planned;
    }

    /** Every dirty-record file of this run and of the earlier runs whose splits it resumed, that exists. */
    public synchronized List<Path> files() {
        java.util.Set<Path> all = new java.util.TreeSet<>(earlierFiles);
        if (file != null) {
            all.add(file);
        }
        return all.stream().filter(Files::exists).toList();
    }

    public long count() {
        return count.get();
    }

    public Path file() {
        return file;
    }

    /**
     * Adds the dirty rows of a split committed by an earlier run (they count in the budget), and
     * moves rows that run left pending (it stopped between committing the split and filing them)
     * into this run's file.
     */
    public void addResumed(io.syncc.runtime.spi.Sink.SplitCommit c, String splitId) {
        count.addAndGet(c.dirtyRows());
        if (c.dirtyRows() > 0 && c.dirtyFile() != null) {
            synchronized (this) {
                earlierFiles.add(Path.of(c.dirtyFile()));
            }
        }
        if (c.runId() != null) {
            Path left = pending.resolve(c.runId()).resolve(spoolName(splitId));
            if (Files.exists(left)) {
                append(left);
                deleteIfEmpty(left.getParent()); // that run's folder, once nothing waits in it
            }
        }
    }

    /** The rows of a split go to its spool until the split commits; then into the run's file. */
    private static final class Spool {
        final Path path;
        BufferedWriter out;
        JsonGenerator json;
        long rows;

        Spool(Path path) {
            this.path = path;
        }
    }

    private static String spoolName(String splitId) {
        return io.syncc.runtime.util.Hashing.sha(splitId).substring(0, 24) + ".jsonl";
    }

    /** A split committed: its dirty rows join the run's file, exactly once. */
    public void splitCommitted(String splitId) {
        Spool s = spools.remove(splitId);
        if (s != null) {
            closeSpool(s);
            append(s.path);
        }
    }

    /**
     * A split rolled back: its dirty rows leave the budget and the run's file (a retry or a re-run
     * reads them again) and go to {@code <file>.rolled-back.jsonl}, so the rows that stopped a job
     * can be seen.
     */
    public void splitAborted(String splitId) {
        Spool s = forget(splitId);
        if (s != null) {
            append(s.path, rolledBack());
            rolledBackRows.addAndGet(s.rows);
        }
    }

    /** Dirty rows of this run's splits that rolled back, in {@link #rolledBack()}. */
    public long rolledBackRows() {
        return rolledBackRows.get();
    }

    /**
     * A failing run does not know whether a split committed (the reply to its commit was lost and
     * the run state could not be asked): its dirty rows leave this run's budget but stay pending,
     * filed by no one, so they are neither in this run's file nor among the rolled-back rows. A
     * re-run that finds the split committed files them with it ({@link #addResumed}); if it did not
     * commit, the re-run reads the split, and records its dirty rows, again.
     *
     * @return the pending file, or {@code null} when the split had no dirty rows
     */
    public Path splitInDoubt(String splitId) {
        Spool s = forget(splitId);
        return s == null ? null : s.path;
    }

    /**
     * A split is written again from its first row ({@link io.syncc.runtime.spi.RewriteSplit}): the
     * dirty rows of the attempt before leave the budget and are dropped, not filed as rolled back
     * (the rewrite reads and records them again; the split has not failed).
     */
    public void splitRewritten(String splitId) {
        Spool s = forget(splitId);
        if (s != null) {
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the dirty-record spool " + s.path + ": " + e.getMessage(), e);
            }
        }
    }

    /** Takes the split's spool out of the run and its rows out of the budget (closed; {@code null} when it had none). */
    private Spool forget(String splitId) {
        Spool s = spools.remove(splitId);
        if (s != null) {
            closeSpool(s);
            count.addAndGet(-s.rows);
        }
        return s;
    }

    /** Where dirty rows of splits that rolled back go (not counted, not part of the run's rows). */
    public Path rolledBack() {
        String name = planned.getFileName().toString();
        return planned.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + ".rolled-back.jsonl");
    }

    private static void closeSpool(Spool s) {
        synchronized (s) {
            try {
                if (s.json != null) {
                    s.json.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + s.path + ": " + e.getMessage(), e);
            }
        }
    }

    /** Appends a closed spool to the run's file and deletes it. */
    private synchronized void append(Path spool) {
        if (file == null) {
            file = planned;
        }
        append(spool, file);
    }

    private synchronized void append(Path spool, Path to) {
        try {
            Files.createDirectories(dir);
            try (java.io.OutputStream o = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND)) {
                Files.copy(spool, o);
            }
            Files.delete(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dirty-record file " + planned + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dirty(String splitId, String location, List<String> columns, String[] values, String reason) {
        write(splitId, location, columns, values, reason);
        listener.dirtyRow(splitId, location, reason);
        long n = count.incrementAndGet();
        if (channel.maxErrors() >= 0 && n > channel.maxErrors()) {
            throw new SyncException(SyncException.Kind.DATA, "dirty-record budget exceeded: " + n + (n == 1 ? " dirty row" : " dirty rows") + ", the budget allows " + channel.maxErrors()
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

    private SyncException ratioExceeded(long n, long read) {
        return new SyncException(SyncException.Kind.DATA, String.format(java.util.Locale.ROOT,
                "dirty-record budget exceeded: %d dirty row%s of %d read (%.2f%%), the budget allows %s%% (channel errors %s%%)%s",
                n, n == 1 ? "" : "s", read, 100.0 * n / read, pct(channel.maxErrorRatio()), pct(channel.maxErrorRatio()), where()));
    }

    private static String pct(double ratio) {
        return java.math.BigDecimal.valueOf(ratio * 100).stripTrailingZeros().toPlainString();
    }

    private String where() {
        String name = planned.getFileName().toString();
        return "; see " + planned.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + "*.jsonl");
    }

    private void write(String splitId, String location, List<String> columns, String[] values, String reason) {
        if (closed) {
            return;
        }
        Spool spool = spools.computeIfAbsent(splitId, id -> new Spool(pending.resolve(runId).resolve(spoolName(id))));
        synchronized (spool) {
            try {
                if (spool.json == null) {
                    Files.createDirectories(spool.path.getParent());
                    spool.out = Files.newBufferedWriter(spool.path, StandardCharsets.UTF_8);
                    spool.json = new JsonFactory().createGenerator(spool.out);
                    spool.json.setRootValueSeparator(null);
                }
                JsonGenerator json = spool.json;
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
                spool.out.write('\n');
                spool.out.flush();
                spool.rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write pending dirty rows " + spool.path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Spool s : spools.values()) {
            try {
                closeSpool(s); // rows of splits that did not commit stay pending; they are never filed
            } catch (UncheckedIOException ignored) {
                // closing
            }
        }
        deleteIfEmpty(pending.resolve(runId));
        deleteIfEmpty(pending);
    }

    /** Deletes a folder of pending rows that holds nothing (best effort). */
    private static void deleteIfEmpty(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (var left = Files.list(folder)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(folder);
                    }
                }
            }
        } catch (IOException ignored) {
            // best effort: another run may be writing there
        }
    }
}
