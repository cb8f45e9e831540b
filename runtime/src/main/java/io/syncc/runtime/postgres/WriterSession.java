package io.syncc.runtime.postgres;

import io.syncc.runtime.spi.SyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The server session of a writer, as {@code pg_stat_activity} names it: its backend's process id
 * and start time (so a process id the server gave to another session later is never mistaken for
 * it). When the reply to a split's COMMIT is lost, the session that sent it may still be
 * committing — waiting for a synchronous standby, a slow disk, a deferred trigger — and the run
 * state would not show the split yet. {@link #end} ends that session and waits until it is gone (or
 * idle: its transaction over), so that the run state's answer is final: a commit it was in is then
 * done or undone.
 */
record WriterSession(int pid, String started) {

    /** How long {@link #end} waits for the session to go or be idle. */
    static final long END_WAIT_MILLIS = 30_000;

    /** The session of {@code c}; {@code null} when the server does not say (the state is then read as it is). */
    static WriterSession of(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, extract(epoch FROM backend_start)::text FROM pg_stat_activity"
                + " WHERE pid = pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(2) != null ? new WriterSession(rs.getInt(1), rs.getString(2)) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The session, while it may still be committing: the same process and start time, still a syncc
     * writer (behind a connection pooler the server connection may serve another client now), and
     * not idle (an idle session has finished its transaction: committed or rolled back).
     */
    private static final String STILL_AT_IT = "FROM pg_stat_activity WHERE pid = ? AND extract(epoch FROM backend_start)::text = ?"
            + " AND application_name = 'syncc writer' AND state <> 'idle'";

    /**
     * Ends the session if it may still be committing, and waits until it is gone or idle.
     *
     * @param c another connection to the same server, in autocommit
     * @throws SyncException (transient) when it is still at it after {@link #END_WAIT_MILLIS}: whether
     *                       its commit happened cannot be told yet
     */
    void end(Connection c, String splitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) " + STILL_AT_IT)) {
            bind(ps);
            ps.executeQuery().close();
        } catch (SQLException refused) {
            // not allowed to end it (another role): wait for it instead
        }
        long deadline = System.nanoTime() + END_WAIT_MILLIS * 1_000_000;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 " + STILL_AT_IT)) {
            bind(ps);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SyncException(SyncException.Kind.TRANSIENT, "cannot tell whether split " + splitId + " committed: the"
                            + " session that sent its commit (server process " + pid + ") still runs after "
                            + END_WAIT_MILLIS / 1000 + " s");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SyncException(SyncException.Kind.CANCELLED, "interrupted while waiting for the session that sent"
                            + " split " + splitId + "'s commit to end");
                }
            }
        }
    }

    private void bind(PreparedStatement ps) throws SQLException {
        ps.setInt(1, pid);
        ps.setString(2, started);
    }
}
