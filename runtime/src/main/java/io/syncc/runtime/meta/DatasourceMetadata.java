package io.syncc.runtime.meta;

import java.util.List;
import java.util.Optional;

/**
 * What a connector tells the checker, the catalog snapshot and the editor about a datasource's
 * tables. Failures are {@code SyncException}s naming the datasource. Implementations may hold a
 * connection: close them.
 */
public interface DatasourceMetadata extends AutoCloseable {

    /** Table names in {@code schema} ({@code null}: the default schema, or files). */
    List<String> tables(String schema);

    /** The table, or empty when it does not exist. */
    Optional<TableMeta> table(String schema, String table);

    @Override
    default void close() {
    }
}
