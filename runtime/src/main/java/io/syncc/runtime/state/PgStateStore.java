package io.syncc.runtime.state;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.spi.Sink.SplitCommit;
import io.syncc.runtime.util.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Run state kept in the target database, beside the rows it describes, so a split's rows and its
 * checkpoint commit in one transaction. Two tables in the sink's schema:
 *
 * <ul>
 *   <li>{@value #RUNS}: one row per job and parameter values ({@code run_key}): which run owns it
 *       ({@code run_id}), its status, the split plan and mapping it was started with, the identity of
 *       the table it writes (to notice a TRUNCATE or a dropped table before resuming), the staging
 *       table of an overwrite;</li>
 *   <li>{@value #SPLITS}: one row per committed split of an unfinished run, with its counts.</li>
 * </ul>
 *
 * <p><b>Fencing.</b> A run takes ownership of its row ({@link #claim}); every split commit
 * ({@link #commitSplit}) first updates that row <em>where the owner is still this run</em> and then
 * inserts the split's row under a primary key. If another run took over (for example after this
 * run's lock connection was lost), the update finds nothing and the split rolls back; if a split was
 * already committed, the insert fails and the split rolls back. So a split commits at most once,
 * whatever happens to any connection. Taking over waits for split commits in flight (row lock).
 */
public final class PgStateStore {

    /** Table of runs (one row per job and parameter values). */
    public static final String RUNS = "_syncc_run";
    /** Table of committed splits of unfinished runs. */
    public static final String SPLITS = "_syncc_split";

    private final String schema;
    private final String runs;
    private final String splits;
    private final String job;
    private final String runKey;
    private final String runId;

    /**
     * @param schema the sink's schema (the state tables live beside the target)
     * @param runKey the job's parameter values, hashed: one run row per job and key
     * @param runId  this run's id (owner of the run row while it runs)
     */
    public PgStateStore(String schema, String job, String runKey, String runId) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.runs = Sql.qualified(schema, RUNS);
        this.splits = Sql.qualified(schema, SPLITS);
        this.job = Objects.requireNonNull(job, "job");
        this.runKey = Objects.requireNonNull(runKey, "runKey");
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    public String runId() {
        return runId;
    }

    /** Creates the state tables if missing (autocommit connection). */
    public void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + runs + " (job text NOT NULL, run_key text NOT NULL, params text NOT NULL,"
                    + " run_id text NOT NULL, status text NOT NULL, split_plan text NOT NULL, mapping text NOT NULL,"
                    + " target text NOT NULL, target_identity text, staging text, attempts int NOT NULL DEFAULT 1,"
                    + " started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (job, run_key))");
            s.execute("CREATE TABLE IF NOT EXISTS " + splits + " (job text NOT NULL, run_key text NOT NULL, split_id text NOT NULL,"
                    + " run_id text NOT NULL, rows_read bigint NOT NULL, rows_written bigint NOT NULL, dirty_rows bigint NOT NULL,"
                    + " bytes_read bigint NOT NULL, dirty_file text, signature text, committed_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (job, run_key, split_id))");
            addMissing(c, SPLITS, ADDED_SPLIT_COLUMNS);
        }
    }

    /**
     * Columns added to the state tables after their first release, with their types: tables made by
     * an earlier syncc get them (only when missing, so a current table is never locked for it).
     */
    private static final Map<String, String> ADDED_SPLIT_COLUMNS = Map.of("signature", "text");

    private void addMissing(Connection c, String table, Map<String, String> columns) throws SQLException {
        java.util.Set<String> present = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?)"
                + " AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, String> col : new java.util.TreeMap<>(columns).entrySet()) {
            if (!present.contains(col.getKey())) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + Sql.qualified(schema, table) + " ADD COLUMN IF NOT EXISTS " + Sql.quoteIdent(col.getKey())
                            + " " + col.getValue());
                }
            }
        }
    }

    /** The run row as found by {@link #claim}: what an earlier, unfinished run left. */
    public record Previous(String runId, String status, String splitPlan, String mapping, String target, String targetIdentity,
                           String staging, String startedAt, Map<String, SplitCommit> committed) {

        public long rowsWritten() {
            return committed.values().stream().mapToLong(SplitCommit::rowsWritten).sum();
        }
    }

    /** What {@link #claim} needs to know of this run. */
    public record Start(String params, String splitPlan, String mapping, String target, String staging) {
    }

    /**
     * Decides, under the run row's lock, whether the earlier run's committed splits may be resumed,
     * and makes this run the owner. {@code decide} sees what an earlier unfinished run left (or
     * {@code null}) and returns whether to resume it; it throws a {@link SyncException} to refuse.
     *
     * @return the committed splits being resumed (empty when starting afresh)
     */
    public Map<String, SplitCommit> claim(Connection c, Start start, Decision decide) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Previous previous = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, status, split_plan, mapping, target, target_identity, staging,"
                    + " to_char(started_at, 'YYYY-MM-DD HH24:MI:SS') FROM " + runs + " WHERE job = ? AND run_key = ? FOR UPDATE")) {
                ps.setString(1, job);
                ps.setString(2, runKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        previous = new Previous(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), committed(c));
                    }
                }
            }
            boolean unfinished = previous != null && !previous.status().equals("succeeded") && !previous.committed().isEmpty();
            boolean resume = decide.resume(unfinished ? previous : null);
            Map<String, SplitCommit> committed = resume ? previous.committed() : Map.of();
            if (!resume) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + splits + " WHERE job = ? AND run_key = ?")) {
                    ps.setString(1, job);
                    ps.setString(2, runKey);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + runs + " (job, run_key, params, run_id, status, split_plan,"
                    + " mapping, target, staging) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?) ON CONFLICT (job, run_key) DO UPDATE SET"
                    + " params = EXCLUDED.params, run_id = EXCLUDED.run_id, status = 'running', split_plan = EXCLUDED.split_plan,"
                    + " mapping = EXCLUDED.mapping, target = EXCLUDED.target, staging = EXCLUDED.staging, updated_at = now(),"
                    + " attempts = CASE WHEN ? THEN " + runs + ".attempts + 1 ELSE 1 END,"
                    + " started_at = CASE WHEN ? THEN " + runs + ".started_at ELSE now() END,"
                    + " target_identity = CASE WHEN ? THEN " + runs + ".target_identity ELSE NULL END")) {
                ps.setString(1, job);
                ps.setString(2, runKey);
                ps.setString(3, start.params());
                ps.setString(4, runId);
                ps.setString(5, start.splitPlan());
                ps.setString(6, start.mapping());
                ps.setString(7, start.target());
                ps.setString(8, start.staging());
                ps.setBoolean(9, resume);
                ps.setBoolean(10, resume);
                ps.setBoolean(11, resume);
                ps.executeUpdate();
            }
            c.commit();
            return committed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Decides whether to resume an earlier unfinished run ({@code null}: there is none). */
    @FunctionalInterface
    public interface Decision {
        boolean resume(Previous previous) throws SQLException;
    }

    private Map<String, SplitCommit> committed(Connection c) throws SQLException {
        Map<String, SplitCommit> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT split_id, rows_read, rows_written, dirty_rows, bytes_read, dirty_file, run_id,"
                + " signature FROM " + splits + " WHERE job = ? AND run_key = ? ORDER BY committed_at, split_id")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new SplitCommit(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
                            rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * Records the identity of the table the run writes once its first split is about to commit
     * (kept from the run that started the work): a later resume compares it.
     */
    public void recordTargetIdentity(Connection c, String identity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET target_identity = ? WHERE job = ? AND run_key = ?"
                + " AND run_id = ? AND target_identity IS NULL")) {
            ps.setString(1, identity);
            ps.setString(2, job);
            ps.setString(3, runKey);
            ps.setString(4, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Inside the transaction that holds a split's rows: checks this run still owns the run row and
     * records the split. Either throws (and the caller rolls back), or the caller commits both.
     *
     * @throws SyncException when another run took over, or when the split was already committed
     */
    public void commitSplit(Connection c, String splitId, SplitCommit counts) throws SQLException {
        fence(c, "split " + splitId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + splits + " (job, run_key, split_id, run_id, rows_read,"
                + " rows_written, dirty_rows, bytes_read, dirty_file, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.setString(3, splitId);
            ps.setString(4, runId);
            ps.setLong(5, counts.rowsRead());
            ps.setLong(6, counts.rowsWritten());
            ps.setLong(7, counts.dirtyRows());
            ps.setLong(8, counts.bytesRead());
            ps.setString(9, counts.dirtyFile());
            ps.setString(10, counts.signature());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "job " + job + ": split " + splitId + " was already committed by another run; this run stopped"
                        + " without committing it again");
            }
            throw e;
        }
    }

    /** The split's counts when this run committed it (autocommit connection). */
    public java.util.Optional<SplitCommit> committedByThisRun(Connection c, String splitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rows_read, rows_written, dirty_rows, bytes_read, dirty_file, signature FROM " + splits
                + " WHERE job = ? AND run_key = ? AND split_id = ? AND run_id = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.setString(3, splitId);
            ps.setString(4, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new SplitCommit(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), runId, rs.getString(6))) : java.util.Optional.empty();
            }
        }
    }

    /** Inside the final transaction: checks ownership, marks the run succeeded and forgets its splits. */
    public void finish(Connection c) throws SQLException {
        fence(c, "the final commit");
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET status = 'succeeded', staging = NULL, updated_at = now()"
                + " WHERE job = ? AND run_key = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + splits + " WHERE job = ? AND run_key = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.executeUpdate();
        }
    }

    /** Marks the run failed, if this run still owns it (best effort, autocommit). */
    public void failed(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET status = 'failed', updated_at = now()"
                + " WHERE job = ? AND run_key = ? AND run_id = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.setString(3, runId);
            ps.executeUpdate();
        } catch (SQLException ignored) {
            // the connection is gone; the row stays 'running' and the next run takes it over
        }
    }

    private void fence(Connection c, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET updated_at = now() WHERE job = ? AND run_key = ?"
                + " AND run_id = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.setString(3, runId);
            if (ps.executeUpdate() != 1) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "job " + job + ": another run of the same job and parameters took over (this run's lock"
                        + " connection was lost, or its state was cleaned); this run stopped before " + what + ", which it did not commit");
            }
        }
    }

    // ---- inspection (syncc state list / clean) ---------------------------------------------------

    /** One row of {@code syncc state list}. */
    public record RunInfo(String schema, String job, String runKey, String params, String status, String runId, String target,
                          String staging, int attempts, String startedAt, String updatedAt, long splits, long rowsWritten,
                          long dirtyRows) {
    }

    /** The runs recorded in {@code schema} (none when the state tables do not exist). */
    public static List<RunInfo> list(Connection c, String schema) throws SQLException {
        List<RunInfo> out = new ArrayList<>();
        if (!exists(c, schema, RUNS)) {
            return out;
        }
        String r = Sql.qualified(schema, RUNS);
        String s = Sql.qualified(schema, SPLITS);
        try (PreparedStatement ps = c.prepareStatement("SELECT r.job, r.run_key, r.params, r.status, r.run_id, r.target, r.staging,"
                + " r.attempts, to_char(r.started_at, 'YYYY-MM-DD HH24:MI:SS'), to_char(r.updated_at, 'YYYY-MM-DD HH24:MI:SS'),"
                + " count(s.split_id), coalesce(sum(s.rows_written), 0), coalesce(sum(s.dirty_rows), 0)"
                + " FROM " + r + " r LEFT JOIN " + s + " s ON s.job = r.job AND s.run_key = r.run_key"
                + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ORDER BY r.job, r.updated_at")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunInfo(schema, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getLong(11),
                            rs.getLong(12), rs.getLong(13)));
                }
            }
        }
        return out;
    }

    /**
     * Forgets an unfinished run: drops its staging table and deletes its state rows, in one
     * transaction. Rows an append run committed stay in the target (they are reported).
     *
     * @return false when the run is not recorded
     */
    public static boolean forget(Connection c, RunInfo run) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            if (run.staging() != null) {
                st.execute("DROP TABLE IF EXISTS " + Sql.qualified(run.schema(), run.staging()));
            }
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Sql.qualified(run.schema(), RUNS) + " WHERE job = ? AND run_key = ?")) {
                ps.setString(1, run.job());
                ps.setString(2, run.runKey());
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Sql.qualified(run.schema(), SPLITS) + " WHERE job = ? AND run_key = ?")) {
                ps.setString(1, run.job());
                ps.setString(2, run.runKey());
                ps.executeUpdate();
            }
            c.commit();
            return n > 0;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Staging tables ({@code _syncc_stage_*}) in {@code schema} that no recorded run owns. */
    public static List<String> orphanStaging(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        boolean runsExist = exists(c, schema, RUNS);
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname LIKE '\\_syncc\\_stage\\_%'"
                + (runsExist ? " AND c.relname NOT IN (SELECT staging FROM " + Sql.qualified(schema, RUNS) + " WHERE staging IS NOT NULL)" : "")
                + " ORDER BY 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Whether {@code schema.table} exists (the state tables are made by the first run that needs them). */
    static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) != null;
            }
        }
    }

    public String schema() {
        return schema;
    }
}
