package io.syncc.runtime.meta;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Live metadata of a PostgreSQL-protocol datasource for the compiler, catalog pull and the
 * language server: tables of a schema and the columns of a table, with PostgreSQL types mapped to
 * {@link SqlType}. A type syncc does not know is reported by its PostgreSQL name with an empty type.
 */
public final class PostgresMetadata implements AutoCloseable {

    /** A table or view. */
    public record Table(String schema, String name, String kind) {
    }

    /**
     * A column.
     *
     * @param type           the mapped type, empty when unsupported (see {@code pgType})
     * @param pgType         the type as PostgreSQL formats it, e.g. {@code numeric(12,2)}
     * @param primaryKeyPosition 1-based position in the primary key, 0 when not part of it
     * @param hasDefault     whether the table supplies a value when the column is left out (default, identity, generated)
     * @param comment        {@code COMMENT ON COLUMN}, or {@code null}
     */
    public record Column(String name, Optional<SqlType> type, String pgType, boolean nullable, int primaryKeyPosition,
                         boolean hasDefault, String comment) {
        /** A column without a comment. */
        public Column(String name, Optional<SqlType> type, String pgType, boolean nullable, int primaryKeyPosition, boolean hasDefault) {
            this(name, type, pgType, nullable, primaryKeyPosition, hasDefault, null);
        }

        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(pgType, "pgType");
        }
    }

    private final Connection connection;
    private final String datasource;

    private PostgresMetadata(Connection connection, String datasource) {
        this.connection = connection;
        this.datasource = datasource;
    }

    /** Connects; close the result when done. @throws SyncException when the datasource cannot be reached */
    public static PostgresMetadata connect(PostgresDatasourcePlan plan, Path workDir) {
        return new PostgresMetadata(PgConnections.forMetadata(plan, workDir).open(), plan.name());
    }

    /** Tables, partitioned tables and views of a schema, by name. */
    public List<Table> tables(String schema) {
        String sql = "SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                + "WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'table' END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition "
                + "AND c.relname NOT LIKE '\\_syncc\\_%' ORDER BY c.relname";
        List<Table> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Table(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + datasource + "': cannot list tables: " + PgConnections.message(e), e);
        }
        return out;
    }

    /** Columns of {@code schema.table} in table order; empty when the table does not exist. */
    public List<Column> columns(String schema, String table) {
        return describeTable(schema, table).columns();
    }

    /** Columns (empty when the table does not exist), comment and estimated rows of {@code schema.table}, in one round trip. */
    public Described describeTable(String schema, String table) {
        String sql = "SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                + "COALESCE((SELECT k.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(att, n) WHERE k.att = a.attnum), 0)::int, "
                + "information_schema._pg_char_max_length(a.atttypid, a.atttypmod), "
                + "information_schema._pg_numeric_precision(a.atttypid, a.atttypmod), "
                + "information_schema._pg_numeric_scale(a.atttypid, a.atttypmod), t.typtype, bt.typname, "
                + "(a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''), col_description(a.attrelid, a.attnum), "
                + "obj_description(a.attrelid, 'pg_class'), (SELECT c.reltuples FROM pg_class c WHERE c.oid = a.attrelid)::bigint "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype "
                + "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
                + "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        List<Column> out = new ArrayList<>();
        Description description = new Description(null, -1);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String typname = "d".equals(rs.getString(9)) && rs.getString(10) != null ? rs.getString(10) : rs.getString(2);
                    int len = rs.getInt(6);
                    int precision = rs.getInt(7);
                    int scale = rs.getInt(8);
                    out.add(new Column(rs.getString(1), map(typname, len, precision, scale), rs.getString(3), rs.getBoolean(4),
                            rs.getInt(5), rs.getBoolean(11), rs.getString(12)));
                    description = new Description(rs.getString(13), rs.getLong(14));
                }
            }
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + datasource + "': cannot read columns of " + schema + "." + table + ": "
                    + PgConnections.message(e), e);
        }
        return new Described(out, description);
    }

    /** A table's comment and the planner's estimate of its rows (-1 when never analysed). */
    public record Description(String comment, long estimatedRows) {
    }

    /** A table's columns and description, read in one query. */
    public record Described(List<Column> columns, Description description) {
    }

    /** Maps a PostgreSQL type name ({@code pg_type.typname}) to a syncc type. */
    public static Optional<SqlType> map(String typname, int length, int precision, int scale) {
        SqlType.Kind kind = switch (typname) {
            case "bool" -> SqlType.Kind.BOOLEAN;
            case "int2" -> SqlType.Kind.SMALLINT;
            case "int4", "serial" -> SqlType.Kind.INTEGER;
            case "int8", "bigserial" -> SqlType.Kind.BIGINT;
            case "float4" -> SqlType.Kind.REAL;
            case "float8" -> SqlType.Kind.DOUBLE;
            case "numeric" -> SqlType.Kind.NUMERIC;
            case "text", "name", "citext" -> SqlType.Kind.TEXT;
            case "varchar" -> SqlType.Kind.VARCHAR;
            case "bpchar" -> SqlType.Kind.CHAR;
            case "date" -> SqlType.Kind.DATE;
            case "timestamp" -> SqlType.Kind.TIMESTAMP;
            case "timestamptz" -> SqlType.Kind.TIMESTAMPTZ;
            case "time" -> SqlType.Kind.TIME;
            case "bytea" -> SqlType.Kind.BYTEA;
            case "uuid" -> SqlType.Kind.UUID;
            case "json" -> SqlType.Kind.JSON;
            case "jsonb" -> SqlType.Kind.JSONB;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case VARCHAR, CHAR -> new SqlType(kind, Math.max(0, length), 0);
            case NUMERIC -> new SqlType(kind, Math.max(0, precision), Math.max(0, scale));
            default -> SqlType.of(kind);
        });
    }

    /** Runs a {@code CREATE TABLE} in its own transaction. */
    public void createTable(String ddl) {
        try (java.sql.Statement st = connection.createStatement()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                st.execute(ddl);
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + datasource + "': cannot create the table: "
                    + PgConnections.message(e), e);
        }
    }

    /**
     * Parses, analyses and describes {@code sql} on the server without executing it (pgjdbc's
     * describe-only path of {@code PreparedStatement#getMetaData}), in a read-only transaction that
     * is rolled back.
     */
    public java.util.Optional<QueryProblem> checkQuery(String sql) {
        try {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.getMetaData();
                ps.getParameterMetaData();
                return java.util.Optional.empty();
            } catch (SQLException e) {
                org.postgresql.util.ServerErrorMessage m = e instanceof org.postgresql.util.PSQLException p ? p.getServerErrorMessage() : null;
                if (m == null) {
                    throw e;
                }
                String hint = m.getHint() == null ? "" : " (" + m.getHint() + ")";
                return java.util.Optional.of(new QueryProblem(m.getMessage() + hint, m.getPosition(), "42601".equals(m.getSQLState())));
            } finally {
                connection.rollback();
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + datasource + "': cannot check a query: "
                    + PgConnections.message(e), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
