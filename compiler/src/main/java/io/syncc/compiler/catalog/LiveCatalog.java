package io.syncc.compiler.catalog;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.meta.DatasourceMetadata;
import io.syncc.runtime.meta.TableMeta;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SyncException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live metadata, from each datasource's connector ({@code spi.Connector#metadata}): database
 * catalogs, files' headers and samples. Caches per run; one metadata session (for a database, one
 * connection) per datasource, closed by {@link #close()}.
 */
public final class LiveCatalog implements Catalog, AutoCloseable {

    private final Path workDir;
    private final Map<DatasourcePlan, DatasourceMetadata> sessions = new HashMap<>();
    /** By datasource settings (an edited url is another datasource), schema and table. */
    private final Map<List<Object>, Optional<TableInfo>> tables = new HashMap<>();

    public LiveCatalog(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException {
        List<Object> key = java.util.Arrays.asList(datasource, schema, table);
        if (tables.containsKey(key)) {
            return tables.get(key);
        }
        Optional<TableInfo> result;
        result = ask(datasource, m -> m.table(schema, table).map(LiveCatalog::info));
        tables.put(key, result);
        return result;
    }

    @Override
    public List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException {
        return ask(datasource, m -> m.tables(schema));
    }

    @Override
    public Optional<io.syncc.runtime.meta.QueryProblem> checkQuery(DatasourcePlan datasource, String sql) throws MetadataException {
        return ask(datasource, m -> m.checkQuery(sql));
    }

    /** Forgets the tables asked about so far (a long-lived cache above this one decides when to ask again). */
    public void forgetTables() {
        tables.clear();
    }

    /** Runs a {@code CREATE TABLE} on the datasource (the editor's "create the sink table", on request). */
    public void createTable(DatasourcePlan datasource, String ddl) throws MetadataException {
        ask(datasource, m -> {
            m.createTable(ddl);
            return null;
        });
        tables.keySet().removeIf(k -> k.get(0).equals(datasource));
    }

    private static TableInfo info(TableMeta t) {
        return new TableInfo(t.schema(), t.name(), t.columns().stream().map(LiveCatalog::info).toList(), t.comment(), t.estimatedRows(),
                t.partitionKeys());
    }

    private static ColumnInfo info(ColumnMeta c) {
        return new ColumnInfo(c.name(), c.typeName(), c.type(), c.nullable(), c.hasDefault(), c.keyPosition(), c.comment());
    }

    /**
     * Asks the datasource's session; a session whose connection was lost (a terminated backend, a
     * restarted server, a dropped network: a transient failure) is closed and the question asked
     * once more on a new one, so a long-lived catalog never keeps a dead connection.
     */
    private <T> T ask(DatasourcePlan datasource, java.util.function.Function<DatasourceMetadata, T> question) throws MetadataException {
        for (int attempt = 0; ; attempt++) {
            try {
                return question.apply(metadata(datasource));
            } catch (SyncException e) {
                if (e.kind() != SyncException.Kind.TRANSIENT || attempt > 0) {
                    throw new MetadataException(e.getMessage(), e);
                }
                DatasourceMetadata lost = sessions.remove(datasource);
                if (lost != null) {
                    lost.close();
                }
            }
        }
    }

    /** One session per datasource (keyed by its settings, so an edited url is a new session). */
    private DatasourceMetadata metadata(DatasourcePlan ds) {
        return sessions.computeIfAbsent(ds, d -> Connectors.forType(d.type()).metadata(d, workDir));
    }

    @Override
    public void close() {
        sessions.values().forEach(DatasourceMetadata::close);
        sessions.clear();
    }
}
