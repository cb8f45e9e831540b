package io.syncc.runtime.postgres;

import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.util.PgConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The PostgreSQL connector (types {@code postgres} and {@code hologres}, which speaks its
 * protocol): sources read key or page ranges of one exported snapshot; sinks write binary COPY or
 * INSERT with run state beside the target.
 */
public final class PostgresConnector implements Connector {

    @Override
    public Set<String> types() {
        return Set.of("postgres", "hologres");
    }

    @Override
    public java.util.List<io.syncc.runtime.spi.SettingSpec> settings(String type) {
        return PostgresSettings.SPECS;
    }

    @Override
    public java.util.Optional<DatasourcePlan> plan(io.syncc.runtime.spi.DatasourceSettings settings) {
        return PostgresSettings.plan(settings);
    }

    @Override
    public boolean writesTables() {
        return true;
    }

    @Override
    public java.util.Map<String, Class<? extends DatasourcePlan>> planTypes() {
        return java.util.Map.of("postgres", PostgresDatasourcePlan.class);
    }

    @Override
    public <S> Source<S> openSource(SourceContext<S> context) {
        PostgresDatasourcePlan ds = (PostgresDatasourcePlan) context.source().datasource();
        return new PostgresSource<>(context.source(), PgConnections.of(ds, context.workDir()), context.program().jdbcDecoder(),
                context.params(), context.channel().parallelism(), context.increment());
    }

    /** PostgreSQL sources read binary COPY; Hologres sources a JDBC cursor (its COPY TO is not relied on). */
    @Override
    public io.syncc.runtime.spi.SourceCodec sourceCodec(DatasourcePlan datasource) {
        return postgres(datasource) ? io.syncc.runtime.spi.SourceCodec.PG_BINARY : io.syncc.runtime.spi.SourceCodec.ROWS;
    }

    /** PostgreSQL sinks take PostgreSQL's binary COPY of every type; Hologres is not relied on for more than syncc encodes. */
    @Override
    public boolean takesPgBinary(DatasourcePlan datasource) {
        return postgres(datasource);
    }

    private static boolean postgres(DatasourcePlan datasource) {
        return datasource instanceof PostgresDatasourcePlan p && !"hologres".equalsIgnoreCase(p.flavor());
    }

    @Override
    public boolean readsIncrementally() {
        return true;
    }

    @Override
    public boolean readsPartitions() {
        return true;
    }

    @Override
    public boolean keepsWatermarks() {
        return true;
    }

    @Override
    public <T> Sink<T> openSink(SinkContext<T> context) {
        PostgresDatasourcePlan ds = (PostgresDatasourcePlan) context.sink().datasource();
        return new PostgresSink<>(context.sink(), PgConnections.of(ds, context.workDir()), context.job(), context.runKey(),
                context.params(), context.program().copyEncoder(), context.program().insertBinder(), context.program()::newSinkRow,
                context.program().sinkRenderer(), context.dirty());
    }

    /** Tables, views and their columns from the system catalogs, over one connection. */
    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        io.syncc.runtime.meta.PostgresMetadata pg = io.syncc.runtime.meta.PostgresMetadata.connect((PostgresDatasourcePlan) datasource, workDir);
        return new io.syncc.runtime.meta.DatasourceMetadata() {
            @Override
            public java.util.List<String> tables(String schema) {
                return pg.tables(schema == null ? "public" : schema).stream().map(io.syncc.runtime.meta.PostgresMetadata.Table::name).toList();
            }

            @Override
            public java.util.Optional<io.syncc.runtime.meta.TableMeta> table(String schema, String table) {
                io.syncc.runtime.meta.PostgresMetadata.Described d = pg.describeTable(schema, table);
                if (d.columns().isEmpty()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new io.syncc.runtime.meta.TableMeta(schema, table, d.columns().stream()
                        .map(c -> new io.syncc.runtime.meta.ColumnMeta(c.name(), c.pgType(), c.type().orElse(null), c.nullable(),
                                c.hasDefault(), c.primaryKeyPosition(), c.comment())).toList(),
                        d.description().comment(), d.description().estimatedRows()));
            }

            @Override
            public java.util.Optional<io.syncc.runtime.meta.QueryProblem> checkQuery(String sql) {
                return pg.checkQuery(sql);
            }

            @Override
            public void createTable(String ddl) {
                pg.createTable(ddl);
            }

            @Override
            public void close() {
                pg.close();
            }
        };
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        PostgresDatasourcePlan pg = (PostgresDatasourcePlan) datasource;
        PgConnections connections = PgConnections.of(pg, workDir);
        try (Connection c = connections.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_user, current_database()")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " at " + connections.safeUrl() + ", database " + rs.getString(3)
                    + " as " + rs.getString(2);
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + pg.name() + "': " + PgConnections.message(e), e);
        }
    }
}
