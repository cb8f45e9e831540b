package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.util.PgConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * One sequential scan of a table, routed to its page-range splits by each row's page: the reads of
 * a run that reads every split of a table divided by ctid ranges. Per split, a Tid Range Scan
 * reads page by page through the whole buffer pool (PostgreSQL 17 gives it neither read-ahead of
 * combined reads nor the small ring a sequential scan recycles), so the readers evict the writers'
 * dirty pages and write them out themselves; one sequential scan does neither, and costs the server
 * far less. The splits stay what they were — page ranges, committed one by one with their
 * signatures, resumable, checked by {@code changedSince} — only their rows come from one scan.
 *
 * <p>The scan is {@code COPY (SELECT ctid, cols FROM t) TO STDOUT (FORMAT binary)} in the source's
 * snapshot, without synchronized scans or parallel workers, so pages come in order and the rows of
 * split 0 come first, then split 1's, and so on. A split's rows go to its reader through a queue of
 * batches; the {@code ctid} field is cut from each tuple in place, so a reader sees exactly the
 * tuples a COPY of its split sends, and its signature is the same. Each split's rows can be taken
 * once ({@link #claim}), in any order; a split opened again (a retry), or opened after the scan
 * failed, is read on its own by the caller. A reader closed early (a failed split) has the rest of
 * its rows dropped, and the scan goes on for the others.
 *
 * <p>Memory is bounded by a budget of batches handed over and not yet read, across all splits
 * ({@link #budget}, counted in {@value #BATCH_BYTES}-byte arrays, so rows larger than a batch count
 * by their size): with one writer a few batches; with more, {@value #AHEAD_BATCHES} batches
 * ({@value #AHEAD_BYTES_TEXT}; a single row larger than that goes alone) whatever their number, so the scan reads the rest of one writer's
 * split ahead and reaches the next writer's rows while the first still writes — the splits are
 * made small enough for two writers ({@value #SPLIT_PAGES} pages at most when a run may read by
 * one scan with parallelism above 1); with more writers than that, the others wait their turn. The scan only waits for room; it never waits for a claim, and rows of a split
 * not yet claimed wait in its queue (its worker takes it next: workers take splits in order, and
 * every earlier split is already whole in its queue, so the budget is always freed by readers).
 */
final class SharedScan implements AutoCloseable {

    /**
     * Rows or bytes per batch handed to a split's reader: a batch fills its array (2,048 rows of 128
     * bytes; 512 rows left bank_data's batches under half full, so the budget held less than half
     * the rows its memory allowed).
     */
    static final int BATCH_ROWS = 2048;
    static final int BATCH_BYTES = 256 * 1024;
    /** Batches handed over and not yet read before the scan waits, with one writer. */
    static final int QUEUE_BATCHES = 4;
    /**
     * Batches handed over and not yet read before the scan waits, with more than one writer, whatever
     * their number: two writers' splits. A budget per writer made the heap's live set grow with the
     * parallelism (at parallelism 4, 48 MB of batches filled at the start while everything was
     * live: G1 spent 8% of the first seconds copying them, doubled the heap, and a job jar peaked at
     * 285 MB at 10M rows); two writers kept fed is what two cores can use.
     */
    static final int AHEAD_BATCHES = 64;
    static final String AHEAD_BYTES_TEXT = "16 MB";
    /**
     * The most pages of a page-range split when the splits may be read by one scan with parallelism
     * above 1 (6 MB of heap; about 7.5 MB of binary COPY for the 21 bank_data columns): a bank_data
     * split fits in half of the budget, so the scan is ahead of two writers (a narrow table's split
     * may take more batches than the budget holds: less overlap, no wait that a reader cannot end).
     */
    public static final long SPLIT_PAGES = 768;

    private final String table;
    private final List<PostgresSplit> splits;
    /** {@code firstPages[i]}: the first page of split i, ascending; split i ends where split i + 1 starts. */
    private final long[] firstPages;
    private final Connection connection;
    private final String copySql;
    private final Channel[] channels;
    private final Thread thread;
    private volatile boolean closed;
    /**
     * Room for batches with tuples the scan may hand over before a reader has read them: the
     * memory's bound, one permit per {@value #BATCH_BYTES} bytes of a batch's array ({@link #cost}).
     */
    private final java.util.concurrent.Semaphore budget;
    private final int budgetPermits;
    /** Split index by id, for {@link #claim}. */
    private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
    /** Why the scan stopped before its end, or {@code null}. */
    private volatile Throwable failure;

    /** The scan failed (the message names the table and the cause): a reader with no row from it yet reads its split on its own. */
    static final class Failed extends SQLException {
        Failed(String message, String sqlState, Throwable cause) {
            super(message, sqlState, cause);
        }
    }

    /**
     * A batch of tuples of one split, one after another in {@code data} (tuple i from {@code starts[i]}
     * to {@code ends[i]}); or its end, or a failure.
     */
    private record Batch(byte[] data, int[] starts, int[] ends, int count, boolean last, Throwable failure) {
        static final Batch END = new Batch(new byte[0], new int[0], new int[0], 0, true, null);
    }

    /**
     * The batches' data arrays ({@value #BATCH_BYTES} bytes each) a reader is done with, for the scan
     * to fill again: the scan reads each message straight into a batch ({@link CopyMessages}), so rows
     * cost no garbage. A few are in use at a time (a split's queue, the batch being filled, the one
     * being read); more are dropped.
     */
    private final ArrayBlockingQueue<byte[]> free;

    private static final class Channel {
        /** Unbounded: {@link #budget} bounds what the scan hands over. */
        final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
        volatile boolean abandoned;
        /** Guarded by the scan: its rows were given to a reader. */
        boolean claimed;
    }

    /**
     * @param connection a reader connection in the source's snapshot (the scan owns and closes it)
     * @param select     {@code SELECT ctid, cols FROM table} (no where: every row of the table)
     * @param batches    the budget: batches with tuples handed over and not yet read before the scan
     *                   waits ({@link #budgetFor})
     */
    SharedScan(String table, List<PostgresSplit> splits, long[] firstPages, Connection connection, String select, int batches) {
        if (splits.size() != firstPages.length || splits.isEmpty()) {
            throw new IllegalArgumentException("one first page per split");
        }
        this.table = table;
        this.splits = List.copyOf(splits);
        this.firstPages = firstPages.clone();
        this.connection = connection;
        this.copySql = "COPY (" + select + ") TO STDOUT (FORMAT binary)";
        this.channels = new Channel[splits.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new Channel();
        }
        this.budget = new java.util.concurrent.Semaphore(batches);
        this.budgetPermits = batches;
        for (int i = 0; i < splits.size(); i++) {
            index.put(splits.get(i).id(), i);
        }
        this.free = new ArrayBlockingQueue<>(batches + 2);
        this.thread = new Thread(this::scan, "syncc-scan");
        thread.setDaemon(true);
    }

    /** The budget for a run reading {@code writers} splits at once. */
    static int budgetFor(int writers) {
        return writers <= 1 ? QUEUE_BATCHES : AHEAD_BATCHES;
    }

    void start() {
        thread.start();
    }

    /**
     * The rows of {@code split} from the scan, or {@code null} when they are not the scan's to give:
     * given before (a retry: the caller reads it on its own), not one of the scan's splits, or the
     * scan failed or was closed. Splits may be claimed in any order: the scan keeps a split's rows
     * until they are claimed.
     */
    synchronized Tuples claim(PostgresSplit split) {
        Integer at = index.get(split.id());
        if (at == null || !splits.get(at).equals(split) || channels[at].claimed || failure != null || closed) {
            return null;
        }
        int i = at;
        channels[i].claimed = true;
        return new Tuples(channels[i]);
    }

    /**
     * The permits a batch takes in the budget: one per {@value #BATCH_BYTES} bytes of its array (a
     * row larger than a batch has an array of its own size), at most the whole budget, so a row
     * larger than the budget still goes, alone; none for a split's end or a failure.
     */
    private int cost(Batch b) {
        if (b.count() == 0) {
            return 0;
        }
        return (int) Math.min(budgetPermits, Math.max(1, ((long) b.data().length + BATCH_BYTES - 1) / BATCH_BYTES));
    }

    /** Bytes of the batches handed over and not yet taken by a reader, over every split (diagnostics, tests). */
    long bytesAhead() {
        long n = 0;
        for (Channel c : channels) {
            for (Batch b : c.queue) {
                n += b.data().length;
            }
        }
        return n;
    }

    /** Room left in the budget, in permits (diagnostics, tests): all of it once every reader is done. */
    int budgetFree() {
        return budget.availablePermits();
    }

    /** The batch's tuples are read (or dropped): its place in the budget and its array are given back. */
    private void done(Batch b) {
        int permits = cost(b);
        if (permits > 0) {
            budget.release(permits);
        }
        if (b.data().length == BATCH_BYTES) {
            free.offer(b.data()); // the scan may fill it again
        }
    }

    /** Drops every batch in the split's queue (a reader that gave up, or the scan's failure). */
    private void drain(Channel channel) {
        List<Batch> dropped = new java.util.ArrayList<>();
        channel.queue.drainTo(dropped);
        for (Batch b : dropped) {
            done(b);
        }
    }

    /** A split's tuples, as the scan hands them over. Used by one thread. */
    final class Tuples {
        private final Channel channel;
        private Batch batch;
        private int next;

        private Tuples(Channel channel) {
            this.channel = channel;
        }

        /**
         * Points {@code record} at the split's next tuple; {@code false} at the split's end. The
         * previous tuple's bytes may be reused from here on (the record views them).
         */
        boolean next(PgBinaryRecord record) throws SQLException {
            while (batch == null || next == batch.count()) {
                if (batch != null && batch.last()) {
                    return false;
                }
                if (batch != null) {
                    Batch read = batch;
                    batch = null;
                    done(read); // its tuples are read
                }
                batch = take();
                next = 0;
                if (batch.failure() != null) {
                    Throwable f = batch.failure();
                    batch = null;
                    String why = f instanceof SQLException e ? PgConnections.message(e) : f.getMessage() != null ? f.getMessage() : f.toString();
                    throw new Failed("the sequential scan of " + table + " failed (" + why + ")", f instanceof SQLException e ? e.getSQLState() : null, f);
                }
            }
            int i = next++;
            if (!record.resetAt(batch.data(), batch.starts()[i], batch.ends()[i])) {
                throw new SyncException(SyncException.Kind.INTERNAL, "the sequential scan of " + table + " handed over its trailer");
            }
            return true;
        }

        private Batch take() throws SQLException {
            try {
                Batch b;
                while ((b = channel.queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                    if (closed) {
                        throw new SyncException(SyncException.Kind.CANCELLED, "the source was closed");
                    }
                    if (!thread.isAlive() && channel.queue.isEmpty()) {
                        throw new Failed("the sequential scan of " + table + " ended without this split's rows", null, null);
                    }
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException(SyncException.Kind.CANCELLED, "interrupted", e);
            }
        }

        /** The reader is done with the split (at its end, or failed part-way): the rest of its rows are dropped. */
        void abandon() {
            channel.abandoned = true;
            if (batch != null) {
                done(batch);
                batch = null;
            }
            drain(channel);
        }
    }

    // ---- the scan (its own thread) ----------------------------------------------------------------

    private void scan() {
        int current = 0;
        Batcher out = new Batcher();
        CopyMessages copy = null;
        try {
            copy = CopyMessages.start(connection, copySql);
            boolean first = true;
            int n;
            while ((n = copy.nextLength()) >= 0) {
                // the message is read whole before anything else: the connection stays in step
                byte[] m = out.room(n);
                int at = out.position();
                copy.readBody(m, at);
                if (closed) {
                    copy.cancel();
                    return;
                }
                // only the field count and the ctid are read here; the split's reader checks the whole tuple
                int p = at + (first ? PgBinaryRecord.headerLength(m, n) : 0); // the first message is read to a fresh batch's start

                first = false;
                int end = at + n;
                if (p + 2 > end) {
                    throw new SyncException(SyncException.Kind.INTERNAL, "the sequential scan of " + table + " sent a message without a tuple");
                }
                int fields = (short) (((m[p] & 0xff) << 8) | (m[p + 1] & 0xff));
                if (fields == -1) {
                    continue; // the trailer
                }
                if (fields < 2 || p + 12 > end || m[p + 2] != 0 || m[p + 3] != 0 || m[p + 4] != 0 || m[p + 5] != 6) {
                    throw new SyncException(SyncException.Kind.INTERNAL, "the sequential scan of " + table + " sent a tuple without its ctid");
                }
                long page = ((m[p + 6] & 0xffL) << 24) | ((m[p + 7] & 0xff) << 16) | ((m[p + 8] & 0xff) << 8) | (m[p + 9] & 0xff);
                if (page < firstPages[current]) {
                    throw new SyncException(SyncException.Kind.INTERNAL, "the sequential scan of " + table + " returned page " + page
                            + " after page " + firstPages[current] + " (pages out of order)");
                }
                int split = current;
                while (split + 1 < firstPages.length && page >= firstPages[split + 1]) {
                    split++;
                }
                if (split != current) {
                    // the message was read after the split's tuples, into its batch: it moves to the next one
                    int moved = out.endAndKeep(channels[current], at, n);
                    for (int k = current + 1; k < split; k++) {
                        out.end(channels[k]); // splits without rows in this snapshot
                    }
                    current = split;
                    m = out.data();
                    p += moved - at;
                    end += moved - at;
                }
                // the tuple without its first field: its field count goes where the ctid's offset number was
                int start = p + 10;
                m[start] = (byte) ((fields - 1) >>> 8);
                m[start + 1] = (byte) (fields - 1);
                out.add(channels[current], start, end);
            }
            for (int k = current; k < channels.length; k++) {
                out.end(channels[k]);
            }
        } catch (Throwable e) {
            failure = e;
            Batch failed = new Batch(new byte[0], new int[0], new int[0], 0, true, e);
            for (int k = current; k < channels.length; k++) {
                drain(channels[k]);
                channels[k].queue.add(failed);
            }
        } finally {
            try {
                if (copy == null || copy.endedCleanly()) {
                    connection.rollback();
                } else {
                    // stopped early (closed, failed, a reader's end of the run): the COPY may still be
                    // sending, or half a message read; a rollback would wait on it, so it is cancelled
                    // and the connection closed (the server ends the transaction)
                    copy.cancel();
                }
            } catch (SQLException | RuntimeException ignored) {
                // read-only: nothing to undo; the connection is closed below
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    /**
     * Fills batches for one split at a time and hands them over, waiting while the split's queue is
     * full. The scan reads each message into {@link #room} at {@link #position()}, then adds its tuple
     * to the batch ({@link #add}) or leaves it (the trailer); a batch goes when it has
     * {@value #BATCH_ROWS} tuples or no room for the next message, or at the split's end.
     */
    private final class Batcher {
        private byte[] data = fresh();
        private int[] starts = new int[BATCH_ROWS];
        private int[] ends = new int[BATCH_ROWS];
        private int count;
        /** The bytes of {@link #data} the batch's tuples take; the next message is read after them. */
        private int fill;
        /** The split the batch's tuples are of. */
        private Channel owner;

        byte[] data() {
            return data;
        }

        int position() {
            return fill;
        }

        /** The array to read an {@code n}-byte message into at {@link #position()}: the batch's, when it has room. */
        byte[] room(int n) throws InterruptedException {
            if (fill + n > data.length) {
                if (count > 0) {
                    hand(owner, false);
                }
                if (n > data.length) {
                    data = new byte[n]; // a message larger than a batch: an array of its own, not reused
                }
            }
            return data;
        }

        /** Adds the tuple from {@code start} to {@code end} of {@link #data()} to the batch of {@code channel}'s split. */
        void add(Channel channel, int start, int end) throws InterruptedException {
            if (channel.abandoned) {
                return; // the reader failed: its rows are dropped, their room is used again
            }
            owner = channel;
            starts[count] = start;
            ends[count] = end;
            count++;
            fill = end;
            if (count == BATCH_ROWS) {
                hand(channel, false);
            }
        }

        /** Hands over what is left of the split's rows and its end. */
        void end(Channel channel) throws InterruptedException {
            if (count > 0 && owner == channel) {
                hand(channel, true);
            } else {
                offer(channel, Batch.END);
            }
        }

        /**
         * {@link #end} of a split whose batch array also holds, from {@code at}, the {@code n} bytes of
         * a message read after its tuples (the next split's first): they are copied to the start of
         * the next batch's array, and where they now start (0) is returned.
         */
        int endAndKeep(Channel channel, int at, int n) throws InterruptedException {
            byte[] before = data;
            end(channel);
            if (data == before) {
                // nothing was handed over (no tuples, or the reader gave up): the bytes move down in place
                System.arraycopy(before, at, data, 0, n);
                fill = 0;
                count = 0;
                return 0;
            }
            if (data.length < n) {
                data = new byte[n];
            }
            System.arraycopy(before, at, data, 0, n);
            return 0;
        }

        private void hand(Channel channel, boolean last) throws InterruptedException {
            Batch batch = new Batch(data, starts, ends, count, last, null);
            count = 0;
            fill = 0;
            if (offer(channel, batch)) {
                data = fresh();
                starts = new int[BATCH_ROWS];
                ends = new int[BATCH_ROWS];
            } // else the split's reader gave up on its rows: the same arrays are filled again
        }

        /**
         * Whether the batch was handed over (not when the split's reader gave up on its rows). A batch
         * with tuples waits for room in the {@link #budget} ({@link #cost}: only this thread takes
         * permits, so a large batch is not overtaken).
         */
        private boolean offer(Channel channel, Batch batch) throws InterruptedException {
            int permits = cost(batch);
            while (!channel.abandoned && !closed) {
                if (permits == 0 || budget.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                    channel.queue.add(batch);
                    if (channel.abandoned) {
                        drain(channel); // the reader gave up meanwhile: nothing would read it
                    }
                    return true;
                }
            }
            if (closed) {
                throw new SyncException(SyncException.Kind.CANCELLED, "the source was closed");
            }
            return false;
        }

        private byte[] fresh() {
            byte[] b = free.poll();
            return b != null ? b : new byte[BATCH_BYTES];
        }
    }

    /** Stops the scan (a finished, failed or cancelled run) and waits briefly for its thread. */
    @Override
    public void close() {
        closed = true;
        if (thread.isAlive()) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException ignored) {
                // the connection is gone already
            }
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
