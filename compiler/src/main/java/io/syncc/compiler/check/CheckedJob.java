package io.syncc.compiler.check;

import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.Literal;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.types.SqlType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job that passed every check: names resolved against metadata, every sink column's value
 * decided and typed. The planner and code generator work only from this.
 */
public record CheckedJob(
        JobDecl decl,
        String file,
        DatasourcePlan sourceDatasource,
        String sourceSchema,
        String sourceTable,
        Optional<SqlText> where,
        Optional<String> splitBy,
        Optional<String> incrementalBy,
        Optional<io.syncc.runtime.plan.Partitioning> partitioning,
        int csvFieldCount,
        List<SourceColumnUse> sourceColumns,
        DatasourcePlan sinkDatasource,
        String sinkSchema,
        String sinkTable,
        boolean sinkExists,
        List<String> primaryKey,
        List<ColumnMapping> mappings,
        SinkPlan.WriteMethod write,
        SinkPlan.ConflictStrategy conflict,
        SinkPlan.LoadMode mode,
        boolean createIfMissing,
        List<SqlText> before,
        List<SqlText> after,
        ChannelPlan channel,
        Optional<CheckedSchedule> schedule,
        Set<String> parameters,
        Optional<io.syncc.runtime.plan.SinkPlan.Partition> sinkPartition,
        List<SinkColumnDef> addedColumns,
        List<String> fileColumns) {

    public CheckedJob {
        Objects.requireNonNull(decl, "decl");
        sourceColumns = List.copyOf(sourceColumns);
        primaryKey = List.copyOf(primaryKey);
        mappings = List.copyOf(mappings);
        before = List.copyOf(before);
        after = List.copyOf(after);
        parameters = Set.copyOf(parameters);
        addedColumns = List.copyOf(addedColumns);
        fileColumns = List.copyOf(fileColumns);
    }

    public String name() {
        return decl.name().text();
    }

    /**
     * A source column the job reads.
     *
     * @param name     column name in the source
     * @param stored   type in the source
     * @param readAs   type the reader produces ({@code as} conversion, or for files the sink type)
     * @param format   java.time pattern for text → temporal reads
     * @param position CSV field index, or index in the SELECT list
     */
    public record SourceColumnUse(String name, SqlType stored, SqlType readAs, Optional<String> format, int position) {
    }

    /** A sink column and its type. */
    public record SinkColumnDef(String name, SqlType type, boolean nullable) {
    }

    /** Where a sink column's value comes from. */
    public sealed interface ColumnMapping {
        SinkColumnDef sink();
    }

    /** From source column {@code sourceColumns().get(source)}, with a value used when it is null. */
    public record FromColumn(SinkColumnDef sink, int source, Optional<Literal> defaultValue) implements ColumnMapping {
    }

    /** A constant or a {@code ${parameter}}. */
    public record Constant(SinkColumnDef sink, Literal value) implements ColumnMapping {
    }

    /** Cron and parameter expressions of a {@code schedule} block (executed by a later release). */
    public record CheckedSchedule(Optional<String> cron, java.util.Map<String, String> params, List<String> after) {
    }
}
