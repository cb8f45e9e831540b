package io.syncc.compiler.catalog;

import io.syncc.runtime.plan.DatasourcePlan;
import java.util.List;
import java.util.Optional;

/** Live metadata, with every answer recorded into a snapshot ({@code syncc catalog pull}). */
public final class RecordingCatalog implements Catalog {

    private final Catalog live;
    private SnapshotCatalog.Snapshot snapshot;

    public RecordingCatalog(Catalog live, SnapshotCatalog.Snapshot start) {
        this.live = live;
        this.snapshot = start;
    }

    @Override
    public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException {
        Optional<TableInfo> t = live.table(datasource, schema, table);
        List<String> names = live.tables(datasource, schema).stream()
                .map(n -> SnapshotCatalog.key(schema, n)).toList();
        snapshot = SnapshotCatalog.with(snapshot, datasource.name(), schema, table, t, names);
        return t;
    }

    @Override
    public List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException {
        return live.tables(datasource, schema);
    }

    public SnapshotCatalog.Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Optional<io.syncc.runtime.meta.QueryProblem> checkQuery(DatasourcePlan datasource, String sql) throws MetadataException {
        return live.checkQuery(datasource, sql);
    }
}
