package io.syncc.runtime.plan;

import java.util.List;
import java.util.Objects;

/**
 * What to read.
 *
 * @param datasource the datasource read from
 * @param schema     schema of a database table; {@code null} for files (and then the default schema)
 * @param table      table name; for CSV the file (or sub-folder) name under the datasource path
 * @param columns    the source columns the job uses, in the order of the generated source row
 * @param where      optional filter with {@code ?} placeholders for parameters (SQL sources only)
 * @param splitBy    optional column used to divide the table into key ranges (SQL sources only)
 * @param csvFieldCount number of fields every CSV record must have (from the header); 0 for SQL
 * @param incrementalBy the column an incremental job's watermark is a value of, or {@code null}
 * @param partitioning  the partitions of a partitioned file dataset and which are read, or {@code null}
 * @param fileHeader    the header every file of a CSV table must have (its columns' names in the order the
 *                      job was checked with; a file may order them otherwise); empty without a header
 */
public record SourcePlan(
        DatasourcePlan datasource,
        String schema,
        String table,
        List<SourceColumn> columns,
        SqlText where,
        String splitBy,
        int csvFieldCount,
        String incrementalBy,
        Partitioning partitioning,
        List<String> fileHeader) {

    public SourcePlan(DatasourcePlan datasource, String schema, String table, List<SourceColumn> columns, SqlText where, String splitBy,
                      int csvFieldCount) {
        this(datasource, schema, table, columns, where, splitBy, csvFieldCount, null, null, List.of());
    }

    public SourcePlan {
        Objects.requireNonNull(datasource, "datasource");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        fileHeader = fileHeader == null ? List.of() : List.copyOf(fileHeader);
    }
}
