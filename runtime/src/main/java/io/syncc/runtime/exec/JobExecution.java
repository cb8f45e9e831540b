package io.syncc.runtime.exec;

import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.codegen.RowMapper;
import io.syncc.runtime.codegen.RowRenderer;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Increment;
import io.syncc.runtime.spi.RewriteSplit;
import io.syncc.runtime.spi.Watermark;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.SinkWriter;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import io.syncc.runtime.util.Hashing;
import io.syncc.runtime.util.PgConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job: a pool of {@code parallelism} workers pulls splits from the source's split
 * source; each worker reads, maps and writes its split on its own thread with its own sink
 * connection (no queues between threads, so memory is bounded by one batch per worker), and
 * commits the split with its checkpoint. The first failure stops all workers; their open splits
 * roll back.
 */
final class JobExecution<S, T> {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);


    private final JobPlan plan;
    private final GeneratedJob<S, T> program;
    private final RunOptions options;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    /** Rows written by this run's splits that on conflict ignore kept out (their key was there). */
    private final AtomicLong rowsIgnored = new AtomicLong();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final RateLimiter limiter;
    private final String runId = java.util.UUID.randomUUID().toString();
    /** The first failure in time of any worker; later ones (often just "stopped") are not the reason. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean stopped;
    private volatile boolean cancelled;
    private final RunListener listener;
    private volatile DirtyRecords dirtyRecords;
    /** The range an incremental run read, for the report. */
    private String incrementRead;

    JobExecution(JobPlan plan, GeneratedJob<S, T> program, RunOptions options, RunListener listener) {
        this.plan = plan;
        this.program = program;
        this.options = options;
        this.listener = listener;
        this.limiter = new RateLimiter(plan.channel().rowsPerSecond(), plan.channel().bytesPerSecond());
    }

    static <S, T> JobExecution<S, T> of(JobPlan plan, GeneratedJob<S, T> program, RunOptions options, RunListener listener) {
        return new JobExecution<>(plan, program, options, listener);
    }

    String runId() {
        return runId;
    }

    Map<String, String> params() {
        return jobParams();
    }

    JobRun.Counters counters() {
        DirtyRecords d = dirtyRecords;
        return new JobRun.Counters(rowsRead.get(), rowsWritten.get(), d == null ? 0 : d.count(), bytesRead.get());
    }

    /** Stops the workers at their next batch; splits in flight roll back. */
    void cancel() {
        cancelled = true;
        stopped = true;
    }

    static String runKey(JobPlan plan, Map<String, String> params) {
        StringBuilder b = new StringBuilder(plan.job());
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (plan.parameters().contains(e.getKey())) {
                b.append('\0').append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return Hashing.sha(b.toString());
    }

    /** The values of the job's own parameters (a run is identified by these, not by other -p values). */
    private Map<String, String> jobParams() {
        Map<String, String> out = new TreeMap<>();
        for (String p : plan.parameters()) {
            if (options.params().containsKey(p)) {
                out.put(p, options.params().get(p));
            }
        }
        return out;
    }

    /**
     * Identifies the columns read and written and how: resuming with another mapping is refused.
     * The hashed text is the columns' record text ({@code [SourceColumn[name=age, type=integer, ...]]}),
     * spelled out here instead of calling the records' {@code toString}: the first call of a record's
     * generated {@code toString} bootstraps it through {@code ObjectMethods}, which spins some 60
     * method-handle classes at every job start (and their bytecode generation then competes for the JIT).
     */
    static String mappingFingerprint(JobPlan plan) {
        StringBuilder b = new StringBuilder(256);
        b.append('[');
        List<SourceColumn> in = plan.source().columns();
        for (int i = 0; i < in.size(); i++) {
            SourceColumn c = in.get(i);
            b.append(i == 0 ? "" : ", ").append("SourceColumn[name=").append(c.name()).append(", type=").append(c.type())
                    .append(", readAs=").append(c.readAs()).append(", format=").append(c.format())
                    .append(", position=").append(c.position()).append(']');
        }
        b.append("]\0[");
        List<SinkColumn> out = plan.sink().columns();
        for (int i = 0; i < out.size(); i++) {
            SinkColumn c = out.get(i);
            b.append(i == 0 ? "" : ", ").append("SinkColumn[name=").append(c.name()).append(", type=").append(c.type())
                    .append(", nullable=").append(c.nullable()).append(']');
        }
        b.append("]\0").append(plan.generatedClass());
        return Hashing.sha(b.toString());
    }

    Source<S> source(GeneratedJob<S, T> p) {
        return source(p, null);
    }

    private Source<S> source(GeneratedJob<S, T> p, Increment increment) {
        return Connectors.forType(plan.source().datasource().type()).openSource(new Connector.SourceContext<>(plan.source(),
                plan.channel(), options.params(), options.workDir(), p, increment));
    }

    /**
     * The range an incremental run reads: after the sink's watermark; the range of an earlier run
     * that did not commit when there is one (so its committed splits resume over the same rows);
     * from {@code --from}; or everything ({@code --full}, or no watermark yet).
     */
    private Increment increment(Sink<T> sink) throws SQLException {
        String column = plan.source().incrementalBy();
        if (options.full()) {
            return new Increment(column, null, false, null);
        }
        if (options.from() != null) {
            return new Increment(column, options.from(), true, null);
        }
        java.util.Optional<Watermark> kept = sink.watermark();
        if (kept.isEmpty()) {
            return new Increment(column, null, false, null);
        }
        Watermark w = kept.get();
        if (!w.column().equals(column)) {
            throw SyncException.configuration("job " + plan.job() + " kept its watermark for column " + w.column() + ", and now reads "
                    + "incrementally by " + column + "; run it once with --full (or --from VALUE) to start the watermark of " + column);
        }
        return new Increment(column, w.value(), false, options.fresh() ? null : w.pending());
    }

    JobReport run() {
        long t0 = System.nanoTime();
        DirtyRecords dirty = new DirtyRecords(plan.job(), options.workDir(), plan.channel(), rowsRead, runId, listener);
        dirtyRecords = dirty;
        JobReport.Resumed res = JobReport.Resumed.NONE;
        String failure = null;
        SyncException.Kind failureKind = null;
        int splitCount = 0;
        Source<S> source = null;
        Sink<T> sink = null;
        Progress progress = null;
        try {
            program.init(options.params());
            sink = Connectors.forType(plan.sink().datasource().type()).openSink(new Connector.SinkContext<>(plan.sink(), plan.job(),
                    runKey(plan, options.params()), jobParams(), options.workDir(), program, dirty));
            Increment increment = plan.source().incrementalBy() == null ? null : increment(sink);
            source = source(program, increment);
            try (SplitSource splits = source.splits()) {
                Watermark advance = null;
                if (increment != null) {
                    String upTo = source.incrementUpTo().orElse(null);
                    incrementRead = increment.describe(upTo) + source.incrementWarning().map(w -> "; WARNING: " + w).orElse("");
                    advance = upTo == null ? null : new Watermark(increment.column(), null, upTo);
                }
                splitCount = splits.expectedSplits();
                LOG.info("job {}: {} splits, parallelism {}, into {}.{} ({} {} {})", plan.job(), splitCount,
                        plan.channel().parallelism(), plan.sink().schema(), plan.sink().table(), plan.sink().write(),
                        plan.sink().conflict(), plan.sink().mode());
                Map<String, Sink.SplitCommit> committed = sink.begin(new Sink.RunStart(runId, splits.fingerprint(), mappingFingerprint(plan),
                        options.fresh(), options.allowDuplicates(), advance));
                long rr = 0;
                long rw = 0;
                long rd = 0;
                long rb = 0;
                for (Map.Entry<String, Sink.SplitCommit> e : committed.entrySet()) {
                    Sink.SplitCommit c = e.getValue();
                    rr += c.rowsRead();
                    rw += c.rowsWritten();
                    rd += c.dirtyRows();
                    rb += c.bytesRead();
                    dirty.addResumed(c, e.getKey());
                }
                res = new JobReport.Resumed(rr, rw, rd, rb);
                rowsRead.addAndGet(rr);
                rowsWritten.addAndGet(rw);
                bytesRead.addAndGet(rb);
                if (options.progress()) {
                    progress = new Progress(plan.job(), splits.totalBytes(), splits.estimatedRows(), rowsRead, bytesRead);
                }
                listener.started(runId, splitCount, committed.size());
                if (committed.isEmpty()) {
                    source.readEverySplit();
                }
                runWorkers(source, splits, sink, committed, dirty);
                if (cancelled) {
                    throw new SyncException(SyncException.Kind.CANCELLED, String.format(java.util.Locale.ROOT, "cancelled; %,d rows of committed splits stay"
                            + " committed (run the job again with the same parameters to resume)", rowsWritten.get()));
                }
            }
            dirty.checkFinal(rowsRead.get());
            sink.commit();
        } catch (Throwable e) {
            failure = describe(e);
            failureKind = kindOf(e);
            LOG.debug("job {} failed", plan.job(), e);
            if (sink != null) {
                sink.abort();
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
            if (sink != null) {
                sink.close();
            }
            if (source != null) {
                try {
                    source.close();
                } catch (Exception ignored) {
                    // closing
                }
            }
            dirty.close();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        JobReport report = new JobReport(plan.job(), failure == null, failure, rowsRead.get(), rowsWritten.get(), dirty.count(),
                bytesRead.get(), splitCount, resumed.get(), elapsed, dirty.file(), res, dirty.files(), retries.get(),
                failureKind, incrementRead, dirty.rolledBackRows(), dirty.rolledBackRows() > 0 ? dirty.rolledBack() : null,
                rowsIgnored.get());
        if (failure == null) {
            LOG.info("job {} done: {} rows read, {} written, {} dirty in {} ms", plan.job(), report.rowsRead(), report.rowsWritten(),
                    report.dirtyRows(), elapsed.toMillis());
        } else {
            LOG.warn("job {} failed: {}", plan.job(), failure);
        }
        return report;
    }

    /** The kind of a failure that ended a run. */
    static SyncException.Kind kindOf(Throwable e) {
        Throwable t = e;
        while (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SyncException s) {
            return s.kind();
        }
        if (SyncException.isTransient(t)) {
            return SyncException.Kind.TRANSIENT;
        }
        if (t instanceof SQLException || t instanceof IOException || t instanceof UncheckedIOException || t instanceof ConversionException) {
            return SyncException.Kind.CONFIGURATION;
        }
        if (t instanceof InterruptedException) {
            return SyncException.Kind.CANCELLED;
        }
        return SyncException.Kind.INTERNAL;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SyncException) {
            return t.getMessage();
        }
        if (t instanceof SQLException s) {
            return "database error: " + PgConnections.message(s);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return "I/O error: " + t.getMessage();
        }
        if (t instanceof ConversionException) {
            return "cannot initialise the job: " + t.getMessage();
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        return "internal error: " + t;
    }

    private void runWorkers(Source<S> source, SplitSource splits, Sink<T> sink, Map<String, Sink.SplitCommit> committed,
                            DirtyRecords dirty) throws Throwable {
        int n = plan.channel().parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "syncc-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        work(source, splits, sink, committed, dirty);
                    } catch (Throwable e) {
                        if (!(e instanceof Stopped)) {
                            // recorded before the others see `stopped`: a retry it ends must not be reported first
                            firstFailure.compareAndSet(null, e);
                            stopped = true;
                            // the other workers may wait on rows of a split this one took and will not read
                            try {
                                source.abort();
                            } catch (RuntimeException ex) {
                                LOG.debug("job {}: aborting the source's reads failed", plan.job(), ex);
                            }
                        }
                        stopped = true;
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof Stopped)) {
                        firstFailure.compareAndSet(null, e.getCause());
                    }
                }
            }
            Throwable first = firstFailure.get();
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void work(Source<S> source, SplitSource splits, Sink<T> sink, Map<String, Sink.SplitCommit> committed,
                      DirtyRecords dirty) throws Exception {
        S src = program.newSourceRow();
        SinkWriter<T> writer = null;
        CommitSent commit = new CommitSent();
        try {
            Split split;
            while (!stopped && (split = splits.next()) != null) {
                Sink.SplitCommit earlier = committed.get(split.id());
                if (earlier != null) {
                    java.util.Optional<String> changed = earlier.signature() == null || earlier.signature().isEmpty()
                            ? java.util.Optional.empty() : source.changedSince(split, earlier.signature());
                    if (changed.isPresent()) {
                        throw SyncException.configuration("cannot resume: " + changed.get() + " since an unfinished run committed"
                                + " its rows (split " + split.id() + "); restore it and run again to resume, or start over with --fresh"
                                + " (refused for an append job while its rows are in the target, unless --allow-duplicates)");
                    }
                    resumed.incrementAndGet();
                    continue;
                }
                boolean rewritten = false;
                for (int attempt = 0; ; attempt++) {
                    commit.sent = false;
                    try {
                        if (writer == null) {
                            writer = sink.openWriter(); // only workers that get a split hold a connection
                        }
                        listener.splitStarted(split.id(), attempt);
                        runSplit(source, split, writer, src, dirty, commit);
                        break;
                    } catch (RewriteSplit e) {
                        // the writer streamed a batch it does not keep and the target rejected a row of
                        // it: the split's writes are undone; written again, its batches are kept and the
                        // rejected rows isolated. Not a retry: nothing failed.
                        if (stopped) {
                            throw new Stopped();
                        }
                        if (rewritten) {
                            throw new SyncException(SyncException.Kind.INTERNAL, "split " + split.id()
                                    + " was to be written again a second time (" + e.getMessage() + ")");
                        }
                        rewritten = true;
                        attempt--;
                        listener.splitRewritten(split.id(), e.getMessage());
                        LOG.info("job {}: split {}: {}; writing it again, in batches kept until each is stored", plan.job(),
                                split.id(), e.getMessage());
                    } catch (Exception e) {
                        if (!Failures.isTransient(e)) {
                            throw e; // runSplit rolled its dirty rows back with the attempt
                        }
                        // the reply to its commit may be lost: the split may have committed after all
                        boolean inDoubt = commit.inDoubt(e);
                        if (stopped) {
                            // the run stops (a cancel, another worker's failure): neither tried again nor
                            // asked about; the run's reason is what stopped it
                            if (inDoubt) {
                                leaveInDoubt(split, dirty); // the re-run finds out
                            }
                            LOG.info("job {}: split {} failed while the run stops ({}); not tried again", plan.job(), split.id(),
                                    Failures.describe(e));
                            throw new Stopped();
                        }
                        boolean retriesLeft = attempt < plan.channel().retries();
                        if (!retriesLeft && !inDoubt) {
                            throw e;
                        }
                        // the connection may be gone: a new one for the next attempt (which may stream
                        // long COPYs again, and so write the split again once more)
                        if (writer != null) {
                            writer.close();
                            writer = null;
                        }
                        rewritten = false;
                        long wait = Failures.backoffMillis(attempt);
                        if (inDoubt) {
                            LOG.warn("job {}: split {} failed while committing ({}); asking the run state in {} ms whether it committed",
                                    plan.job(), split.id(), Failures.describe(e), wait);
                            java.util.Optional<Sink.SplitCommit> done;
                            try {
                                Thread.sleep(wait);
                                done = sink.committedByThisRun(split.id());
                            } catch (Exception unknown) {
                                leaveInDoubt(split, dirty);
                                unknown.addSuppressed(e);
                                throw unknown;
                            }
                            if (done.isPresent()) {
                                // its dirty rows were kept for it: filed and counted with the split
                                Sink.SplitCommit c = done.get();
                                rowsRead.addAndGet(c.rowsRead()); // runSplit took its reads back
                                bytesRead.addAndGet(c.bytesRead());
                                committed(split, dirty, c.rowsRead(), c.rowsWritten());
                                LOG.info("job {}: split {} had committed", plan.job(), split.id());
                                break;
                            }
                            dirty.splitAborted(split.id()); // it did not commit: its dirty rows go with the attempt
                            if (!retriesLeft) {
                                throw e;
                            }
                            wait = 0; // waited already
                        }
                        retries.incrementAndGet();
                        listener.splitRetried(split.id(), attempt + 1, Failures.describe(e));
                        if (inDoubt) {
                            LOG.warn("job {}: split {} did not commit; retrying now (retry {} of {})", plan.job(), split.id(), attempt + 1,
                                    plan.channel().retries());
                        } else {
                            LOG.warn("job {}: split {} failed ({}); retrying in {} ms (retry {} of {})", plan.job(), split.id(),
                                    Failures.describe(e), wait, attempt + 1, plan.channel().retries());
                        }
                        Thread.sleep(wait);
                    }
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** Counts the reader's and mapper's dirty rows of one split (the sink counts its own). */
    private static final class SplitDirty implements DirtyListener {
        final DirtyListener delegate;
        long count;

        SplitDirty(DirtyListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void dirty(String splitId, String location, List<String> columns, String[] values, String reason) {
            count++;
            delegate.dirty(splitId, location, columns, values, reason);
        }
    }

    /** The run fails not knowing whether the split committed: its dirty rows wait for the re-run. */
    private void leaveInDoubt(Split split, DirtyRecords dirty) {
        java.nio.file.Path pending = dirty.splitInDoubt(split.id());
        if (pending != null) {
            LOG.warn("job {}: split {} may have committed (the reply to its commit was lost); its dirty rows wait in {}:"
                    + " a re-run files them if it did, or reads the split again", plan.job(), split.id(), pending);
        }
    }

    /** Whether the attempt at a split got as far as its commit (a transient failure then leaves it in doubt). */
    private static final class CommitSent {
        boolean sent;

        /** Whether failing with {@code e}, the attempt may have committed after all (the reply to its commit lost). */
        boolean inDoubt(Throwable e) {
            return sent && Failures.isTransient(e);
        }
    }

    /** A split committed: its rows written and dirty rows count, and the listener hears it. */
    private void committed(Split split, DirtyRecords dirty, long read, long written) {
        rowsWritten.addAndGet(written);
        dirty.splitCommitted(split.id());
        listener.splitCommitted(split.id(), read, written, read - written);
    }

    private void runSplit(Source<S> source, Split split, SinkWriter<T> writer, S src, DirtyRecords dirty, CommitSent commit)
            throws Exception {
        RowMapper<S, T> mapper = program.mapper();
        RowRenderer<S> renderer = program.sourceRenderer();
        SplitDirty splitDirty = new SplitDirty(dirty);
        int chunk = limiter.chunkRows();
        long accountedRows = 0;
        long accountedBytes = 0;
        writer.beginSplit(split);
        long w;
        long r;
        long b;
        String signature;
        try {
            try (SplitReader<S> reader = source.open(split, splitDirty)) {
                int sinceCheck = 0;
                while (reader.next(src)) {
                    T out = writer.slot();
                    try {
                        mapper.map(src, out);
                        writer.add();
                    } catch (ConversionException e) {
                        splitDirty.dirty(split.id(), reader.location(), renderer.columnNames(), renderer.render(src), e.getMessage());
                    }
                    if (++sinceCheck >= chunk) {
                        sinceCheck = 0;
                        r = reader.recordsRead();
                        b = reader.bytesRead();
                        account(r - accountedRows, b - accountedBytes);
                        accountedRows = r;
                        accountedBytes = b;
                        if (stopped) {
                            throw new Stopped();
                        }
                    }
                }
                r = reader.recordsRead();
                b = reader.bytesRead();
                signature = reader.signature();
                account(r - accountedRows, b - accountedBytes);
                accountedRows = r;
                accountedBytes = b;
            } // the reader is closed before the commit: nothing after the commit can fail the split
            if (stopped) {
                throw new Stopped();
            }
            commit.sent = true;
            w = writer.commitSplit(split, new Sink.SplitCommit(r, 0, splitDirty.count, b, dirty.plannedFile().toString(), runId,
                    signature));
        } catch (Throwable e) {
            try {
                writer.abortSplit();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed); // the split's dirty rows and counts are settled all the same
            }
            try {
                if (e instanceof RewriteSplit) {
                    dirty.splitRewritten(split.id());
                } else if (!commit.inDoubt(e)) {
                    dirty.splitAborted(split.id());
                } // else the reply to the commit may be lost: the split's dirty rows wait until the
                  // run state says whether it committed (work(): filed with it, or as rolled back)
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            rowsRead.addAndGet(-accountedRows);
            bytesRead.addAndGet(-accountedBytes);
            throw e;
        }
        rowsIgnored.addAndGet(writer.ignoredRows());
        committed(split, dirty, r, w);
        LOG.debug("split {} committed: {} rows read, {} written", split.id(), r, w);
    }

    /** A worker stops because another one failed; never the reason a job failed. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped because another worker failed", null, false, false);
        }
    }

    private void account(long rows, long bytes) throws InterruptedException {
        rowsRead.addAndGet(rows);
        bytesRead.addAndGet(bytes);
        limiter.acquire(rows, bytes);
    }

    /** Preview: the first rows of the first splits, mapped and rendered; nothing is written. */
    Preview preview(int rows) throws Exception {
        program.init(options.params());
        List<String[]> out = new ArrayList<>();
        List<Preview.Rejected> rejected = new ArrayList<>();
        DirtyListener ignore = (s, l, c, v, r) -> {
            if (rejected.size() < Preview.MAX_REJECTED) {
                rejected.add(new Preview.Rejected(l, r));
            }
        };
        S src = program.newSourceRow();
        T dst = program.newSinkRow();
        try (Source<S> source = source(program); SplitSource splits = source.splits()) {
            Split split;
            while (out.size() < rows && (split = splits.next()) != null) {
                try (SplitReader<S> reader = source.open(split, ignore)) {
                    while (out.size() < rows && reader.next(src)) {
                        try {
                            program.mapper().map(src, dst);
                            out.add(program.sinkRenderer().render(dst));
                        } catch (ConversionException e) {
                            ignore.dirty(split.id(), reader.location(), null, null, e.getMessage());
                        }
                    }
                }
            }
        }
        return new Preview(out, rejected);
    }
}
