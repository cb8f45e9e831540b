package io.syncc.compiler.plan;

import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.CheckedJob.SourceColumnUse;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import java.util.ArrayList;
import java.util.List;

/** Checked job → the runtime's plan (no secrets: datasources carry only references to them). */
public final class Planner {

    public static final String GENERATED_PACKAGE = "io.syncc.generated";

    private Planner() {
    }

    public static JobPlan plan(CheckedJob job) {
        boolean file = job.sourceDatasource() instanceof FileDatasourcePlan;
        List<SourceColumn> sourceColumns = new ArrayList<>();
        for (int i = 0; i < job.sourceColumns().size(); i++) {
            SourceColumnUse c = job.sourceColumns().get(i);
            sourceColumns.add(new SourceColumn(c.name(), c.stored(), c.readAs(), c.format().orElse(null), file ? c.position() : i));
        }
        SourcePlan source = new SourcePlan(job.sourceDatasource(), job.sourceSchema(), job.sourceTable(), sourceColumns,
                job.where().orElse(null), job.splitBy().orElse(null), job.csvFieldCount(),
                job.incrementalBy().orElse(null), job.partitioning().orElse(null), fileHeader(job));
        List<SinkColumn> sinkColumns = job.mappings().stream()
                .map(m -> new SinkColumn(m.sink().name(), m.sink().type(), m.sink().nullable())).toList();
        SinkPlan sink = new SinkPlan(job.sinkDatasource(), job.sinkSchema(), job.sinkTable(), sinkColumns, job.primaryKey(),
                job.write(), job.conflict(), job.mode(), job.createIfMissing() ? createTable(job) : null, job.before(), job.after(),
                job.sinkPartition().orElse(null),
                job.addedColumns().stream().map(c -> new SinkColumn(c.name(), c.type(), true)).toList());
        return new JobPlan(job.name(), job.file(), source, sink, job.channel(), job.parameters().stream().sorted().toList(),
                GENERATED_PACKAGE + "." + className(job.name()));
    }

    /** The header the checked CSV file had (the table's file columns), which every file of the table must have. */
    private static List<String> fileHeader(CheckedJob job) {
        if (!(job.sourceDatasource() instanceof io.syncc.runtime.plan.CsvDatasourcePlan csv) || !csv.header()) {
            return List.of();
        }
        return job.fileColumns();
    }

    /** The CREATE TABLE the sink needs for the mapped columns (primary key kept). */
    public static String createTable(CheckedJob job) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(SqlNames.quote(job.sinkSchema())).append('.').append(SqlNames.quote(job.sinkTable())).append(" (\n");
        List<String> lines = new ArrayList<>();
        for (CheckedJob.ColumnMapping m : job.mappings()) {
            boolean key = job.primaryKey().contains(m.sink().name());
            lines.add("  " + SqlNames.quote(m.sink().name()) + " " + m.sink().type().sql() + (key || !m.sink().nullable() ? " NOT NULL" : ""));
        }
        if (!job.primaryKey().isEmpty()) {
            lines.add("  PRIMARY KEY (" + String.join(", ", job.primaryKey().stream().map(SqlNames::quote).toList()) + ")");
        }
        sql.append(String.join(",\n", lines)).append("\n)");
        job.sinkPartition().ifPresent(p -> sql.append(" PARTITION BY LIST (").append(SqlNames.quote(p.key())).append(')'));
        return sql.toString();
    }

    /** {@code bank_data_to_holo} → {@code BankDataToHoloJob}. */
    public static String className(String jobName) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : jobName.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (sb.length() == 0 || !Character.isLetter(sb.charAt(0))) {
            sb.insert(0, 'J');
        }
        return sb + "Job";
    }
}
