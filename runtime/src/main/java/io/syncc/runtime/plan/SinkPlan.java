package io.syncc.runtime.plan;

import java.util.List;
import java.util.Objects;

/**
 * Where and how to write.
 *
 * @param datasource    the datasource written to (its connector decides how)
 * @param schema        target schema ({@code public} when not given)
 * @param table         target table
 * @param columns       the columns written, in the order of the generated sink row
 * @param primaryKey    the target's primary key columns (empty when it has none)
 * @param write         COPY or INSERT
 * @param conflict      what to do with rows whose key already exists
 * @param mode          append, or overwrite atomically
 * @param createTable   CREATE TABLE statement run when the table does not exist; {@code null} unless {@code create if missing}
 * @param before        SQL run before the load
 * @param after         SQL run after the load (in the same transaction as the final commit where possible)
 * @param partition     the list partition written ({@code partition key = "value"}), or by row value
 *                      ({@code partition key}); {@code null} for a table written as a whole
 * @param addColumns    columns the existing table lacks, added before the load ({@code add missing columns})
 */
public record SinkPlan(
        DatasourcePlan datasource,
        String schema,
        String table,
        List<SinkColumn> columns,
        List<String> primaryKey,
        WriteMethod write,
        ConflictStrategy conflict,
        LoadMode mode,
        String createTable,
        List<SqlText> before,
        List<SqlText> after,
        Partition partition,
        List<SinkColumn> addColumns) {

    public SinkPlan(DatasourcePlan datasource, String schema, String table, List<SinkColumn> columns, List<String> primaryKey,
                    WriteMethod write, ConflictStrategy conflict, LoadMode mode, String createTable, List<SqlText> before,
                    List<SqlText> after) {
        this(datasource, schema, table, columns, primaryKey, write, conflict, mode, createTable, before, after, null, List.of());
    }

    /**
     * A list-partitioned target's partition.
     *
     * @param key   the partition key column
     * @param value the partition's value as written ({@code ${param}} resolved at run time); {@code null}:
     *              each row goes to the partition of its own value, created when missing
     */
    public record Partition(String key, String value) {
        public Partition {
            Objects.requireNonNull(key, "key");
        }
    }

    public SinkPlan {
        Objects.requireNonNull(datasource, "datasource");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(mode, "mode");
        before = List.copyOf(before);
        after = List.copyOf(after);
        addColumns = addColumns == null ? List.of() : List.copyOf(addColumns);
    }

    public enum WriteMethod { COPY, INSERT }

    /** NONE: no {@code on conflict} clause; a duplicate key is a rejected (dirty) row. */
    public enum ConflictStrategy { NONE, REPLACE, IGNORE, FAIL }

    public enum LoadMode { APPEND, OVERWRITE }
}
