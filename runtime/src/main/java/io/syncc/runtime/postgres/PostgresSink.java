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
    /** Where the writers write: the target, its staging table (overwrite), or the child of a fixed partition. */
    String writeTable;
    /** The partitions of a list-partitioned target written by {@code partition key [= value]}, or {@code null}. */
    final ListPartitions partitions;
    /** The fixed partition's value for this run ({@code partition key = "${bizdate}"}), or {@code null}. */
    String partitionValue;
    /** The fixed partition's child when it exists (found at begin, replaced by an overwrite), or {@code null}. */
    private String partitionChild;
    /** A connection of its own that makes children as rows route to them (autocommit; opened on first need). */
    private Connection ddl;
    /** Whether rows are routed by their partition key to children made as new values arrive ({@code partition key} without a value). */
    boolean routesToNewPartitions() {
        return partitions != null && partitionValue == null;
    }

    /** Values routed partitions were made or found for. */
    private final java.util.Set<String> routedValues = new java.util.HashSet<>();
    private boolean routedNull;
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
        this.partitions = plan.partition() == null ? null : new ListPartitions(plan.schema(), plan.table(), plan.partition().key(), hologres);
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
        for (SinkColumn c : plan.addColumns()) {
            // add missing columns: what the source has and the table lacks (NULL in the rows already there)
            LOG.info("adding column {} {} to {}", c.name(), c.type().sql(), display);
            try (Statement s = admin.createStatement()) {
                s.execute("ALTER TABLE " + target + " ADD COLUMN IF NOT EXISTS " + Sql.quoteIdent(c.name()) + " " + c.type().sql());
            }
        }
        if (partitions != null) {
            choosePartition();
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
                if (partitionValue != null) {
                    // the partition's constraint, so a row of another partition is a dirty row now and
                    // ATTACH at the commit can skip its scan of the new child
                    String k = Sql.quoteIdent(plan.partition().key());
                    s.execute("ALTER TABLE " + writeTable + " ADD CONSTRAINT " + Sql.quoteIdent(PARTITION_CHECK) + " CHECK ("
                            + k + " IS NOT NULL AND " + k + " = CAST(" + ListPartitions.literal(admin, partitionValue) + " AS "
                            + partitions.keyType() + "))");
                }
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

    /** Name of the constraint that holds an overwrite's staging table to its partition. */
    static final String PARTITION_CHECK = "_syncc_partition";

    /**
     * A partitioned target: checks it is partitioned by LIST on the key; for a fixed partition,
     * appends go straight into its child (made now when missing, so rows of another value are
     * dirty rows by the child's partition constraint) and an overwrite remembers the child it replaces.
     */
    private void choosePartition() throws SQLException {
        partitions.requireListPartitioned(admin, connections.name());
        if (plan.partition().value() == null) {
            return;
        }
        partitionValue = io.syncc.runtime.files.Partitions.substitute(plan.partition().value(), params);
        if (plan.mode() == SinkPlan.LoadMode.OVERWRITE) {
            partitionChild = partitions.childFor(admin, partitionValue).orElse(null);
        } else {
            partitionChild = partitions.create(admin, partitionValue);
            writeTable = Sql.qualified(plan.schema(), partitionChild);
            LOG.info("writing partition {} = {} of {}: {}", plan.partition().key(), partitionValue, display, partitionChild);
        }
    }

    /**
     * Rows a writer could not place because no partition holds their value: makes the missing
     * children (each once, on a connection of its own that commits at once, so no writer's open
     * transaction waits for it or it for them).
     *
     * @param values the partition key values of the rows (as text; {@code null} for NULL)
     * @return whether a child was made (the rows are worth sending again)
     */
    synchronized boolean routeTo(java.util.Collection<String> values) throws SQLException {
        boolean made = false;
        for (String v : values) {
            if (v == null ? routedNull : routedValues.contains(v)) {
                continue;
            }
            if (ddl == null) {
                ddl = connections.open();
                ddl.setAutoCommit(true);
            }
            boolean existed = partitions.childFor(ddl, v).isPresent();
            String child = partitions.create(ddl, v);
            if (!existed) {
                LOG.info("created partition {} of {} for {} = {}", child, display, plan.partition().key(), v);
                made = true;
            }
            if (v == null) {
                routedNull = true;
            } else {
                routedValues.add(v);
            }
        }
        return made;
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
            WriterSession sent = committing.remove(splitId);
            if (sent != null) {
                sent.end(c, splitId); // a commit still under way is done or undone before the state is read
                LOG.debug("{}: the session that sent split {}'s commit (server process {}) has ended", display, splitId, sent.pid());
            }
            return state.committedByThisRun(c, splitId);
        }
    }

    /** The writer sessions whose COMMIT of a split was sent and not answered yet (by split). */
    private final Map<String, WriterSession> committing = new java.util.concurrent.ConcurrentHashMap<>();

    /** A writer sends a split's COMMIT on {@code session} ({@code null}: unknown). */
    void commitSending(String splitId, WriterSession session) {
        if (session != null) {
            committing.put(splitId, session);
        }
    }

    /** The server answered a split's COMMIT. */
    void commitDone(String splitId) {
        committing.remove(splitId);
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
            if (plan.mode() == SinkPlan.LoadMode.OVERWRITE && partitionValue != null) {
                swapPartition(s);
            } else if (plan.mode() == SinkPlan.LoadMode.OVERWRITE) {
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
            if (plan.mode() == SinkPlan.LoadMode.OVERWRITE && partitionValue == null) {
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

    /**
     * Inside the final transaction: the loaded staging table becomes the partition's child. The old
     * child (if any) is detached and dropped, the staging table renamed to its name and attached
     * (its check constraint proves its rows belong, so the attach does not scan them); every other
     * partition is untouched, and a failure before the commit leaves the old child as it was.
     */
    private void swapPartition(Statement s) throws SQLException {
        String parent = target;
        String old = partitions.childFor(admin, partitionValue).orElse(null);
        String name = old != null ? old : ListPartitions.childName(plan.table(), partitionValue);
        if (old != null) {
            s.execute("ALTER TABLE " + parent + " DETACH PARTITION " + Sql.qualified(plan.schema(), old));
            s.execute("DROP TABLE " + Sql.qualified(plan.schema(), old));
        } else if (exists(admin, plan.schema(), name)) {
            throw SyncException.configuration("cannot name the new partition of " + display + " " + name + ": a table of that name"
                    + " exists and is not its partition for " + plan.partition().key() + " = " + partitionValue);
        }
        s.execute("ALTER TABLE " + writeTable + " RENAME TO " + Sql.quoteIdent(name));
        String child = Sql.qualified(plan.schema(), name);
        s.execute("ALTER TABLE " + parent + " ATTACH PARTITION " + child + " FOR VALUES IN ("
                + ListPartitions.literal(admin, partitionValue) + ")");
        s.execute("ALTER TABLE " + child + " DROP CONSTRAINT " + Sql.quoteIdent(PARTITION_CHECK));
        LOG.info("replaced partition {} = {} of {}: {}", plan.partition().key(), partitionValue, display, name);
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
        if (ddl != null) {
            try {
                ddl.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
        if (admin != null) {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
