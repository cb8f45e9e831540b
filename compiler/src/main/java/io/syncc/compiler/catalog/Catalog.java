package io.syncc.compiler.catalog;

import io.syncc.runtime.plan.DatasourcePlan;
import java.util.List;
import java.util.Optional;

/**
 * Where the checker gets tables and columns: live metadata, or a snapshot file so that a build
 * needs no database. The same interface serves completion later, so "unknown table" and the
 * list of tables offered can never disagree.
 */
public interface Catalog {

    /**
     * @param schema the schema, or {@code null} for the default ({@code public}) or for files
     * @return the table, or empty when it does not exist
     */
    Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException;

    /** Names of the tables (or files) of a datasource, for suggestions. */
    List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException;

    /**
     * Checks a query against the datasource without running it ({@code ?} marks a bound
     * parameter); empty when it is fine or when this catalog cannot tell (a snapshot).
     */
    default Optional<io.syncc.runtime.meta.QueryProblem> checkQuery(DatasourcePlan datasource, String sql) throws MetadataException {
        return Optional.empty();
    }
}
