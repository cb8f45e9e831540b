package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.CopyEncoder;
import io.syncc.runtime.codegen.InsertBinder;
import io.syncc.runtime.codegen.RowRenderer;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.SinkWriter;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.state.PgStateStore;
import io.syncc.runtime.state.PgWatermarks;
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
 * split that also records the split in the run state ({@link PgStateStore}, fenced by run ownership). Overwrite
 * loads into a persistent staging table (resumable the same way) and {@link #commit()} replaces the
 * target's rows with it in one transaction, so readers see the old rows until that commit and any
 * failure leaves them untouched.
 */
public final class PostgresSink<T> implements Sink<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

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
    /** {@code schema.table} for messages. */
    final String display;
    final String writeTable;
    final List<String> columns;
    private final String stageName;
    final boolean hologres;
    private Connection admin;
    private boolean resuming;
    /** The watermark this run advances at its commit, or {@code null}. */
    private io.syncc.runtime.spi.Watermark advance;
    PgStateStore state;

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
        this.display = plan.schema() + "." + plan.table();
        this.hologres = "hologres".equalsIgnoreCase(plan.datasource().type());
        this.stageName = stagingName(plan.table(), job, runKey);
        this.writeTable = plan.mode() == SinkPlan.LoadMode.OVERWRITE ? Sql.qualified(plan.schema(), stageName) : target;
        this.columns = plan.columns().stream().map(SinkColumn::name).toList();
        if ((plan.conflict() == SinkPlan.ConflictStrategy.REPLACE || plan.conflict() == SinkPlan.ConflictStrategy.IGNORE)
                && plan.primaryKey().isEmpty()) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "sink " + plan.schema() + "." + plan.table() + ": on conflict "
                    + plan.conflict().name().toLowerCase() + " needs a primary key, and the table has none");
        }
        if (plan.write() == SinkPlan.WriteMethod.COPY && encoder == null) {
            throw new SyncException(SyncException.Kind.INTERNAL, "the generated job has no COPY encoder");
        }
        if (plan.write() == SinkPlan.WriteMethod.INSERT && binder == null) {
            throw new SyncException(SyncException.Kind.INTERNAL, "the generated job has no INSERT binder");
        }
    }

    @Override
    public Map<String, SplitCommit> begin(RunStart start) throws SQLException {
        admin = connections.open();
        admin.setAutoCommit(true);
        try (Statement s = admin.createStatement()) {
            s.execute("SET application_name = 'syncc lock'");
        }
        try (PreparedStatement ps = admin.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "syncc:" + job + ":" + runKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new SyncException(SyncException.Kind.CONFIGURATION, "job " + job + " is already running with the same parameters (it holds the lock in datasource '"
                            + connections.name() + "')");
                }
            }
        }
        if (!exists(admin, plan.schema(), plan.table())) {
            if (plan.createTable() == null) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "sink table " + plan.schema() + "." + plan.table() + " does not exist in datasource '"
                        + connections.name() + "' (add `create if missing` to create it)");
            }
            LOG.info("creating {}", target);
            try (Statement s = admin.createStatement()) {
                s.execute(plan.createTable());
            }
        }
        state = new PgStateStore(plan.schema(), job, runKey, start.runId());
        state.createTables(admin);
        boolean overwrite = plan.mode() == SinkPlan.LoadMode.OVERWRITE;
        Map<String, SplitCommit> committed = state.claim(admin, new PgStateStore.Start(paramsText(), start.splitPlan(), start.mapping(),
                display, overwrite ? stageName : null), previous -> new ResumePolicy(this, start, admin).decide(previous));
        resuming = !committed.isEmpty();
        if (start.advance() != null) {
            PgWatermarks marks = watermarks();
            marks.createTable(admin);
            marks.recordPending(admin, start.advance(), start.runId());
            advance = start.advance();
        }
        if (overwrite && !resuming) {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + writeTable);
                s.execute("CREATE TABLE " + writeTable + " (LIKE " + target + " INCLUDING ALL)");
                s.execute("COMMENT ON TABLE " + writeTable + " IS " + Sql.quoteLiteral("syncc staging table of job " + job
                        + " (" + paramsText() + ") for " + target + "; dropped when the run commits; `syncc state clean` removes it"));
            }
        }
        if (!resuming) {
            state.recordTargetIdentity(admin, identity(admin, writeTable));
            for (SqlText sql : plan.before()) {
                Sql.execute(admin, sql, params);
            }
        } else {
            LOG.info("resuming {}: {} splits already committed", job, committed.size());
        }
        return committed;
    }

    /** The parameter values of this run as people write them: {@code bizdate=20260101, region=eu}. */
    String paramsText() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.length() == 0 ? "no parameters" : b.toString();
    }

    /**
     * What a TRUNCATE, a dropped and re-created table or a rewrite (VACUUM FULL, CLUSTER, ALTER
     * TYPE) changes: the table's oid and the storage files of it and its partitions.
     */
    static String identity(Connection c, String table) throws SQLException {
        // pg_partition_tree lists the partitions of a partitioned table (nothing for a plain one)
        try (PreparedStatement ps = c.prepareStatement("SELECT r::oid::bigint || ':' || coalesce(pg_relation_filenode(r)::text, '-')"
                + " || coalesce((SELECT ',' || string_agg(coalesce(pg_relation_filenode(relid)::text, '-'), ',' ORDER BY relid::oid)"
                + " FROM pg_partition_tree(r)), '') FROM (SELECT to_regclass(?) AS r) t")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                return null; // a server without pg_partition_tree: identity not checked
            }
            throw e;
        }
    }

    /**
     * {@code _syncc_stage_<table>_<hash>}: a person sees which table it stages; the hash (of job and
     * parameter values) keeps runs with other parameters apart. At most 63 bytes, PostgreSQL's limit.
     */
    static String stagingName(String table, String job, String runKey) {
        String hash = io.syncc.runtime.util.Hashing.sha(job + "\0" + runKey).substring(0, 8);
        String t = table;
        while (("_syncc_stage_" + t + "_" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
        }
        return "_syncc_stage_" + t + "_" + hash;
    }

    String stageName() {
        return stageName;
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
    public java.util.Optional<SplitCommit> committedByThisRun(String splitId) throws SQLException {
        try (Connection c = connections.open()) {
            return state.committedByThisRun(c, splitId);
        }
    }

    @Override
    public java.util.Optional<io.syncc.runtime.spi.Watermark> watermark() throws SQLException {
        try (Connection c = connections.open()) {
            return watermarks().read(c);
        }
    }

    private PgWatermarks watermarks() {
        return new PgWatermarks(plan.schema(), job, display);
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
            if (advance != null) {
                watermarks().advance(admin, advance, state.runId());
            }
            state.finish(admin);
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
        if (state != null && admin != null) {
            state.failed(admin);
        }
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
