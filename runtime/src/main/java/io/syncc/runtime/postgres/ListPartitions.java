package io.syncc.runtime.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.util.Hashing;
import io.syncc.runtime.util.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The partitions of a list-partitioned sink table ({@code PARTITION BY LIST (key)}): which child
 * holds a value, and a new child for a value that has none. Values reach SQL only as literals the
 * server made of a bound value ({@code quote_literal}); names are quoted.
 *
 * <p>A child is named {@code {parent}_{value}} (Hologres' convention; characters other than
 * letters, digits and {@code _} become {@code _}, at most 63 bytes, a hash added when that name is
 * taken). On PostgreSQL it is made with {@code CREATE TABLE ... (LIKE parent INCLUDING ALL)} and
 * {@code ATTACH PARTITION}, which takes only a SHARE UPDATE EXCLUSIVE lock on the parent, so writers
 * with open transactions on it neither block nor are blocked; Hologres uses {@code CREATE TABLE ...
 * PARTITION OF}.
 */
final class ListPartitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String schema;
    private final String parent;
    private final String key;
    private final boolean hologres;
    private String keyType;

    ListPartitions(String schema, String parent, String key, boolean hologres) {
        this.schema = schema;
        this.parent = parent;
        this.key = key;
        this.hologres = hologres;
    }

    private String qualifiedParent() {
        return Sql.qualified(schema, parent);
    }

    /** Checks the parent is partitioned by LIST on the key alone, and learns the key's type. */
    void requireListPartitioned(Connection c, String datasource) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.partstrat::text, p.partnatts, (SELECT string_agg(a.attname, ', ')"
                + " FROM pg_attribute a WHERE a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs::int2[])),"
                + " (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = p.partrelid AND a.attname = ?)"
                + " FROM pg_partitioned_table p WHERE p.partrelid = to_regclass(?)")) {
            ps.setString(1, key);
            ps.setString(2, qualifiedParent());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw SyncException.configuration("sink " + schema + "." + parent + " in datasource '" + datasource + "' is not a"
                            + " partitioned table; create it with PARTITION BY LIST (" + key + "), or leave partition out of the sink");
                }
                if (!"l".equals(rs.getString(1)) || rs.getInt(2) != 1 || !key.equals(rs.getString(3))) {
                    throw SyncException.configuration("sink " + schema + "." + parent + " is partitioned by "
                            + ("l".equals(rs.getString(1)) ? "LIST" : "r".equals(rs.getString(1)) ? "RANGE" : "HASH") + " ("
                            + rs.getString(3) + "), and the job writes it by LIST (" + key + ")");
                }
                keyType = rs.getString(4);
            }
        }
    }

    /** The value as a SQL literal the server made ({@code NULL} for null). */
    static String literal(Connection c, String value) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_literal(?::text)")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * The child that holds {@code value}, as the server routes it: the relation a query for the value
     * is pruned to (its plan names the one partition scanned); empty when no child holds it.
     */
    Optional<String> childFor(Connection c, String value) throws SQLException {
        String literal = literal(c, value);
        String condition = value == null ? Sql.quoteIdent(key) + " IS NULL" : Sql.quoteIdent(key) + " = CAST(" + literal + " AS " + keyType + ")";
        java.util.List<Scanned> scanned = scanned(c, qualifiedParent(), condition);
        String child = scanned.isEmpty() ? null : scanned.get(0).name();
        return child == null || child.equals(parent) || isDefault(c, child) ? Optional.empty() : Optional.of(child);
    }

    /** A relation a plan scans. */
    record Scanned(String schema, String name) {
        String qualified() {
            return Sql.qualified(schema, name);
        }
    }

    /**
     * The relations the server's plan of {@code SELECT 1 FROM table WHERE condition} scans, in plan
     * order, each once: for a partitioned table, the partitions its pruning leaves (none when no
     * partition can hold such rows). {@code condition} holds only literals the server made.
     */
    static java.util.List<Scanned> scanned(Connection c, String table, String condition) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON, VERBOSE) SELECT 1 FROM " + table + " WHERE " + condition)) {
            rs.next();
            java.util.List<Scanned> out = new java.util.ArrayList<>();
            scanned(JSON.readTree(rs.getString(1)).get(0).get("Plan"), out);
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw SyncException.internal("cannot read the server's plan: " + e.getOriginalMessage());
        }
    }

    private static void scanned(JsonNode node, java.util.List<Scanned> out) {
        if (node.has("Relation Name")) {
            Scanned r = new Scanned(node.path("Schema").asText("public"), node.get("Relation Name").asText());
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        for (JsonNode p : node.path("Plans")) {
            scanned(p, out);
        }
    }

    /** The DEFAULT partition holds what no other child does; it is not the child of any one value. */
    private boolean isDefault(Connection c, String child) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_expr(relpartbound, oid) = 'DEFAULT' FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, Sql.qualified(schema, child));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Makes the child for {@code value} (committed on {@code c}, an autocommit connection of its own)
     * unless one holds it already.
     *
     * @return the child's name
     */
    String create(Connection c, String value) throws SQLException {
        Optional<String> existing = childFor(c, value);
        if (existing.isPresent()) {
            return existing.get();
        }
        String literal = literal(c, value);
        String name = freeName(c, childName(parent, value));
        String child = Sql.qualified(schema, name);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (hologres) {
                s.execute("CREATE TABLE " + child + " PARTITION OF " + qualifiedParent() + " FOR VALUES IN (" + literal + ")");
            } else {
                s.execute("CREATE TABLE " + child + " (LIKE " + qualifiedParent() + " INCLUDING ALL)");
                s.execute("ALTER TABLE " + qualifiedParent() + " ATTACH PARTITION " + child + " FOR VALUES IN (" + literal + ")");
            }
            c.commit();
            return name;
        } catch (SQLException e) {
            c.rollback();
            if ("42P17".equals(e.getSQLState())) {
                // another run made a child for the value meanwhile ("would overlap partition")
                Optional<String> now = childFor(c, value);
                if (now.isPresent()) {
                    return now.get();
                }
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** {@code name}, or {@code name_<hash>} when a table of that name exists (it holds another value). */
    private String freeName(Connection c, String name) throws SQLException {
        if (!PostgresSink.exists(c, schema, name)) {
            return name;
        }
        return fit(name, "_" + Hashing.sha(name + "\0" + System.nanoTime()).substring(0, 8));
    }

    /** {@code holo_test_20260101}: the parent's name, {@code _}, the value with other characters than letters, digits and {@code _} as {@code _}. */
    static String childName(String parent, String value) {
        String v = value == null ? "null" : value.replaceAll("[^\\p{L}\\p{N}_]", "_");
        String name = parent + "_" + v;
        if (name.getBytes(StandardCharsets.UTF_8).length <= 63) {
            return name;
        }
        return fit(name, "_" + Hashing.sha(name).substring(0, 8));
    }

    private static String fit(String name, String suffix) {
        String n = name;
        while ((n + suffix).getBytes(StandardCharsets.UTF_8).length > 63) {
            n = n.substring(0, n.offsetByCodePoints(n.length(), -1));
        }
        return n + suffix;
    }

    String keyType() {
        return keyType;
    }
}
