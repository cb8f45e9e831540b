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

    /**
     * Checks a query the way the datasource would run it, without running it (for a database:
     * parsed, analysed and described, never executed), so a misspelt column in a {@code where} is
     * found at check time. {@code ?} marks a bound parameter.
     *
     * @return the problem, or empty when the query is fine or the datasource cannot tell
     */
    default java.util.Optional<QueryProblem> checkQuery(String sql) {
        return java.util.Optional.empty();
    }

    /**
     * Runs a {@code CREATE TABLE} statement the planner wrote (the editor's "create the sink table",
     * on the user's request). Datasources without tables refuse.
     */
    default void createTable(String ddl) {
        throw io.syncc.runtime.spi.SyncException.configuration("this datasource has no tables to create");
    }

    @Override
    default void close() {
    }
}
