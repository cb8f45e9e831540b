package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.PgText;
import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.JdbcRowDecoder;
import io.syncc.runtime.codegen.PgRowDecoder;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.Partitioning;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import io.syncc.runtime.util.Hashing;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Sql;
import java.math.BigDecimal;
import org.postgresql.PGConnection;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a PostgreSQL table with streaming cursors (autocommit off, fetch size). Splits are key
 * ranges of {@code splitBy} (integer, numeric, date, timestamp keys) computed from the min/max of
 * the finite keys, with NULL keys in one split and NaN/±infinity keys in another; or ctid page
 * ranges when there is no split key.
 */
public final class PostgresSource<S> implements Source<S> {

    private static final int FETCH = 10_000;

    private final SourcePlan plan;
    private final PgConnections connections;
    private final JdbcRowDecoder<S> decoder;
    private final PgRowDecoder<S> copyDecoder;
    /** The where's parameter values, bound; none once {@link #inlineWhere} wrote them as the server's literals. */
    private Object[] whereValues;
    /** The where's SQL ({@code ?} for its parameters until {@link #inlineWhere}). */
    private String whereText;
    /** The run's parameter values (for {@code ${...}} in partition values). */
    private final Map<String, String> params;
    private final int parallelism;
    private final String table;
    /** {@code SELECT cols FROM }. */
    private final String selectList;
    /** The {@code partition} clause as a predicate on the table (after {@link #splits}), or {@code null}. */
    private String partitionPredicate;
    /** The leaf partitions the clause leaves to read (qualified), or {@code null} without a clause. */
    private List<String> partitionLeaves;
    /** What an incremental run reads, or {@code null}. */
    private final io.syncc.runtime.spi.Increment increment;
    /** The increment as a predicate on the table (after {@link #splits}), or {@code null}. */
    private String incrementPredicate;
    private String incrementUpTo;
    private String incrementWarning;
    private final List<SourceColumn> sorted;
    private Connection holder;
    /**
     * Reader connections whose split's COPY was read to its end, still in their transaction (the
     * run's snapshot): the next split read on its own uses one instead of a new session. A new
     * backend per split cost the server about 35 ms each (start, caches, first touches of the
     * buffer pool). At most {@code parallelism} are kept; all are closed with the source.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idleReaders = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private volatile String snapshot;
    /** The splits {@link #splits} planned, in the order handed out. */
    private List<PostgresSplit> planned = List.of();
    /** The first page of each ctid page-range split of the table itself, by split id. */
    private final Map<String, Long> firstPages = new java.util.HashMap<>();
    /** The one sequential scan the splits' rows come from ({@link #readEverySplit}), or {@code null}. */
    private SharedScan scan;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresSource.class);

    public PostgresSource(SourcePlan plan, PgConnections connections, JdbcRowDecoder<S> decoder, Map<String, String> params,
                          int parallelism) {
        this(plan, connections, decoder, params, parallelism, null);
    }

    /** @param increment what an incremental run reads, or {@code null} for every row */
    public PostgresSource(SourcePlan plan, PgConnections connections, JdbcRowDecoder<S> decoder, Map<String, String> params,
                          int parallelism, io.syncc.runtime.spi.Increment increment) {
        this.plan = plan;
        this.increment = increment;
        this.connections = connections;
        this.decoder = decoder;
        if (decoder == null) {
            throw new SyncException(SyncException.Kind.INTERNAL, "the generated job has no JDBC decoder");
        }
        this.params = Map.copyOf(params);
        this.whereValues = plan.where() == null ? new Object[0] : Sql.values(plan.where(), params);
        this.whereText = plan.where() == null ? null : plan.where().sql();
        // the connector's codec decides the read: PostgreSQL sources get a binary decoder (read by COPY),
        // Hologres sources a JDBC one (read by a cursor; its COPY TO is not relied on)
        this.copyDecoder = decoder instanceof PgRowDecoder<S> d ? d : null;
        this.parallelism = parallelism;
        // a table named with ${parameters} (orders_${bizdate}) is the one their values name: an identifier, quoted
        this.table = Sql.qualified(plan.schema() == null ? "public" : plan.schema(),
                io.syncc.runtime.files.Partitions.substitute(plan.table(), params));
        List<SourceColumn> cols = new ArrayList<>(plan.columns());
        cols.sort(Comparator.comparingInt(SourceColumn::position));
        this.sorted = List.copyOf(cols);
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Sql.quoteIdent(cols.get(i).name()));
        }
        if (cols.isEmpty()) {
            b.append("1");
        }
        this.selectList = b.append(" FROM ").toString();
    }

    /** The SELECT of the table: its columns, the where, the increment and the partitions read. */
    private String select() {
        return selectList + table + " WHERE (" + whereSql() + ")";
    }

    /** The SELECT of a split: from the table, or from the partition it reads directly. */
    private String select(PostgresSplit split) {
        return selectList + (split.relation() == null ? table : split.relation()) + " WHERE (" + whereSql() + ")";
    }

    private String whereSql() {
        String where = whereText == null ? "TRUE" : whereText;
        if (incrementPredicate != null) {
            where = "(" + where + ") AND (" + incrementPredicate + ")";
        }
        return partitionPredicate == null ? where : "(" + where + ") AND (" + partitionPredicate + ")";
    }

    /**
     * Columns carried as their binary COPY bytes ({@code OTHER}) whose bytes name a type by its OID:
     * arrays of types defined in the database (enums, domains, extension types) and composite types.
     * Another database gives those types other OIDs and refuses the bytes, so such a column is a
     * configuration error before any row is read.
     */
    private void refuseTypesNamingOids(Connection c) throws SQLException {
        List<String> other = sorted.stream().filter(col -> col.type().kind() == io.syncc.runtime.types.SqlType.Kind.OTHER)
                .map(SourceColumn::name).toList();
        if (other.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typtype = 'c',"
                + " bt.typcategory = 'A' AND bt.typelem >= 16384 FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, table);
            ps.setArray(2, c.createArrayOf("text", other.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3) || rs.getBoolean(4)) {
                        throw SyncException.configuration("column " + rs.getString(1) + " of " + table + " is " + rs.getString(2) + ", "
                                + (rs.getBoolean(3) ? "a composite type" : "an array of a type defined in the database")
                                + ": its binary form names types by their OIDs in this database, which another database does not share,"
                                + " so syncc cannot carry it; leave it out with `skip " + rs.getString(1) + "`");
                    }
                }
            }
        }
    }

    /**
     * COPY takes no bind parameters: each value of the {@code where}'s parameters is sent to the
     * server bound, and the server's own {@code quote_literal} of it takes the parameter's place (an
     * untyped literal, which the server reads as it reads an unspecified bound value). Only text the
     * server made of a bound value is written into the SQL.
     */
    private void inlineWhere(Connection c) throws SQLException {
        if (whereValues.length == 0) {
            return;
        }
        List<String> literals = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_literal(CAST(? AS text))")) {
            for (Object v : whereValues) {
                ps.setString(1, v.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    literals.add(rs.getString(1));
                }
            }
        }
        whereText = Sql.inline(whereText, literals);
        whereValues = new Object[0];
    }

    /**
     * {@code partition key = "v", key in (...), key between "a" and "b"} of a partitioned table: the
     * keys must be partition keys (of any level); each value is cast by the server to the key's type
     * (bound; a value that does not cast is a located configuration error) and written as a typed
     * literal of the server's text, {@code *} and {@code ?} as a LIKE on the key's text. The server's
     * own pruning of that predicate says which leaf partitions are read; none is an error unless
     * {@code allow empty}.
     */
    private void applyPartitions(Connection c) throws SQLException {
        Partitioning spec = plan.partitioning();
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT a.attname FROM pg_partition_tree(to_regclass(?)) t"
                + " JOIN pg_partitioned_table p ON p.partrelid = t.relid JOIN pg_attribute a ON a.attrelid = p.partrelid"
                + " AND a.attnum = ANY (p.partattrs::int2[]) ORDER BY 1")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        if (keys.isEmpty()) {
            throw SyncException.configuration("source " + table + " in datasource '" + connections.name() + "' is not a partitioned"
                    + " table; filter its rows with where instead of partition");
        }
        List<String> conditions = new ArrayList<>();
        for (Partitioning.Filter f : spec.filters()) {
            if (!keys.contains(f.key())) {
                throw SyncException.configuration("partition " + f.key() + ": not a partition key of " + table + " (its keys: "
                        + String.join(", ", keys) + ")");
            }
            String k = Sql.quoteIdent(f.key());
            String type = columnType(c, f.key(), "partition");
            List<String> values = new ArrayList<>();
            for (String v : f.values()) {
                values.add(io.syncc.runtime.files.Partitions.substitute(v, params));
            }
            List<String> any = new ArrayList<>();
            if (f.op() == Partitioning.Op.BETWEEN) {
                any.add(k + " BETWEEN " + typedValue(c, values.get(0), type, f.key()) + " AND " + typedValue(c, values.get(1), type, f.key()));
            } else {
                for (String v : values) {
                    any.add(v.indexOf('*') >= 0 || v.indexOf('?') >= 0
                            ? k + "::text LIKE " + Sql.quoteLiteral(likePattern(v)) + " ESCAPE '\\'"
                            : k + " = " + typedValue(c, v, type, f.key()));
                }
            }
            conditions.add(any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")");
        }
        partitionPredicate = conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
        partitionLeaves = ListPartitions.scanned(c, table, partitionPredicate).stream().map(ListPartitions.Scanned::qualified).toList();
        if (partitionLeaves.isEmpty() && !spec.allowEmpty() && !spec.filters().isEmpty()) {
            throw SyncException.configuration("partition " + io.syncc.runtime.files.Partitions.describe(substituted(spec))
                    + " matches none of the partitions of " + table + "; add `allow empty` to the source to run with no rows instead");
        }
        LOG.info("partitions of {} read: {}", table, partitionLeaves);
    }

    private List<Partitioning.Filter> substituted(Partitioning spec) {
        return spec.filters().stream().map(f -> new Partitioning.Filter(f.key(), f.op(),
                f.values().stream().map(v -> io.syncc.runtime.files.Partitions.substitute(v, params)).toList())).toList();
    }

    /** A value as a literal of the key's type: the server casts it (bound) and its text is written. */
    private String typedValue(Connection c, String value, String type, String key) throws SQLException {
        String text = isoText(c, "SELECT CAST(? AS " + type + ")::text", value, "partition " + key + ": '" + value
                + "' is not a value of type " + type);
        return typed(text, type);
    }

    /** {@code 2026*} as a LIKE pattern: {@code *} is {@code %}, {@code ?} is {@code _}, the others literal. */
    static String likePattern(String glob) {
        StringBuilder b = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> b.append('%');
                case '?' -> b.append('_');
                case '%', '_', '\\' -> b.append('\\').append(ch);
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    @Override
    public java.util.Optional<String> incrementUpTo() {
        return java.util.Optional.ofNullable(incrementUpTo);
    }

    @Override
    public java.util.Optional<String> incrementWarning() {
        return java.util.Optional.ofNullable(incrementWarning);
    }

    /**
     * Narrows the read to the increment: rows after its lower bound up to its upper bound, the
     * largest finite value beyond the lower bound in the snapshot unless an earlier unfinished run
     * fixed it. Without a lower bound (a first or full run) every row is read, rows whose column is
     * NULL, infinite or beyond the bound (committed after the snapshot was taken) excepted only when
     * beyond the bound. Bounds are the server's own ISO text of the column's type, written as typed
     * literals (COPY takes no bind parameters); a {@code --from} value is first cast by the server,
     * bound, and only its cast text is used.
     */
    private void applyIncrement(Connection c) throws SQLException {
        String column = increment.column();
        String k = Sql.quoteIdent(column);
        String type = columnType(c, column, "incremental by");
        boolean temporal = switch (type) {
            case "date", "timestamp without time zone", "timestamp with time zone" -> true;
            case "smallint", "integer", "bigint" -> false;
            default -> throw new SyncException(SyncException.Kind.CONFIGURATION, "incremental by " + column + ": the column is " + type
                    + " in " + table + " (use a timestamp, date or integer column)");
        };
        String after = increment.after() == null ? null : isoText(c, "SELECT CAST(? AS " + type + ")::text", increment.after(),
                "incremental by " + column + ": '" + increment.after() + "' is not a value of type " + type);
        String lower = after == null ? null : k + (increment.inclusive() ? " >= " : " > ") + typed(after, type);
        String upTo = increment.upTo();
        if (upTo == null) {
            String finite = temporal ? " AND isfinite(" + k + ")" : "";
            upTo = isoText(c, "SELECT max(" + k + ")::text FROM " + table + " WHERE (" + whereSql() + ")"
                    + (lower == null ? "" : " AND " + lower) + finite, whereValues, null);
        }
        if (temporal && upTo != null && increment.upTo() == null) {
            String now = isoText(c, "SELECT CASE WHEN " + typed(upTo, type) + " > CAST(now() AS " + type + ") THEN CAST(now() AS " + type
                    + ")::text END", null, null);
            if (now != null) {
                // the watermark would pass the clock: rows changed later with a right time stay behind it
                incrementWarning = "the largest value read is later than the server's clock (" + now + "): the watermark moves there,"
                        + " and rows changed later with an earlier " + column + " are not read until a run with --from";
                LOG.warn("incremental by {}: {}", column, incrementWarning);
            }
        }
        String upper = upTo == null ? null : k + " <= " + typed(upTo, type);
        String unbounded = k + " IS NULL" + (temporal ? " OR NOT isfinite(" + k + ")" : "");
        if (lower != null) {
            incrementPredicate = upper == null ? "FALSE" : lower + " AND " + upper;
        } else {
            incrementPredicate = upper == null ? unbounded : unbounded + " OR " + upper;
        }
        incrementUpTo = upTo;
        LOG.info("incremental read of {}: {}", table, increment.describe(upTo));
    }

    /**
     * One text value of a query run with ISO dates and UTC (so the text reads back the same in any
     * session), inside a savepoint that is rolled back afterwards: the settings and any error end
     * with it, and the snapshot transaction goes on.
     *
     * @param invalid the message when the server cannot cast a bound value, or {@code null} to throw
     */
    private static String isoText(Connection c, String sql, Object binds, String invalid) throws SQLException {
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL DateStyle = 'ISO, MDY'; SET LOCAL TimeZone = 'UTC'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (binds instanceof Object[] values) {
                    Sql.bind(ps, 1, values);
                } else if (binds != null) {
                    ps.setString(1, binds.toString());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                if (invalid != null && e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                    String why = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                            ? p.getServerErrorMessage().getMessage() : PgConnections.message(e);
                    throw new SyncException(SyncException.Kind.CONFIGURATION, invalid + " (" + why + ")");
                }
                throw e;
            }
        } finally {
            c.rollback(sp);
        }
    }

    /** The column's type as {@code format_type} names it (without modifiers). */
    private String columnType(Connection c, String column, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(a.atttypid, NULL) FROM pg_attribute a "
                + "WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SyncException(SyncException.Kind.CONFIGURATION, what + " " + column + ": no such column in " + table);
                }
                return rs.getString(1);
            }
        }
    }

    /**
     * Plans the splits inside a repeatable-read transaction whose snapshot is exported: every
     * reader (and every retry of a split) imports it, so all splits see the table as it was at one
     * moment and concurrent changes never duplicate or drop rows. The transaction stays open until
     * the source is closed.
     */
    @Override
    public SplitSource splits() throws SQLException {
        List<PostgresSplit> splits = new ArrayList<>();
        int target = Math.max(1, parallelism * 4);
        holder = connections.open();
        try (Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'syncc snapshot'");
        }
        holder.setAutoCommit(false);
        holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        holder.setReadOnly(true);
        try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            snapshot = rs.getString(1);
        } catch (SQLException e) {
            // servers without exported snapshots (some PostgreSQL-compatible ones): each split reads its own snapshot
            LOG.warn("datasource '{}' cannot export a snapshot ({}); splits are read without one common snapshot",
                    connections.name(), PgConnections.message(e));
            holder.rollback();
            snapshot = null;
        }
        if (copyDecoder != null) {
            inlineWhere(holder);
            refuseTypesNamingOids(holder);
        }
        if (increment != null) {
            applyIncrement(holder);
        }
        if (plan.partitioning() != null) {
            applyPartitions(holder);
        }
        if (partitionLeaves != null && partitionLeaves.isEmpty()) {
            // allow empty, and no partition matched: nothing to read
        } else if (plan.splitBy() != null) {
            keySplits(holder, target, splits);
        } else {
            ctidSplits(holder, target, splits);
        }
        StringBuilder fp = new StringBuilder("pg;").append(select());
        for (PostgresSplit sp : splits) {
            fp.append(';').append(sp.id()).append('=').append(sp.values());
        }
        String fingerprint = Hashing.sha(fp.toString());
        long estimate = -1;
        try (PreparedStatement ps = holder.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    estimate = rs.getLong(1);
                }
            }
        }
        planned = List.copyOf(splits);
        return new ListSplitSource(splits, fingerprint, plan.where() == null && increment == null && partitionLeaves == null ? estimate : -1);
    }

    /**
     * Whether a run that reads every split may read them by one sequential scan: the whole table is
     * read (no {@code where}, increment or partition clause), by binary COPY, in page ranges (no
     * {@code split by}).
     */
    private boolean oneScanPossible() {
        return copyDecoder != null && plan.where() == null && increment == null && plan.partitioning() == null && partitionLeaves == null
                && plan.splitBy() == null;
    }

    /**
     * A run reads every split: when they are page ranges of the table itself (not key ranges, not a
     * view's single split, not partitions, no inheritance children) and the whole table is read
     * ({@link #oneScanPossible}), their rows come from one sequential scan ({@link SharedScan}) instead
     * of a Tid Range Scan each, whatever the parallelism: the scan reads ahead of the writers within a
     * bounded budget, and with parallelism above 1 the page ranges are at most
     * {@value SharedScan#SPLIT_PAGES} pages, so every writer is fed. Anything else, every split opened
     * again (a retry) and every split after the scan failed is read split by split; so is every split
     * when no connection can be had for the scan.
     */
    @Override
    public void readEverySplit() throws SQLException {
        if (!oneScanPossible() || planned.isEmpty() || scan != null) {
            return;
        }
        long[] pages = new long[planned.size()];
        for (int i = 0; i < pages.length; i++) {
            Long first = firstPages.get(planned.get(i).id());
            if (first == null || planned.get(i).relation() != null) {
                return;
            }
            pages[i] = first;
        }
        Connection c;
        try {
            c = openReader("; SET application_name = 'syncc scan'; SET synchronize_seqscans = off; SET max_parallel_workers_per_gather = 0"
                    + "; SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_tidscan = off");
        } catch (SQLException e) {
            LOG.warn("{}: cannot open a connection for one sequential scan ({}); the splits are read one by one", table, PgConnections.message(e));
            return;
        }
        String select = "SELECT ctid, " + selectList.substring("SELECT ".length()) + table;
        // the routing needs the table's pages in order: the plan must be one sequential scan of the
        // table itself (a row-level security policy adds at most a filter to it; a parent of
        // inheritance children would be an Append that reads each child from its page 0 again)
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN (COSTS OFF) " + select)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        } catch (SQLException e) {
            lines = List.of("no plan: " + PgConnections.message(e));
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("Seq Scan on ") || lines.stream().anyMatch(l -> l.contains("->"))) {
            LOG.info("{}: the splits are read one by one (the plan of one scan would be: {})", table, String.join(" / ", lines));
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
            return;
        }
        scan = new SharedScan(table, planned, pages, c, select, SharedScan.budgetFor(parallelism));
        scan.start();
        LOG.info("{}: {} splits read by one sequential scan", table, planned.size());
    }

    private void keySplits(Connection c, int target, List<PostgresSplit> out) throws SQLException {
        String k = Sql.quoteIdent(plan.splitBy());
        String type = columnType(c, plan.splitBy(), "split by");
        // min and max are taken over the finite keys; NaN and ±infinity (numeric, dates, timestamps)
        // get a split of their own, NULL another, and the first and last ranges are open, so every
        // row is in exactly one split whatever the bounds round to
        String lo;
        String hi;
        String finite;
        switch (type) {
            case "smallint", "integer", "bigint" -> {
                lo = "min(" + k + ")::text";
                hi = "max(" + k + ")::text";
                finite = null;
            }
            case "numeric" -> {
                lo = "min(" + k + ")::text";
                hi = "max(" + k + ")::text";
                finite = k + " > '-Infinity' AND " + k + " < 'Infinity'"; // NaN sorts above Infinity
            }
            case "date" -> {
                lo = "(min(" + k + ") - date '1970-01-01')::text";
                hi = "(max(" + k + ") - date '1970-01-01')::text";
                finite = "isfinite(" + k + ")";
            }
            case "timestamp without time zone", "timestamp with time zone" -> {
                lo = "floor(extract(epoch from min(" + k + ")) * 1000000)::text";
                hi = "floor(extract(epoch from max(" + k + ")) * 1000000)::text";
                finite = "isfinite(" + k + ")";
            }
            default -> throw new SyncException(SyncException.Kind.CONFIGURATION, "split by " + plan.splitBy() + ": cannot split on a column of type " + type
                    + " (use an integer, numeric, date or timestamp column)");
        }
        String min;
        String max;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + lo + ", " + hi + " FROM " + table + " WHERE (" + whereSql() + ")"
                + (finite == null ? "" : " AND " + finite))) {
            Sql.bind(ps, 1, whereValues);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                min = rs.getString(1);
                max = rs.getString(2);
            }
        }
        out.add(new PostgresSplit("null", k + " IS NULL"));
        if (finite != null) {
            out.add(new PostgresSplit(type.equals("numeric") ? "nan-infinity" : "infinity", "NOT (" + finite + ")"));
        }
        if (min == null) {
            return;
        }
        String inRange = finite == null ? k + " IS NOT NULL" : finite;
        BigDecimal a = new BigDecimal(min);
        BigDecimal b = new BigDecimal(max);
        boolean integral = !type.equals("numeric");
        BigDecimal width = b.subtract(a);
        int n = target;
        if (integral && width.compareTo(BigDecimal.valueOf(n)) < 0) {
            n = Math.max(1, width.intValue() + 1);
        }
        // interior bounds a < b1 < ... < b(n-1) <= b: splits (.., b1), [b1, b2), ..., [b(n-1), ..)
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            BigDecimal v = a.add(width.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(n), integral ? 0 : 10,
                    RoundingMode.FLOOR));
            if (v.compareTo(a) <= 0) {
                continue;
            }
            String text = literal(type, v);
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(text)) {
                bounds.add(text);
            }
        }
        if (bounds.isEmpty()) {
            out.add(new PostgresSplit("key[all]", inRange));
            return;
        }
        String first = bounds.get(0);
        out.add(new PostgresSplit("key(," + first + ")", inRange + " AND " + k + " < ?", List.of(first),
                inRange + " AND " + k + " < " + typed(first, type)));
        for (int i = 0; i + 1 < bounds.size(); i++) {
            String from = bounds.get(i);
            String to = bounds.get(i + 1);
            out.add(new PostgresSplit("key[" + from + "," + to + ")", k + " >= ? AND " + k + " < ?", List.of(from, to),
                    k + " >= " + typed(from, type) + " AND " + k + " < " + typed(to, type)));
        }
        String last = bounds.get(bounds.size() - 1);
        out.add(new PostgresSplit("key[" + last + ",)", inRange + " AND " + k + " >= ?", List.of(last),
                inRange + " AND " + k + " >= " + typed(last, type)));
    }

    /**
     * A bound as a quoted literal cast to the key's type, for COPY (which takes no bind parameters).
     * Only for bounds syncc computed from the server's own min/max ({@link #literal}: digits, signs,
     * ISO dates and times, {@code BC}) or text the server cast ({@link #applyIncrement}), and a type
     * name from the fixed lists of {@link #keySplits} and {@link #applyIncrement}: user values are
     * bound, and only what the server made of them is written here (quoted all the same).
     */
    private static String typed(String bound, String type) {
        return "CAST(" + Sql.quoteLiteral(bound) + " AS " + type + ")";
    }

    /** A bound as the server reads it (bound as text typed by the column): BC dates and years past 9999 included. */
    private static String literal(String type, BigDecimal v) {
        return switch (type) {
            case "date" -> Conversions.dateText(v.intValueExact());
            case "timestamp without time zone" -> Conversions.timestampText(micros(v));
            case "timestamp with time zone" -> Conversions.timestamptzText(micros(v));
            default -> v.toPlainString();
        };
    }

    /** Interior bounds only order the ranges: one past syncc's timestamps is clamped (the last range is open). */
    private static long micros(BigDecimal v) {
        return v.max(BigDecimal.valueOf(PgText.TS_MIN)).min(BigDecimal.valueOf(PgText.TS_MAX)).longValueExact();
    }

    private void ctidSplits(Connection c, int target, List<PostgresSplit> out) throws SQLException {
        List<String> leaves = partitionLeaves;
        if (leaves == null) {
            leaves = new ArrayList<>();
            java.sql.Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_partition_tree(to_regclass(?)) t"
                    + " JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.isleaf"
                    + " AND c.relkind IN ('r', 'm') ORDER BY t.relid::oid")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leaves.add(Sql.qualified(rs.getString(1), rs.getString(2)));
                    }
                }
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
                    throw e;
                }
                if (sp != null) {
                    c.rollback(sp); // a server without pg_partition_tree: the table is read whole; the snapshot goes on
                }
                leaves = List.of();
            }
        }
        if (leaves.isEmpty() || leaves.equals(List.of(table))) {
            ctidSplits(c, table, null, target, out);
            return;
        }
        // a partitioned table: each partition divided by its own pages, read directly
        int per = Math.max(1, (target + leaves.size() - 1) / leaves.size());
        for (String leaf : leaves) {
            ctidSplits(c, leaf, leaf, per, out);
        }
    }

    /** Page ranges of {@code relation}; {@code leaf} names the partition splits read directly, or is {@code null}. */
    private void ctidSplits(Connection c, String relation, String leaf, int target, List<PostgresSplit> out) throws SQLException {
        long pages;
        String kind;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint, "
                + "c.relkind::text FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SyncException(SyncException.Kind.CONFIGURATION, "source table " + relation + " does not exist in datasource '" + connections.name() + "'");
                }
                pages = rs.getLong(1);
                kind = rs.getString(2);
            }
        }
        if (!kind.equals("r") && !kind.equals("m")) {
            // views, foreign and partitioned tables have no pages of their own: one split
            out.add(new PostgresSplit(leaf == null ? "all" : leaf + " all", "TRUE", List.of(), "TRUE", leaf));
            return;
        }
        int n = (int) Math.max(1, Math.min(target, pages));
        if (leaf == null && parallelism > 1 && oneScanPossible()) {
            // one scan may feed the writers: a split fits in a writer's share of what it reads ahead
            n = (int) Math.max(n, Math.min(Integer.MAX_VALUE, (pages + SharedScan.SPLIT_PAGES - 1) / SharedScan.SPLIT_PAGES));
        }
        long per = Math.max(1, (pages + n - 1) / n);
        long start = 0;
        for (int i = 0; i < n; i++) {
            long end = start + per;
            boolean last = i == n - 1 || end >= pages;
            String pred = last ? "ctid >= '(" + start + ",0)'::tid" : "ctid >= '(" + start + ",0)'::tid AND ctid < '(" + end + ",0)'::tid";
            String id = "pages[" + start + (last ? ",)" : "," + end + ")");
            out.add(new PostgresSplit(leaf == null ? id : leaf + " " + id, pred, List.of(), pred, leaf));
            if (leaf == null) {
                firstPages.put(id, start);
            }
            if (last) {
                break;
            }
            start = end;
        }
    }

    /**
     * Reads a split with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} ({@link CopyReader})
     * when the generated decoder reads binary tuples ({@link PgRowDecoder}) and the server is
     * PostgreSQL, or takes its rows from the one sequential scan of the table when
     * {@link #readEverySplit} started one ({@link ScanReader}); a {@code where} with parameters takes
     * the server's literals of their values ({@link #inlineWhere}). Hologres sources use a streaming
     * JDBC cursor.
     */
    /** A worker failed: the one sequential scan stops, and readers waiting on it give up ("the source was closed"). */
    @Override
    public void abort() {
        SharedScan s = scan;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public SplitReader<S> open(Split split, DirtyListener dirty) throws SQLException {
        SharedScan.Tuples shared = scan == null ? null : scan.claim((PostgresSplit) split);
        if (shared != null) {
            return new ScanReader((PostgresSplit) split, dirty, shared);
        }
        if (copyDecoder != null) {
            return new CopyReader((PostgresSplit) split, dirty);
        }
        return new Reader((PostgresSplit) split, dirty);
    }

    /**
     * Reads the committed split's rows again in this run's snapshot, as the earlier run read them
     * (binary COPY; COPY text for a run recorded by a build before binary reads), and compares their
     * count and checksum with what it read: an inserted, deleted or updated row inside the split is
     * noticed. Splits read by a JDBC cursor (Hologres) have no signature, and cannot be checked.
     */
    @Override
    public java.util.Optional<String> changedSince(Split split, String signature) throws SQLException {
        boolean binary = signature.startsWith(RowsDigest.BINARY_PREFIX);
        if (copyDecoder == null || !binary && !signature.startsWith(RowsDigest.PREFIX)) {
            return java.util.Optional.empty();
        }
        PostgresSplit s = (PostgresSplit) split;
        RowsDigest now = binary ? RowsDigest.binary() : RowsDigest.text();
        try (Connection c = openReader(binary ? "" : TEXT_SETTINGS)) {
            CopyMessages copy = copyOut(c, s, binary);
            PgBinaryRecord record = new PgBinaryRecord();
            while (copy.next()) {
                if (!binary) {
                    now.add(copy.buffer(), 0, copy.length());
                } else if (record.reset(copy.buffer(), copy.length())) {
                    now.add(copy.buffer(), record.tupleStart(), copy.length() - record.tupleStart());
                }
            }
            c.rollback();
        }
        long then = RowsDigest.rows(signature);
        return now.signature().equals(signature) ? java.util.Optional.empty()
                : java.util.Optional.of("the rows of " + table + " changed (" + then + " rows then, " + now.rows() + " now"
                + (then == now.rows() ? ", some with other values" : "") + ")");
    }

    /** The session of COPY text reads of builds before binary reads (their signatures are checked with it). */
    private static final String TEXT_SETTINGS = "; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'"
            + "; SET extra_float_digits = 3; SET bytea_output = 'hex'";

    /** Starts {@code COPY (SELECT ... AND split) TO STDOUT}, binary or text, of a split on a reader connection. */
    private CopyMessages copyOut(Connection c, PostgresSplit split, boolean binary) throws SQLException {
        return CopyMessages.start(c, "COPY (" + select(split) + " AND (" + split.literalPredicate() + ")) TO STDOUT"
                + (binary ? " (FORMAT binary)" : ""));
    }

    /**
     * A reader's connection: read-only, autocommit off, in a transaction that imported the source's
     * exported snapshot (when there is one). {@code settings} are session settings run first.
     */
    private Connection openReader(String settings) throws SQLException {
        Connection c = connections.open();
        try {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET application_name = 'syncc reader'" + settings);
            }
            c.setAutoCommit(false);
            c.setReadOnly(true);
            if (snapshot != null) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION SNAPSHOT " + Sql.quoteLiteral(snapshot));
                } catch (SQLException e) {
                    if (!"22023".equals(e.getSQLState())) {
                        throw e;
                    }
                    throw new SyncException(SyncException.Kind.CONFIGURATION, "the source's snapshot is gone (its connection to datasource '" + connections.name()
                            + "' was closed: " + PgConnections.message(e) + "); run the job again to resume", e);
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c); // the set-up's failure is the one to report
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        Connection idle;
        while ((idle = idleReaders.poll()) != null) {
            endQuietly(idle);
        }
        if (scan != null) {
            scan.close();
        }
        if (holder != null) {
            try {
                holder.rollback();
            } finally {
                holder.close();
                holder = null;
            }
        }
    }

    /** Handed out in order; thread-safe. */
    private static final class ListSplitSource implements SplitSource {
        private final List<PostgresSplit> splits;
        private final String fingerprint;
        private final long estimatedRows;
        private int next;

        ListSplitSource(List<PostgresSplit> splits, String fingerprint, long estimatedRows) {
            this.splits = splits;
            this.fingerprint = fingerprint;
            this.estimatedRows = estimatedRows;
        }

        @Override
        public long estimatedRows() {
            return estimatedRows;
        }

        @Override
        public synchronized Split next() {
            return next < splits.size() ? splits.get(next++) : null;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public int expectedSplits() {
            return splits.size();
        }

        @Override
        public long totalBytes() {
            return -1;
        }

        @Override
        public void close() {
        }
    }

    private final class Reader implements SplitReader<S> {
        private final PostgresSplit split;
        private final DirtyListener dirty;
        private final Connection c;
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final int columnCount;
        private long records;
        private long bytes;

        Reader(PostgresSplit split, DirtyListener dirty) throws SQLException {
            this.split = split;
            this.dirty = dirty;
            this.c = openReader("");
            try {
                ps = c.prepareStatement(select(split) + " AND (" + split.predicate() + ")");
                ps.setFetchSize(FETCH);
                int i = Sql.bind(ps, 1, whereValues);
                for (String v : split.values()) {
                    ps.setObject(i++, v, Types.OTHER);
                }
                rs = ps.executeQuery();
                columnCount = rs.getMetaData().getColumnCount();
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c); // the query's failure is the one to report
                throw e;
            }
        }

        @Override
        public boolean next(S row) throws SQLException {
            while (rs.next()) {
                records++;
                bytes += 8L * columnCount;
                try {
                    decoder.decode(rs, row);
                    return true;
                } catch (ConversionException e) {
                    String[] values = new String[columnCount];
                    for (int i = 0; i < columnCount; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < columnCount; i++) {
                        names.add(rs.getMetaData().getColumnName(i + 1));
                    }
                    dirty.dirty(split.id(), location(), names, values, e.getMessage());
                }
            }
            return false;
        }

        @Override
        public String location() {
            return table + " split " + split.id() + " row " + records;
        }

        @Override
        public long recordsRead() {
            return records;
        }

        @Override
        public long bytesRead() {
            return bytes;
        }

        /** Ends the read-only transaction; a connection lost after the last row changes nothing read. */
        @Override
        public void close() {
            try {
                rs.close();
                ps.close();
                c.rollback();
            } catch (SQLException ignored) {
                // read-only: nothing to undo
            } finally {
                closeQuietly(c);
            }
        }
    }

    /**
     * A split's rows from the one sequential scan ({@link SharedScan}). When the scan fails before
     * the split had a row from it, the split is read by its own COPY ({@link SplitCopy}) instead;
     * part-way through, the failure is transient, so the split is tried again (by its own COPY).
     */
    private final class ScanReader extends TupleReader<S> {
        private final PostgresSplit split;
        private final SharedScan.Tuples tuples;
        private SplitCopy own;

        ScanReader(PostgresSplit split, DirtyListener dirty, SharedScan.Tuples tuples) {
            super(split, dirty, copyDecoder, sorted, table);
            this.split = split;
            this.tuples = tuples;
        }

        @Override
        boolean nextTuple(PgBinaryRecord record) throws SQLException {
            if (own != null) {
                return own.nextTuple(record);
            }
            try {
                return tuples.next(record);
            } catch (SharedScan.Failed e) {
                if (recordsRead() > 0) {
                    throw new SyncException(SyncException.Kind.TRANSIENT, e.getMessage() + " part-way through split " + split.id()
                            + "; the split is read again on its own", e.getCause());
                }
                LOG.warn("{}; split {} is read on its own", e.getMessage(), split.id());
                own = new SplitCopy(split);
                return own.nextTuple(record);
            }
        }

        /** The rest of the split's rows, if any, are dropped by the scan. */
        @Override
        public void close() {
            tuples.abandon();
            if (own != null) {
                own.close();
            }
        }
    }

    /**
     * Reads a split by {@code COPY (SELECT cols FROM table WHERE (where) AND (split)) TO STDOUT
     * (FORMAT binary)}, with the split's bounds as typed literals ({@link PostgresSplit#literalPredicate}),
     * in the source's snapshot: each tuple arrives as one byte array, columns forwarded unchanged are
     * viewed in it and the others decoded from binary by the generated decoder, so a row costs no
     * parsing of text and no object per field.
     */
    private final class CopyReader extends TupleReader<S> {
        private final SplitCopy copy;

        CopyReader(PostgresSplit split, DirtyListener dirty) throws SQLException {
            super(split, dirty, copyDecoder, sorted, table);
            this.copy = new SplitCopy(split);
        }

        @Override
        boolean nextTuple(PgBinaryRecord record) throws SQLException {
            return copy.nextTuple(record);
        }

        @Override
        public void close() {
            copy.close();
        }
    }

    /** Ends a reader connection's read-only transaction and closes it; nothing to undo, nothing to report. */
    private static void endQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // read-only: nothing to undo; the connection is closed below
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing
        }
    }

    /**
     * One split's own binary COPY on a reader connection: one an earlier split left idle (still in
     * the run's snapshot), else a new one. An idle connection that cannot start the COPY (the server
     * ended the session meanwhile, e.g. {@code idle_in_transaction_session_timeout}) is closed and a
     * new one opened.
     */
    private final class SplitCopy {
        private final PostgresSplit split;
        private final Connection c;
        private final CopyMessages copy;

        SplitCopy(PostgresSplit split) throws SQLException {
            this.split = split;
            Connection conn = split.relation() == null ? idleReaders.pollLast() : null;
            CopyMessages started = null;
            if (conn != null) {
                try {
                    started = copyOut(conn, split, true);
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("an idle reader connection could not start split {} ({}); a new one reads it", split.id(), e.getMessage());
                    endQuietly(conn);
                    conn = null;
                }
            }
            if (conn == null) {
                conn = openReader("");
                try {
                    started = copyOut(conn, split, true);
                } catch (SQLException | RuntimeException e) {
                    closeQuietly(conn); // the COPY's failure is the one to report
                    throw e;
                }
            }
            this.c = conn;
            this.copy = started;
        }

        /** Points {@code record} at the next tuple (the first message's file header skipped); {@code false} at the end. */
        boolean nextTuple(PgBinaryRecord record) throws SQLException {
            while (copy.next()) {
                if (record.reset(copy.buffer(), copy.length())) {
                    return true;
                }
                // the trailer
            }
            return false;
        }

        /**
         * Keeps the connection of a COPY read to its end for the next split (or ends its read-only
         * transaction and closes it); a COPY stopped early (a preview, a cancelled or failed run) is
         * cancelled and its connection closed without another statement (it may still hold the
         * COPY's data; the server ends the transaction).
         */
        void close() {
            if (copy.endedCleanly()) {
                // not a partition read on its own: a kept session would keep its locks (a lock per
                // partition and index read, for thousands of partitions more than the lock table holds)
                if (!closed && split.relation() == null && idleReaders.size() < Math.max(1, parallelism)) {
                    idleReaders.add(c); // its transaction stays open: the next split reads the same snapshot
                    if (!closed || !idleReaders.remove(c)) {
                        return; // kept (or taken by the source's close meanwhile, which ends it)
                    }
                }
                endQuietly(c);
                return;
            }
            try {
                copy.cancel();
            } catch (SQLException ignored) {
                // the connection is closed below
            } finally {
                closeQuietly(c);
            }
        }
    }
}
