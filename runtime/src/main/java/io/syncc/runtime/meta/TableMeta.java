package io.syncc.runtime.meta;

import java.util.List;
import java.util.Objects;

/**
 * A table (or file) as a connector's metadata describes it.
 *
 * @param schema  its schema, or {@code null} for files
 * @param name    its name (for files: the file or folder relative to the datasource's path)
 * @param columns its columns, in order
 * @param comment the datasource's comment on it, or {@code null}
 * @param estimatedRows the datasource's estimate of its rows ({@code pg_class.reltuples}), -1 when unknown
 * @param partitionKeys the partition keys of a partitioned file dataset, whose columns are the last
 *                      {@code partitionKeys.size()} of {@code columns}; empty otherwise
 */
public record TableMeta(String schema, String name, List<ColumnMeta> columns, String comment, long estimatedRows,
                        List<String> partitionKeys) {

    /** A table without a comment or an estimate. */
    public TableMeta(String schema, String name, List<ColumnMeta> columns) {
        this(schema, name, columns, null, -1);
    }

    /** A table that is not a partitioned file dataset. */
    public TableMeta(String schema, String name, List<ColumnMeta> columns, String comment, long estimatedRows) {
        this(schema, name, columns, comment, estimatedRows, List.of());
    }

    public TableMeta {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
    }
}
