package io.syncc.runtime.postgres;

import java.io.IOException;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The CopyData messages of one {@code COPY ... TO STDOUT}, read into buffers the caller reuses.
 *
 * <p>pgjdbc's {@link CopyOut#readFromCopy()} hands over every message as a new array: for a binary
 * COPY, one per row. At 10,000,000 rows of 21 columns that is 2.2 GB of garbage, which makes G1 grow
 * its young generation towards 60% of the default heap (a job jar run with plain {@code java -jar}
 * peaked at 300-400 MB resident), and a tenth of the reader's CPU. So the messages are read here from
 * the connection's own protocol stream ({@link PGStream}, which keeps TLS and the driver's buffering)
 * into the caller's buffer: a CopyData message ({@code 'd'}, the only kind of message a COPY sends
 * while its data flows) is taken directly; any other message — CopyDone, CommandComplete, an error
 * (a terminated backend), a notice, a parameter status — is left to the driver
 * ({@link CopyOut#readFromCopy()}), which handles it as it always does; a CopyData message the driver
 * read meanwhile is handed over from its array. pgjdbc has no public accessor for the stream; it is
 * the protected field {@code QueryExecutorBase.pgStream} of the pinned driver, found once by
 * reflection. When it cannot be found (another driver version), every message comes from
 * {@link CopyOut#readFromCopy()}: the same bytes, more garbage ({@link #direct()} says which).
 *
 * <p>A connection failure while reading a message is reported as pgjdbc reports it (SQLState 08006,
 * "Database connection failed when reading from copy"), and the COPY is cancelled, so the driver no
 * longer holds the connection for it and closing the connection cannot wait on it.
 */
final class CopyMessages {

    /** {@code QueryExecutorBase.pgStream}, or {@code null} when this driver has no such field. */
    private static final Field STREAM = streamField();
    /** A message larger than this is read into an array of its own rather than growing the reused buffer for good. */
    private static final int KEEP_BUFFER = 1 << 20;

    private final CopyOut copy;
    private final PGStream stream;
    /** A CopyData message the driver read ({@link #nextLength} fell back to it), not yet taken. */
    private byte[] fromDriver;
    /** The length of the message started by {@link #nextLength}, whose bytes are still to be read; -1 for none. */
    private int pending = -1;
    /** The COPY's data ended and the driver read its end: the connection is in step for another statement. */
    private boolean ended;
    /** The COPY failed or was cancelled: nothing more is read from it. */
    private boolean stopped;
    private byte[] buffer = new byte[8192];
    /** The array holding the message {@link #next()} read: {@link #buffer}, or one of its own when it is large. */
    private byte[] current = buffer;
    private int length;

    private CopyMessages(CopyOut copy, PGStream stream) {
        this.copy = copy;
        this.stream = stream;
    }

    /** Starts {@code sql} (a {@code COPY ... TO STDOUT}) on {@code connection}. */
    static CopyMessages start(Connection connection, String sql) throws SQLException {
        PGStream stream = stream(connection); // before the COPY holds the connection
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        return new CopyMessages(copy, stream);
    }

    /** Whether messages are read from the protocol stream (else through the driver's {@code readFromCopy}). */
    boolean direct() {
        return stream != null;
    }

    // ---- a message at a time, in a buffer of this reader's ---------------------------------------

    /**
     * Reads the next message into {@link #buffer()}: {@code false} when the COPY has ended. The
     * buffer is reused: the previous message's bytes are gone.
     */
    boolean next() throws SQLException {
        int n = nextLength();
        if (n < 0) {
            return false;
        }
        if (fromDriver != null) {
            current = fromDriver; // the driver's own array: no copy
            fromDriver = null;
            pending = -1;
        } else {
            if (n > buffer.length && n <= KEEP_BUFFER) {
                buffer = new byte[Math.max(n, Math.min(KEEP_BUFFER, 2 * buffer.length))];
            }
            current = n <= buffer.length ? buffer : new byte[n];
            readBody(current, 0);
        }
        length = n;
        return true;
    }

    /** The bytes of the message {@link #next()} read, in its first {@link #length()} bytes. */
    byte[] buffer() {
        return current;
    }

    /** The length of the message {@link #next()} read. */
    int length() {
        return length;
    }

    // ---- a message at a time, into the caller's buffer --------------------------------------------

    /**
     * Starts the next message: its length, or -1 when the COPY has ended. Its bytes must be read with
     * {@link #readBody} before the next call.
     */
    int nextLength() throws SQLException {
        if (pending >= 0) {
            throw new IllegalStateException("the previous CopyData message was not read");
        }
        if (ended) {
            return -1;
        }
        if (stopped) {
            throw new IllegalStateException("the COPY failed or was cancelled");
        }
        if (stream != null) {
            try {
                if (stream.peekChar() == 'd') { // CopyData: Int32 length (itself included), then the data
                    stream.receiveChar();
                    int n = stream.receiveInteger4() - 4;
                    if (n < 0) {
                        throw new IOException("a CopyData message of " + n + " bytes");
                    }
                    pending = n;
                    return n;
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }
        byte[] m;
        try {
            m = copy.readFromCopy();
        } catch (SQLException | RuntimeException e) {
            stopped = true; // the driver read the error and let the connection go
            throw e;
        }
        if (m == null) {
            ended = true;
            return -1;
        }
        fromDriver = m;
        pending = m.length;
        return m.length;
    }

    /** Reads the message {@link #nextLength} started into {@code into} from {@code offset}. */
    void readBody(byte[] into, int offset) throws SQLException {
        int n = pending;
        if (n < 0) {
            throw new IllegalStateException("no CopyData message was started");
        }
        pending = -1;
        if (fromDriver != null) {
            System.arraycopy(fromDriver, 0, into, offset, n);
            fromDriver = null;
            return;
        }
        try {
            stream.receive(into, offset, n);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Whether the COPY still holds its connection (it has not ended, failed or been cancelled). */
    boolean isActive() {
        return copy.isActive();
    }

    /**
     * Whether the COPY was read to its end, so the connection can run another statement (a rollback).
     * After a failure or a cancel the connection may hold the rest of the COPY, or half a message: it
     * is to be closed (the server ends its transaction), not used.
     */
    boolean endedCleanly() {
        return ended;
    }

    /**
     * Cancels a COPY still sending (a preview, a stopped run): the server is asked to stop it, and
     * the driver lets the connection go (it can be closed; nothing more is read from it).
     */
    void cancel() throws SQLException {
        if (ended) {
            return;
        }
        stopped = true;
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** A connection failure, as pgjdbc reports it; the COPY is cancelled so the driver lets the connection go. */
    private SQLException failed(IOException e) {
        pending = -1;
        stopped = true;
        SQLException failure = new PSQLException("Database connection failed when reading from copy", PSQLState.CONNECTION_FAILURE, e);
        try {
            cancel();
        } catch (SQLException | RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    /** The connection's protocol stream, or {@code null} when this driver does not give it. */
    static PGStream stream(Connection connection) throws SQLException {
        if (STREAM == null) {
            return null;
        }
        QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        if (!(executor instanceof QueryExecutorBase)) {
            return null;
        }
        try {
            return (PGStream) STREAM.get(executor);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Field streamField() {
        try {
            Field f = QueryExecutorBase.class.getDeclaredField("pgStream");
            if (!PGStream.class.isAssignableFrom(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
