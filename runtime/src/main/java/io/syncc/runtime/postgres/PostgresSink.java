package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.CopyEncoder;
import io.syncc.runtime.codegen.InsertBinder;
import io.syncc.runtime.codegen.RowRenderer;
import io.syncc.runtime.exec.JobFailure;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.SinkWriter;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL (and Hologres) sink. Appends write straight into the target, one transaction per
 * split that also records the split's checkpoint in {@code <schema>._syncc_checkpoint}. Overwrite
 * loads into a persistent staging table (resumable the same way) and {@link #commit()} replaces the
 * target's rows with it in one transaction, so readers see the old rows until that commit and any
 * failure leaves them untouched.
 */
public final class PostgresSink<T> implements Sink<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    public static final String CHECKPOINT_TABLE = "_syncc_checkpoint";

    final SinkPlan plan;
    final PgConnections connections;
    final String job;
    final String runKey;
    final Map<String, String> params;
    final CopyEncoder<T> encoder;
    final InsertBinder<T> binder;
    final Supplier<T> newRow;
    final RowRenderer<T> renderer;
    final DirtyListener dirty;
    final String target;
    final String writeTable;
    final String checkpointTable;
    final List<String> columns;
    private final String stageName;
    final boolean hologres;
    private Connection admin;
    private boolean resuming;

    public PostgresSink(SinkPlan plan, PgConnections connections, String job, String runKey, Map<String, String> params,
                        CopyEncoder<T> encoder, InsertBinder<T> binder, Supplier<T> newRow, RowRenderer<T> renderer,
                        DirtyListener dirty) {
        this.plan = plan;
        this.connections = connections;
        this.job = job;
        this.runKey = runKey;
        this.params = params;
        this.encoder = encoder;
        this.binder = binder;
        this.newRow = newRow;
        this.renderer = renderer;
        this.dirty = dirty;
        this.target = Sql.qualified(plan.schema(), plan.table());
        this.hologres = "hologres".equalsIgnoreCase(plan.datasource().flavor());
        this.stageName = "_syncc_stage_" + io.syncc.runtime.util.Hashing.sha(job + "\0" + runKey).substring(0, 12);
        this.writeTable = plan.mode() == SinkPlan.LoadMode.OVERWRITE ? Sql.qualified(plan.schema(), stageName) : target;
        this.checkpointTable = Sql.qualified(plan.schema(), CHECKPOINT_TABLE);
        this.columns = plan.columns().stream().map(SinkColumn::name).toList();
        if ((plan.conflict() == SinkPlan.ConflictStrategy.REPLACE || plan.conflict() == SinkPlan.ConflictStrategy.IGNORE)
                && plan.primaryKey().isEmpty()) {
            throw new JobFailure("sink " + plan.schema() + "." + plan.table() + ": on conflict "
                    + plan.conflict().name().toLowerCase() + " needs a primary key, and the table has none");
        }
        if (plan.write() == SinkPlan.WriteMethod.COPY && encoder == null) {
            throw new JobFailure("the generated job has no COPY encoder");
        }
        if (plan.write() == SinkPlan.WriteMethod.INSERT && binder == null) {
            throw new JobFailure("the generated job has no INSERT binder");
        }
    }

    @Override
    public Map<String, SplitCommit> begin(String fingerprint, boolean fresh) throws SQLException {
        admin = connections.open();
        admin.setAutoCommit(true);
        try (PreparedStatement ps = admin.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "syncc:" + job + ":" + runKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new JobFailure("job " + job + " is already running with the same parameters (it holds the lock in datasource '"
                            + connections.name() + "')");
                }
            }
        }
        if (!exists(admin, plan.schema(), plan.table())) {
            if (plan.createTable() == null) {
                throw new JobFailure("sink table " + plan.schema() + "." + plan.table() + " does not exist in datasource '"
                        + connections.name() + "' (add `create if missing` to create it)");
            }
            LOG.info("creating {}", target);
            try (Statement s = admin.createStatement()) {
                s.execute(plan.createTable());
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + checkpointTable + " (job text NOT NULL, run_key text NOT NULL, "
                    + "split_id text NOT NULL, rows_read bigint, rows_written bigint, dirty_rows bigint, bytes_read bigint, "
                    + "plan text, committed_at timestamptz DEFAULT now(), PRIMARY KEY (job, run_key, split_id))");
        }
        boolean overwrite = plan.mode() == SinkPlan.LoadMode.OVERWRITE;
        if (overwrite && !fresh && !exists(admin, plan.schema(), stageName)) {
            fresh = true; // nothing staged: checkpoints (if any) cannot be resumed
        }
        Map<String, SplitCommit> committed = new HashMap<>();
        if (fresh) {
            clearCheckpoints(admin);
        } else {
            String previousPlan = null;
            try (PreparedStatement ps = admin.prepareStatement("SELECT split_id, rows_read, rows_written, dirty_rows, bytes_read, plan FROM "
                    + checkpointTable + " WHERE job = ? AND run_key = ?")) {
                ps.setString(1, job);
                ps.setString(2, runKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).isEmpty()) {
                            previousPlan = rs.getString(6);
                        } else {
                            committed.put(rs.getString(1), new SplitCommit(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                        }
                    }
                }
            }
            if (previousPlan != null && !previousPlan.equals(fingerprint) && !committed.isEmpty()) {
                throw new JobFailure("cannot resume job " + job + ": the source's split plan changed since the failed run "
                        + "(" + committed.size() + " splits were committed); re-run with --fresh to start over");
            }
            if (previousPlan != null && !previousPlan.equals(fingerprint)) {
                clearCheckpoints(admin);
            }
        }
        resuming = !committed.isEmpty();
        try (PreparedStatement ps = admin.prepareStatement("INSERT INTO " + checkpointTable
                + " (job, run_key, split_id, plan) VALUES (?, ?, '', ?) ON CONFLICT (job, run_key, split_id) DO NOTHING")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.setString(3, fingerprint);
            ps.executeUpdate();
        }
        if (overwrite && !resuming) {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + writeTable);
                s.execute("CREATE TABLE " + writeTable + " (LIKE " + target + " INCLUDING ALL)");
            }
        }
        if (!resuming) {
            for (SqlText sql : plan.before()) {
                Sql.execute(admin, sql, params);
            }
        } else {
            LOG.info("resuming {}: {} splits already committed", job, committed.size());
        }
        return committed;
    }

    private void clearCheckpoints(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + checkpointTable + " WHERE job = ? AND run_key = ?")) {
            ps.setString(1, job);
            ps.setString(2, runKey);
            ps.executeUpdate();
        }
    }

    static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) != null;
            }
        }
    }

    /**
     * Hologres runs a transaction with several DML statements only with this session setting
     * (its "mixed DML transactions"); PostgreSQL needs nothing.
     */
    void prepareSession(Connection c) throws SQLException {
        if (hologres) {
            try (Statement s = c.createStatement()) {
                s.execute("SET hg_experimental_enable_transaction = on");
            }
        }
    }

    @Override
    public SinkWriter<T> openWriter() throws SQLException {
        return new PostgresSinkWriter<>(this);
    }

    @Override
    public void commit() throws SQLException {
        prepareSession(admin);
        admin.setAutoCommit(false);
        try (Statement s = admin.createStatement()) {
            if (plan.mode() == SinkPlan.LoadMode.OVERWRITE) {
                String cols = Sql.identList(columns);
                if (!hologres) {
                    // keeps concurrent writers out of the swap; readers are not blocked
                    s.execute("LOCK TABLE " + target + " IN SHARE ROW EXCLUSIVE MODE");
                }
                s.executeUpdate("DELETE FROM " + target);
                s.executeUpdate("INSERT INTO " + target + " (" + cols + ") SELECT " + cols + " FROM " + writeTable);
            }
            for (SqlText sql : plan.after()) {
                Sql.execute(admin, sql, params);
            }
            clearCheckpoints(admin);
            if (plan.mode() == SinkPlan.LoadMode.OVERWRITE) {
                s.execute("DROP TABLE " + writeTable);
            }
            admin.commit();
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(true);
        }
    }

    @Override
    public void abort() {
        // committed splits (and the staging table) stay for a resumed run; the target is untouched
    }

    @Override
    public void close() {
        if (admin != null) {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
