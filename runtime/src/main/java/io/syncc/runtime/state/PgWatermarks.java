package io.syncc.runtime.state;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.spi.Watermark;
import io.syncc.runtime.util.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * Incremental jobs' high watermarks, kept in table {@value #TABLE} of the sink's schema (beside
 * {@link PgStateStore}'s tables), one row per job and target table. A run records the upper bound
 * it reads up to as {@code pending} before its first split commits; the final transaction of the
 * run, the one that publishes its rows, makes it the {@code value}. So the watermark never passes
 * a row that is not committed, and a failed run's range is finished by the next one.
 */
public final class PgWatermarks {

    /** Table of watermarks (one row per job and target). */
    public static final String TABLE = "_syncc_watermark";

    private final String schema;
    private final String table;
    private final String job;
    private final String target;

    /**
     * @param schema the sink's schema
     * @param target the table written, as people read it ({@code schema.table})
     */
    public PgWatermarks(String schema, String job, String target) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = Sql.qualified(schema, TABLE);
        this.job = Objects.requireNonNull(job, "job");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Creates the table if missing (autocommit connection). */
    public void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (job text NOT NULL, target text NOT NULL, column_name text NOT NULL,"
                    + " value text, pending text, pending_run text, updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (job, target))");
        }
    }

    /** The job's watermark for the target; empty when none is kept (or the table does not exist). */
    public Optional<Watermark> read(Connection c) throws SQLException {
        if (!PgStateStore.exists(c, schema, TABLE)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, value, pending FROM " + table + " WHERE job = ? AND target = ?")) {
            ps.setString(1, job);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Watermark(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /**
     * Records the bound run {@code runId} reads up to ({@code next.pending()}), before any of its rows
     * commit. A watermark kept for another column is replaced (the run reads from the start then).
     */
    public void recordPending(Connection c, Watermark next, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " AS w (job, target, column_name, value, pending, pending_run)"
                + " VALUES (?, ?, ?, NULL, ?, ?) ON CONFLICT (job, target) DO UPDATE SET pending = EXCLUDED.pending,"
                + " pending_run = EXCLUDED.pending_run, updated_at = now(), column_name = EXCLUDED.column_name,"
                + " value = CASE WHEN w.column_name = EXCLUDED.column_name THEN w.value END")) {
            ps.setString(1, job);
            ps.setString(2, target);
            ps.setString(3, next.column());
            ps.setString(4, next.pending());
            ps.setString(5, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Inside the transaction that publishes the run's rows: the pending bound becomes the watermark.
     *
     * @throws SyncException when another run changed the pending bound meanwhile (the caller rolls
     *                       back; the run's state fencing normally stops that earlier)
     */
    public void advance(Connection c, Watermark next, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET value = pending, pending = NULL, pending_run = NULL,"
                + " updated_at = now() WHERE job = ? AND target = ? AND column_name = ? AND pending = ? AND pending_run = ?")) {
            ps.setString(1, job);
            ps.setString(2, target);
            ps.setString(3, next.column());
            ps.setString(4, next.pending());
            ps.setString(5, runId);
            if (ps.executeUpdate() != 1) {
                throw SyncException.configuration("job " + job + ": the watermark for " + target + " was changed by another run;"
                        + " this run stopped before its final commit, which it did not make");
            }
        }
    }

    /** One row of {@code syncc state list}: a job's watermark for a target. */
    public record Kept(String job, String target, String column, String value, String pending, String updatedAt) {
    }

    /** The watermarks kept in {@code schema} (none when the table does not exist). */
    public static java.util.List<Kept> list(Connection c, String schema) throws SQLException {
        java.util.List<Kept> out = new java.util.ArrayList<>();
        if (!PgStateStore.exists(c, schema, TABLE)) {
            return out;
        }
        String table = Sql.qualified(schema, TABLE);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT job, target, column_name, value, pending,"
                + " to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') FROM " + table + " ORDER BY job, target")) {
            while (rs.next()) {
                out.add(new Kept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }

    /** Forgets the job's watermark ({@code syncc state clean}-style use and tests); true when there was one. */
    public boolean forget(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job = ? AND target = ?")) {
            ps.setString(1, job);
            ps.setString(2, target);
            return ps.executeUpdate() > 0;
        }
    }
}
