package io.syncc.compiler.catalog;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.meta.PostgresMetadata;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live metadata: PostgreSQL catalogs over JDBC, files by reading their header and a sample.
 * Caches per run; one connection per datasource, closed by {@link #close()}.
 */
public final class LiveCatalog implements Catalog, AutoCloseable {

    private final Path workDir;
    private final CsvCatalog csv = new CsvCatalog();
    private final JsonlCatalog jsonl = new JsonlCatalog();
    private final Map<String, PostgresMetadata> connections = new HashMap<>();
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
        if (datasource instanceof CsvDatasourcePlan c) {
            result = csv.table(c, table);
        } else if (datasource instanceof io.syncc.runtime.plan.JsonlDatasourcePlan j) {
            result = jsonl.table(j, table);
        } else {
            PostgresDatasourcePlan pg = (PostgresDatasourcePlan) datasource;
            try {
                List<PostgresMetadata.Column> cols = metadata(pg).columns(schema, table);
                if (cols.isEmpty()) {
                    result = Optional.empty();
                } else {
                    List<ColumnInfo> columns = new ArrayList<>();
                    for (PostgresMetadata.Column c : cols) {
                        columns.add(new ColumnInfo(c.name(), c.pgType(), c.type().orElse(null), c.nullable(), c.hasDefault(),
                                c.primaryKeyPosition()));
                    }
                    result = Optional.of(new TableInfo(schema, table, columns));
                }
            } catch (SyncException e) {
                throw new MetadataException(e.getMessage(), e);
            }
        }
        tables.put(key, result);
        return result;
    }

    @Override
    public List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException {
        if (datasource instanceof CsvDatasourcePlan c) {
            return csv.tables(c);
        }
        if (datasource instanceof io.syncc.runtime.plan.JsonlDatasourcePlan j) {
            return jsonl.tables(j);
        }
        try {
            return metadata((PostgresDatasourcePlan) datasource).tables(schema == null ? "public" : schema)
                    .stream().map(PostgresMetadata.Table::name).toList();
        } catch (SyncException e) {
            throw new MetadataException(e.getMessage(), e);
        }
    }

    private PostgresMetadata metadata(PostgresDatasourcePlan pg) {
        return connections.computeIfAbsent(pg.name(), n -> PostgresMetadata.connect(pg, workDir));
    }

    @Override
    public void close() {
        connections.values().forEach(PostgresMetadata::close);
        connections.clear();
    }
}
