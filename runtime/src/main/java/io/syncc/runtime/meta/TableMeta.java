package io.syncc.runtime.meta;

import java.util.List;
import java.util.Objects;

/**
 * A table (or file) as a connector's metadata describes it.
 *
 * @param schema  its schema, or {@code null} for files
 * @param name    its name (for files: the file or folder relative to the datasource's path)
 * @param columns its columns, in order
 */
public record TableMeta(String schema, String name, List<ColumnMeta> columns) {

    public TableMeta {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
