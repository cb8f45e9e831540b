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
    private final Map<String, Optional<TableInfo>> tables = new HashMap<>();

    public LiveCatalog(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException {
        String key = datasource.name() + "\0" + schema + "\0" + table;
        if (tables.containsKey(key)) {
            return tables.get(key);
        }
        Optional<TableInfo> result;
        try {
            result = metadata(datasource).table(schema, table).map(LiveCatalog::info);
        } catch (SyncException e) {
            throw new MetadataException(e.getMessage(), e);
        }
        tables.put(key, result);
        return result;
    }

    @Override
    public List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException {
        try {
            return metadata(datasource).tables(schema);
        } catch (SyncException e) {
            throw new MetadataException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<io.syncc.runtime.meta.QueryProblem> checkQuery(DatasourcePlan datasource, String sql) throws MetadataException {
        try {
            return metadata(datasource).checkQuery(sql);
        } catch (SyncException e) {
            throw new MetadataException(e.getMessage(), e);
        }
    }

    private static TableInfo info(TableMeta t) {
        return new TableInfo(t.schema(), t.name(), t.columns().stream().map(LiveCatalog::info).toList());
    }

    private static ColumnInfo info(ColumnMeta c) {
        return new ColumnInfo(c.name(), c.typeName(), c.type(), c.nullable(), c.hasDefault(), c.keyPosition());
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
