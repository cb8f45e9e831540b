package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.PgTupleText;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.spi.RewriteSplit;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.SinkWriter;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One worker's connection to the sink. Rows are sent in batches bounded by rows and bytes: binary
 * COPY (into the target, or into a per-connection temporary batch table merged with
 * {@code ON CONFLICT} for replace/ignore) or multi-row INSERTs. Each batch
 * runs under a savepoint; when it fails, it is rolled back and retried in halves down to single
 * rows, so each row the server rejects becomes a dirty row with the server's message and the
 * others are written (in their original order, so "last row wins" still holds for replace).
 *
 * <p>For COPY, each row is encoded as soon as it is mapped, so one row object serves the whole
 * batch, and a rejected row is read back from its encoded tuple for the dirty-record file
 * ({@link io.syncc.runtime.codegen.PgTupleText}); INSERT batches keep their rows ({@link #slot()}) until they are bound.
 * A COPY batch is streamed while it is being encoded: every {@value #STREAM_BYTES} bytes go to
 * the server at once, so the server stores rows while this worker reads and encodes the next ones
 * (one worker keeps two cores busy). The encoded batch stays in the buffer until it is committed
 * to its savepoint, so a failed batch can still be split and sent again.
 *
 * <p>A COPY into the target itself (not the batch table) goes on past the buffer's bounds: the
 * buffer is sent and emptied and the same COPY continues, so a split is one COPY however long it
 * is. PostgreSQL gives each COPY statement a new 16 MB ring of buffers for the pages it fills; a
 * COPY every 20,000 rows took every page from the whole buffer pool instead, touching memory the
 * backend had not used yet — a quarter more of its CPU (bench/README.md). Rows sent and dropped
 * cannot be isolated: when such a COPY has a rejected row, it is rolled back and the writer throws
 * {@link RewriteSplit}; the split is written again from its first row, and from then on this
 * writer keeps each batch until it is stored (as above).
 */
final class PostgresSinkWriter<T> implements SinkWriter<T> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresSinkWriter.class);

    private static final int COPY_ROWS = 20_000;
    private static final int COPY_BYTES = 16 << 20;
    private static final int STREAM_BYTES = 256 << 10;
    /** Rows after which a long COPY ends anyway (and the next begins): row counts stay within an int. */
    static int longCopyRows = 1 << 30;
    private static final int MAX_PARAMETERS = 65_535;
    private static final String BATCH_TABLE = "_syncc_batch";

    private final PostgresSink<T> sink;
    private final Connection c;
    private final CopyManager copy;
    private final boolean useCopy;
    private final boolean staged;
    private final int maxRows;
    private final int rowsPerStatement;
    private final List<T> pool = new ArrayList<>();
    private final T copyRow;
    private final PgTupleText tupleText;
    private final CopyBuffer buffer;
    private final String copySql;
    private final String mergeSql;
    private final String insertPrefix;
    private final String insertSuffix;
    private final int columnCount;
    private PreparedStatement fullInsert;
    private int n;
    private long written;
    /** Rows of the split the server stored (inserted or updated): fewer than written when on conflict ignore kept rows out. */
    private long stored;
    /** Rows of the last committed split that on conflict ignore kept out (their key was there). */
    private long lastIgnored;
    private long splitRowsBefore;
    private Split split;
    private final boolean savepoints;
    /** The COPY of the current batch while it is streamed, its savepoint, and how much of the buffer it has sent. */
    private CopyIn streaming;
    private Savepoint streamingSavepoint;
    private int streamed;
    /** A row-level error the server reported while the batch was streamed; the batch is isolated at its end. */
    private SQLException streamFailure;
    /**
     * Whether a COPY may go on past the buffer's bounds (sent rows dropped from it): into the target
     * itself, with savepoints, and not routing rows to partitions made as values arrive (a new value
     * fails its batch, which is then written again). False once a COPY with dropped rows had a
     * rejected row: pgjdbc reports a rejected row only when the COPY ends, so a split with one is
     * read twice, and this writer keeps its batches from then on.
     */
    private boolean longCopies;
    /** Rows of the current COPY sent and no longer in the buffer. */
    private int dropped;

    /** This writer's server session, ended before the run state is asked about a commit whose reply was lost. */
    private final WriterSession session;

    PostgresSinkWriter(PostgresSink<T> sink) throws SQLException {
        this.sink = sink;
        this.c = sink.connections.open();
        SinkPlan plan = sink.plan;
        this.columnCount = sink.columns.size();
        this.useCopy = plan.write() == SinkPlan.WriteMethod.COPY;
        this.staged = useCopy && (plan.conflict() == SinkPlan.ConflictStrategy.REPLACE
                || plan.conflict() == SinkPlan.ConflictStrategy.IGNORE);
        String cols = Sql.identList(sink.columns);
        String pk = Sql.identList(plan.primaryKey());
        String conflict = switch (plan.conflict()) {
            case REPLACE -> {
                StringBuilder set = new StringBuilder();
                for (String col : sink.columns) {
                    if (!plan.primaryKey().contains(col)) {
                        set.append(set.length() == 0 ? "" : ", ").append(Sql.quoteIdent(col)).append(" = EXCLUDED.").append(Sql.quoteIdent(col));
                    }
                }
                yield set.length() == 0 ? " ON CONFLICT (" + pk + ") DO NOTHING" : " ON CONFLICT (" + pk + ") DO UPDATE SET " + set;
            }
            case IGNORE -> " ON CONFLICT (" + pk + ") DO NOTHING";
            default -> "";
        };
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = 'syncc writer'");
        }
        this.session = sink.hologres ? null : WriterSession.of(c);
        sink.prepareSession(c);
        if (useCopy) {
            this.copy = c.unwrap(PGConnection.class).getCopyAPI();
            this.buffer = new CopyBuffer(1 << 20);
            this.copyRow = sink.newRow.get();
            this.tupleText = PgTupleText.of(plan.columns().stream().map(SinkColumn::type).toList());
            this.maxRows = COPY_ROWS;
            this.rowsPerStatement = 0;
            this.insertPrefix = null;
            this.insertSuffix = null;
            if (staged) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TEMP TABLE IF NOT EXISTS " + BATCH_TABLE + " AS SELECT " + cols + " FROM " + sink.writeTable + " WITH NO DATA");
                    s.execute("ALTER TABLE " + BATCH_TABLE + " ADD COLUMN _syncc_ord bigserial");
                }
                this.copySql = "COPY " + BATCH_TABLE + " (" + cols + ") FROM STDIN (FORMAT binary)";
                String select = plan.conflict() == SinkPlan.ConflictStrategy.REPLACE
                        ? "SELECT DISTINCT ON (" + pk + ") " + cols + " FROM " + BATCH_TABLE + " ORDER BY " + pk + ", _syncc_ord DESC"
                        : "SELECT " + cols + " FROM " + BATCH_TABLE + " ORDER BY _syncc_ord";
                this.mergeSql = "INSERT INTO " + sink.writeTable + " (" + cols + ") " + select + conflict;
            } else {
                this.copySql = "COPY " + sink.writeTable + " (" + cols + ") FROM STDIN (FORMAT binary)";
                this.mergeSql = null;
            }
        } else {
            this.copy = null;
            this.buffer = null;
            this.copyRow = null;
            this.tupleText = null;
            this.copySql = null;
            this.mergeSql = null;
            this.rowsPerStatement = Math.max(1, Math.min(1000, MAX_PARAMETERS / Math.max(1, columnCount)));
            this.maxRows = rowsPerStatement * 4;
            this.insertPrefix = "INSERT INTO " + sink.writeTable + " (" + cols + ") VALUES ";
            this.insertSuffix = conflict;
        }
        c.setAutoCommit(false);
        this.savepoints = probeSavepoints();
        this.longCopies = useCopy && !staged && savepoints && !sink.routesToNewPartitions();
    }

    @Override
    public void beginSplit(Split split) {
        this.split = split;
        cancelStreaming();
        n = 0;
        written = 0;
        stored = 0;
        splitRowsBefore = 0;
        dropped = 0;
        if (buffer != null) {
            buffer.reset();
        }
    }

    @Override
    public T slot() {
        if (useCopy) {
            return copyRow;
        }
        if (n == pool.size()) {
            pool.add(sink.newRow.get());
        }
        return pool.get(n);
    }

    @Override
    public void add() throws SQLException {
        if (useCopy) {
            sink.encoder.encode(copyRow, buffer);
            n++;
            if (n - dropped >= maxRows || buffer.size() >= COPY_BYTES) {
                if (longCopies && streamFailure == null && n < longCopyRows) {
                    sendAndDrop();
                } else {
                    flush();
                }
            } else if (streamFailure == null && buffer.size() - streamed >= STREAM_BYTES) {
                sendStreamed();
            }
        } else {
            n++;
            if (n >= maxRows) {
                flush();
            }
        }
    }

    /**
     * Streams what the buffer holds. A row-level failure stops streaming and the batch is isolated
     * when it ends; with rows of this COPY already dropped from the buffer, the split is written
     * again instead ({@link #rewrite}). False when it failed.
     */
    private boolean sendStreamed() throws SQLException {
        try {
            stream();
            return true;
        } catch (SQLException e) {
            if (fatal(e)) {
                throw e;
            }
            if (dropped > 0) {
                rewrite(e);
            }
            streamFailure = e;
            return false;
        }
    }

    /** The buffer is full: its rows are sent and dropped from it, and the COPY goes on. */
    private void sendAndDrop() throws SQLException {
        if (!sendStreamed()) {
            flush(); // all of this COPY's rows are still in the buffer: isolated now
            return;
        }
        dropped = n;
        buffer.reset();
        streamed = 0;
    }

    /**
     * A row of a COPY whose first rows are no longer in the buffer was rejected: the COPY is rolled
     * back and the split is to be written again, with every batch kept.
     */
    private void rewrite(SQLException e) throws SQLException {
        failOnConflict(e);
        Savepoint sp = streamingSavepoint;
        cancelStreaming();
        c.rollback(sp);
        longCopies = false;
        throw new RewriteSplit("the target rejected a row (" + PgConnections.message(e) + ") of a COPY of " + n
                + " rows that were not all kept to isolate it");
    }

    /** Sends what the buffer holds beyond what was sent, opening the batch's COPY first. */
    private void stream() throws SQLException {
        if (streaming == null) {
            streamingSavepoint = savepoint();
            streaming = copy.copyIn(copySql);
            streaming.writeToCopy(CopyBuffer.HEADER, 0, CopyBuffer.HEADER.length);
        }
        streaming.writeToCopy(buffer.array(), streamed, buffer.size() - streamed);
        streamed = buffer.size();
    }

    /** Ends the streamed COPY of the whole batch; on a rejected row, rolls it back and isolates the rows. */
    private void finishStreaming() throws SQLException {
        Savepoint sp = streamingSavepoint;
        try {
            if (streamFailure != null) {
                throw streamFailure;
            }
            stream();
            stored += finishCopy(streaming);
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            written += n;
        } catch (SQLException e) {
            if (dropped > 0 && !fatal(e)) {
                rewrite(e);
            }
            cancelStreaming();
            failOnConflict(e);
            if (fatal(e) || sp == null) {
                throw e;
            }
            c.rollback(sp);
            if (routed(e, 0, n)) {
                writeIsolated(0, n);
            } else {
                isolate(0, n, e);
            }
        } finally {
            cancelStreaming(); // only clears the state once the COPY has ended
        }
    }

    /** Cancels the batch's COPY if it is still open, and forgets the streaming state. */
    private void cancelStreaming() {
        if (streaming != null && streaming.isActive()) {
            try {
                streaming.cancelCopy();
            } catch (SQLException ignored) {
                // the COPY already failed; the rollback follows
            }
        }
        streaming = null;
        streamingSavepoint = null;
        streamed = 0;
        streamFailure = null;
    }

    private void flush() throws SQLException {
        if (n == 0) {
            return;
        }
        if (streaming != null || streamFailure != null) {
            finishStreaming();
        } else {
            writeIsolated(0, n);
        }
        splitRowsBefore += n;
        n = 0;
        dropped = 0;
        if (buffer != null) {
            buffer.reset();
        }
    }

    private void writeIsolated(int lo, int hi) throws SQLException {
        Savepoint sp = savepoint();
        long storedBefore = stored;
        try {
            writeRange(lo, hi);
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            written += hi - lo;
        } catch (SQLException e) {
            stored = storedBefore; // rolled back below
            failOnConflict(e);
            if (fatal(e) || sp == null) {
                throw e; // without savepoints a rejected batch fails its split
            }
            c.rollback(sp);
            if (routed(e, lo, hi)) {
                writeIsolated(lo, hi);
            } else {
                isolate(lo, hi, e);
            }
        }
    }

    /**
     * Rows routed by their partition key ({@code partition key} without a value) whose value has no
     * partition yet fail with a check violation: the batch's values get their children and the rows
     * are sent again. False when nothing was made (the failure is the rows': they are isolated).
     */
    private boolean routed(SQLException e, int lo, int hi) throws SQLException {
        if (!sink.routesToNewPartitions() || !"23514".equals(e.getSQLState())) {
            return false;
        }
        int key = sink.columns.indexOf(sink.plan.partition().key());
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (int i = lo; i < hi; i++) {
            String[] row = useCopy ? tupleText.render(buffer.array(), buffer.tupleOffset(i)) : sink.renderer.render(pool.get(i));
            values.add(row[key]);
        }
        return sink.routeTo(values);
    }

    /** Rows {@code [lo, hi)} failed together: a single row is dirty, more are retried in halves. */
    private void isolate(int lo, int hi, SQLException e) throws SQLException {
        if (hi - lo == 1) {
            String[] values = useCopy ? tupleText.render(buffer.array(), buffer.tupleOffset(lo)) : sink.renderer.render(pool.get(lo));
            sink.dirty.dirty(split.id(), "row " + (splitRowsBefore + lo + 1) + " of split " + split.id(),
                    sink.renderer.columnNames(), values, "rejected by the sink: " + PgConnections.message(e));
            return;
        }
        int mid = (lo + hi) >>> 1;
        writeIsolated(lo, mid);
        writeIsolated(mid, hi);
    }

    private Savepoint savepoint() throws SQLException {
        return savepoints ? c.setSavepoint() : null;
    }

    /** Whether the server supports savepoints (PostgreSQL does; some compatible servers do not). */
    private boolean probeSavepoints() throws SQLException {
        try {
            c.releaseSavepoint(c.setSavepoint());
            return true;
        } catch (SQLException e) {
            if (!"0A000".equals(e.getSQLState())) {
                throw e;
            }
            LOG.warn("datasource '{}' does not support savepoints: a batch with a rejected row fails its split",
                    sink.connections.name());
            return false;
        } finally {
            c.rollback();
        }
    }

    /**
     * {@code on conflict fail}: a key that is already there fails the job (the split rolls back);
     * without {@code on conflict} it is a dirty row.
     */
    private void failOnConflict(SQLException e) {
        if (sink.plan.conflict() == SinkPlan.ConflictStrategy.FAIL && "23505".equals(e.getSQLState())) {
            String detail = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getDetail() != null ? " (" + p.getServerErrorMessage().getDetail() + ")" : "";
            throw new SyncException(SyncException.Kind.DATA, "on conflict fail: a row's key is already in " + sink.display
                    + " (in the target before the run, or from an earlier row of the source)" + detail + "; the split rolled back");
        }
    }

    /** Connection-level problems are not row problems: they fail the split. */
    private static boolean fatal(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53");
    }

    private void writeRange(int lo, int hi) throws SQLException {
        if (useCopy) {
            CopyIn in = copy.copyIn(copySql);
            try {
                in.writeToCopy(CopyBuffer.HEADER, 0, CopyBuffer.HEADER.length);
                int from = buffer.tupleOffset(lo);
                in.writeToCopy(buffer.array(), from, buffer.tupleOffset(hi) - from);
                stored += finishCopy(in);
            } finally {
                if (in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException ignored) {
                        // the COPY already failed; the savepoint rollback follows
                    }
                }
            }
        } else {
            int i = lo;
            while (i < hi) {
                int k = Math.min(rowsPerStatement, hi - i);
                PreparedStatement ps = insertStatement(k);
                try {
                    int p = 1;
                    for (int r = 0; r < k; r++) {
                        sink.binder.bind(pool.get(i + r), ps, p);
                        p += columnCount;
                    }
                    stored += ps.executeUpdate();
                } finally {
                    if (ps != fullInsert) {
                        ps.close();
                    }
                }
                i += k;
            }
        }
    }

    /** Ends a COPY whose tuples have all been written; merges the batch table for replace / ignore. @return the rows stored */
    private long finishCopy(CopyIn in) throws SQLException {
        in.writeToCopy(CopyBuffer.TRAILER, 0, 2);
        long copied = in.endCopy();
        if (!staged) {
            return copied;
        }
        try (Statement s = c.createStatement()) {
            long merged = s.executeUpdate(mergeSql);
            s.execute("TRUNCATE " + BATCH_TABLE);
            return merged;
        }
    }

    private PreparedStatement insertStatement(int rows) throws SQLException {
        if (rows == rowsPerStatement && fullInsert != null) {
            return fullInsert;
        }
        StringBuilder b = new StringBuilder(insertPrefix.length() + rows * (columnCount * 2 + 3));
        b.append(insertPrefix);
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "(" : ",(");
            for (int col = 0; col < columnCount; col++) {
                b.append(col == 0 ? "?" : ",?");
            }
            b.append(')');
        }
        b.append(insertSuffix);
        PreparedStatement ps = c.prepareStatement(b.toString());
        if (rows == rowsPerStatement) {
            fullInsert = ps;
        }
        return ps;
    }

    @Override
    public long commitSplit(Split split, Sink.SplitCommit counts) throws SQLException {
        flush();
        long rejected = splitRowsBefore - written;
        sink.state.commitSplit(c, split.id(), new Sink.SplitCommit(counts.rowsRead(), written, counts.dirtyRows() + rejected,
                counts.bytesRead(), counts.dirtyFile(), counts.runId(), counts.signature()));
        sink.commitSending(split.id(), session); // the reply may be lost: PostgresSink.committedByThisRun
        c.commit();
        sink.commitDone(split.id());
        long w = written;
        lastIgnored = sink.plan.conflict() == SinkPlan.ConflictStrategy.IGNORE ? Math.max(0, written - stored) : 0;
        written = 0;
        stored = 0;
        return w;
    }

    @Override
    public long ignoredRows() {
        return lastIgnored;
    }

    @Override
    public void abortSplit() {
        cancelStreaming();
        n = 0;
        dropped = 0;
        if (buffer != null) {
            buffer.reset();
        }
        written = 0;
        stored = 0;
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; nothing was committed
        }
    }

    @Override
    public long rowsWritten() {
        return written;
    }

    @Override
    public void close() {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
