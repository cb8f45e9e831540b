package io.syncc.compiler.check;

import io.syncc.compiler.diag.Suggestions;
import io.syncc.compiler.ast.ChannelBlock;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.Literal;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.StringLit;
import io.syncc.compiler.ast.TableRef;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.CheckedJob.CheckedSchedule;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.plan.Partitioning;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks one job: its blocks, the tables it names (against the catalog), its mapping, channel and schedule. */
final class JobChecker {

    static final int DEFAULT_PARALLELISM = 2;
    static final int MAX_PARALLELISM = 256;

    private final Diagnostics diagnostics;
    private final Map<String, DatasourcePlan> datasources;
    private final Set<String> invalid;
    /** Names for suggestions (declaration order) and for expected lists (sorted; one list shared by every finding). */
    private final List<String> datasourceNames;
    private final List<String> sortedDatasourceNames;
    private final Catalog catalog;

    /** @param invalid names of datasources declared with errors (already reported; not "unknown" at their uses) */
    JobChecker(Diagnostics diagnostics, Map<String, DatasourcePlan> datasources, Set<String> invalid, Catalog catalog) {
        this.invalid = Set.copyOf(invalid);
        this.diagnostics = diagnostics;
        this.datasources = datasources;
        this.catalog = catalog;
        this.datasourceNames = datasources.values().stream().map(DatasourcePlan::name).toList();
        this.sortedDatasourceNames = datasourceNames.stream().sorted().toList();
    }

    private record Source(DatasourcePlan datasource, String schema, String table, TableInfo info,
                          Optional<SqlText> where, Optional<String> splitBy, Optional<Incremental> incremental,
                          Optional<Partitioning> partitioning, Set<String> partitionParams) {
    }

    /** {@code incremental by column}, resolved: where it was written and whether it tracks updates (a time). */
    private record Incremental(String column, SourceRange at, boolean temporal) {
    }

    private record Sink(DatasourcePlan datasource, String schema, String table, Optional<TableInfo> info,
                        SinkPlan.WriteMethod write, SinkPlan.ConflictStrategy conflict, SourceRange conflictAt,
                        SinkPlan.LoadMode mode, boolean create, List<SqlText> before, List<SqlText> after,
                        Optional<SinkBlock.CreateIfMissing> createOptions, Optional<SinkBlock.PartitionSetting> partition,
                        boolean addColumns) {
    }

    /** Whether the job being checked lost nothing to a syntax error. */
    private boolean intact = true;
    /** The job's {@code columns { }} declarations: column name → where its type is written. */
    private final Map<String, SourceRange> declaredTypes = new java.util.HashMap<>();

    /**
     * @param intact false when something inside the job was left out for a syntax error: its blocks
     *               are checked as far as they go (datasources, tables, settings), but a missing block
     *               is not reported and the mapping is not resolved (it may be what was left out)
     */
    Optional<CheckedJob> check(JobDecl job, String file, boolean intact) {
        this.intact = intact;
        this.declaredTypes.clear();
        int errorsBefore = diagnostics.errorCount();
        SourceBlock sourceBlock = single(job.sources(), "source", job, SourceBlock::range);
        SinkBlock sinkBlock = single(job.sinks(), "sink", job, SinkBlock::range);
        MapBlock map = atMostOne(job.maps(), "map", MapBlock::range);
        ChannelBlock channelBlock = atMostOne(job.channels(), "channel", ChannelBlock::range);
        var scheduleBlock = atMostOne(job.schedules(), "schedule", s -> s.range());

        Optional<Source> source = sourceBlock == null ? Optional.empty() : source(sourceBlock);
        Optional<Sink> sink = sinkBlock == null ? Optional.empty() : sink(sinkBlock);
        ChannelPlan channel = channel(channelBlock);
        Optional<CheckedSchedule> schedule = scheduleBlock == null ? Optional.empty()
                : Optional.of(new ScheduleChecker(diagnostics).check(scheduleBlock));

        if (source.isEmpty() || sink.isEmpty() || !intact) {
            return Optional.empty();
        }
        Source src = source.get();
        Sink snk = sink.get();
        String sourceName = src.datasource().name() + "." + src.info().qualifiedName();
        String sinkName = snk.datasource().name() + "." + (snk.schema().isEmpty() ? "" : snk.schema() + ".") + snk.table();
        SourceRange anchor = map != null ? headerOf(map.range()) : job.name().range();
        boolean fileSource = src.datasource() instanceof FileDatasourcePlan;
        MappingResolver resolver = new MappingResolver(diagnostics).declaredTypes(declaredTypes)
                .addMissing(snk.addColumns() && snk.info().isPresent())
                .forwardsBinary(io.syncc.runtime.spi.Connectors.forwardsPgBinary(src.datasource(), snk.datasource()),
                        snk.write() == SinkPlan.WriteMethod.INSERT);
        if (snk.info().isEmpty() && snk.createOptions().isPresent()) {
            SinkBlock.CreateIfMissing options = snk.createOptions().get();
            Map<String, SqlType> types = new java.util.HashMap<>();
            for (SourceBlock.ColumnDef def : options.columns()) {
                TypeRules.resolve(def.type(), diagnostics).ifPresent(t -> types.put(def.name().key(), t));
            }
            resolver.createOptions(types, options.notNull().stream().map(Name::key).collect(Collectors.toSet()), options.primaryKey());
        }
        Optional<MappingResolver.Result> mapping = resolver.resolve(map, anchor, src.info(), fileSource, snk.info(), sourceName, sinkName);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        int beforeOptions = diagnostics.errorCount();
        snk.createOptions().filter(o -> snk.info().isEmpty()).ifPresent(o -> createdColumnsExist(o, mapping.get(), sinkName));
        if (diagnostics.errorCount() > beforeOptions) {
            return Optional.empty();
        }
        List<String> primaryKey = snk.info().map(TableInfo::primaryKey).orElse(mapping.get().createdKey());
        Optional<SinkPlan.Partition> sinkPartition = Optional.empty();
        if (snk.partition().isPresent()) {
            int before = diagnostics.errorCount();
            sinkPartition = sinkPartition(snk.partition().get(), snk, mapping.get(), primaryKey, sinkName);
            if (sinkPartition.isPresent() && snk.info().isEmpty() && !primaryKey.isEmpty()
                    && !primaryKey.contains(sinkPartition.get().key())) {
                // a key of a partitioned table must hold the partition key: (id) becomes (id, sale_date)
                List<String> withKey = new ArrayList<>(primaryKey);
                withKey.add(sinkPartition.get().key());
                primaryKey = withKey;
            }
            if (diagnostics.errorCount() > before) {
                return Optional.empty();
            }
        }
        if (snk.conflict() != SinkPlan.ConflictStrategy.NONE && primaryKey.isEmpty()) {
            diagnostics.error(Code.CONFLICT_WITHOUT_KEY, snk.conflictAt(), "on conflict needs a primary key, but "
                    + sinkName + (snk.info().isPresent() ? " has none" : " would be created without one (the source has no primary key)"));
        }
        if (snk.mode() == SinkPlan.LoadMode.APPEND && snk.conflict() == SinkPlan.ConflictStrategy.NONE && sameTable(src, snk)) {
            diagnostics.error(Code.SINK_IS_SOURCE, sinkBlock.table().range(), "the sink is the source table (" + sourceName
                    + "): appending a table onto itself doubles its rows; write into another table, or use on conflict or"
                    + " mode overwrite");
        }
        src.incremental().ifPresent(inc -> incrementalSink(inc, snk, sinkName));
        Set<String> parameters = parameters(src, snk, mapping.get());
        schedule.ifPresent(s -> checkDeclared(parameters, s, job));
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        int csvFields = fileSource ? src.info().fileColumns() : 0;
        return Optional.of(new CheckedJob(job, file, src.datasource(), src.schema(), src.table(), src.where(), src.splitBy(),
                src.incremental().map(Incremental::column), src.partitioning(), csvFields, mapping.get().sourceColumns(), snk.datasource(), snk.schema(), snk.table(), snk.info().isPresent(),
                primaryKey, mapping.get().mappings(), snk.write(), snk.conflict(), snk.mode(), snk.create(), snk.before(),
                snk.after(), channel, schedule, parameters, sinkPartition, added(snk, mapping.get()),
                fileSource ? src.info().columns().subList(0, csvFields).stream().map(ColumnInfo::name).toList() : List.of()));
    }

    /** Whether source and sink are one table: the same PostgreSQL URL (database; both embedded), schema and table. */
    private static boolean sameTable(Source src, Sink snk) {
        return src.datasource() instanceof io.syncc.runtime.plan.PostgresDatasourcePlan a
                && snk.datasource() instanceof io.syncc.runtime.plan.PostgresDatasourcePlan b
                && java.util.Objects.equals(a.url(), b.url()) && (a.url() == null || !a.url().contains("${")) // null: embedded
                && java.util.Objects.equals(src.schema(), snk.schema()) // TableNames: public when none is named
                && java.util.Objects.equals(src.table(), snk.table());
    }

    // ---- source ------------------------------------------------------------------------------

    private Optional<Source> source(SourceBlock block) {
        Optional<DatasourcePlan> ds = datasource(block.table().datasource());
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        boolean file = ds.get() instanceof FileDatasourcePlan;
        Optional<String[]> names = tableName(block.table(), ds.get());
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String template = names.get()[1];
        boolean templated = template.contains("${") || file && (template.indexOf('*') >= 0 || template.indexOf('?') >= 0);
        Optional<TableInfo> info = templated ? representative(ds.get(), names.get()[0], template, block.table())
                : lookup(ds.get(), names.get()[0], template, block.table());
        if (info.isEmpty()) {
            return Optional.empty();
        }
        TableInfo table = info.get();
        if (!ColumnNames.distinct(diagnostics, table, block.table().tableRange(), ds.get().name() + "." + table.qualifiedName(), file)) {
            return Optional.empty();
        }
        Optional<SqlText> where = Optional.empty();
        StringLit whereText = null;
        Optional<String> splitBy = Optional.empty();
        Optional<Incremental> incremental = Optional.empty();
        boolean incrementalSeen = false;
        SourceBlock.Partition partition = null;
        SourceBlock.AllowEmpty allowEmpty = null;
        for (SourceBlock.Item item : block.items()) {
            if (item instanceof SourceBlock.Where w) {
                if (file) {
                    diagnostics.error(Code.UNKNOWN_PROPERTY, w.range(), "where filters database sources; "
                            + ds.get().name() + " is a file datasource");
                } else if (where.isPresent()) {
                    diagnostics.error(Code.DUPLICATE_SETTING, w.range(), "where is given twice; combine the conditions with AND");
                } else {
                    int before = diagnostics.errorCount();
                    where = Optional.of(SqlParameters.bind(w.sql(), diagnostics));
                    whereText = diagnostics.errorCount() == before ? w.sql() : null; // its parameters are wrong: reported once
                }
            } else if (item instanceof SourceBlock.SplitBy s) {
                if (file) {
                    diagnostics.error(Code.SPLIT_NOT_SUPPORTED, s.range(), "split by divides database tables; files are split by file and byte range automatically");
                } else if (splitBy.isPresent()) {
                    diagnostics.error(Code.DUPLICATE_SETTING, s.range(), "split by is given twice");
                } else {
                    Optional<ColumnInfo> c = column(table, s.column(), ds.get().name());
                    if (c.isPresent()) {
                        SqlType t = c.get().type();
                        if (t != null && (t.kind() == SqlType.Kind.REAL || t.kind() == SqlType.Kind.DOUBLE)) {
                            // floating keys have NaN, and ranges of rounded bounds can lose or repeat rows
                            diagnostics.error(Code.SPLIT_NOT_SUPPORTED, s.column().range(), "split by cannot divide a floating-point column; '"
                                    + c.get().name() + "' is " + c.get().typeName() + "; use an integer, numeric, date or timestamp column, "
                                    + "or leave split by out to divide the table by page ranges");
                        } else if (t == null || !(t.kind().isNumeric() || t.kind() == SqlType.Kind.DATE || t.kind() == SqlType.Kind.TIMESTAMP
                                || t.kind() == SqlType.Kind.TIMESTAMPTZ)) {
                            diagnostics.error(Code.SPLIT_NOT_SUPPORTED, s.column().range(), "split by needs an integer, numeric, date or timestamp column; '"
                                    + c.get().name() + "' is " + c.get().typeName());
                        } else {
                            splitBy = Optional.of(c.get().name());
                        }
                    }
                }
            } else if (item instanceof SourceBlock.IncrementalBy inc) {
                if (incrementalSeen) {
                    diagnostics.error(Code.DUPLICATE_SETTING, inc.range(), "incremental by is given twice");
                    continue;
                }
                incrementalSeen = true;
                incremental = incremental(inc, ds.get(), table, file);
            } else if (item instanceof SourceBlock.Partition p) {
                if (partition != null) {
                    diagnostics.error(Code.DUPLICATE_SETTING, p.range(), "partition is given twice; list every key in one partition clause");
                } else {
                    partition = p;
                }
            } else if (item instanceof SourceBlock.AllowEmpty a) {
                if (allowEmpty != null) {
                    diagnostics.error(Code.DUPLICATE_SETTING, a.range(), "allow empty is given twice");
                }
                allowEmpty = a;
            } else if (item instanceof SourceBlock.Columns cols) {
                if (!file) {
                    diagnostics.error(Code.UNKNOWN_PROPERTY, cols.range(), "columns { } declares types of file columns; "
                            + "database columns have their types already");
                    continue;
                }
                table = withDeclaredTypes(table, cols, ds.get().name());
            }
        }
        if (where.isPresent() && whereText != null) {
            new SqlCheck(catalog, diagnostics).where(ds.get(), names.get()[0] == null ? "public" : names.get()[0],
                    templated ? table.name() : names.get()[1], whereText, where.get());
        }
        // a file table is passed on as the file (or folder) it resolved to: bank_data -> bank_data.tsv
        String tableName = templated ? template : file ? table.name() : names.get()[1];
        Set<String> partitionParams = new LinkedHashSet<>();
        if (templated) {
            partitionParams.addAll(SqlParameters.names(template));
        }
        Optional<Partitioning> partitioning = partitioning(partition, allowEmpty, ds.get(), table, file, partitionParams);
        return Optional.of(new Source(ds.get(), names.get()[0], tableName, table, where, splitBy, incremental, partitioning,
                partitionParams));
    }

    /**
     * The partitions of a partitioned file dataset and which ones the {@code partition} clause
     * selects: keys must be the table's partition keys, each named once; {@code allow empty} goes
     * with a clause. Empty for a table without partitions (the clause is then an error).
     */
    private Optional<Partitioning> partitioning(SourceBlock.Partition clause, SourceBlock.AllowEmpty allowEmpty, DatasourcePlan ds,
                                                TableInfo table, boolean file, Set<String> params) {
        String tableName = ds.name() + "." + table.qualifiedName();
        if (clause != null && !file && !Connectors.forType(ds.type()).readsPartitions()) {
            diagnostics.error(Code.UNKNOWN_PROPERTY, clause.range(), "partition selects partitions of a partitioned dataset or"
                    + " table; datasource '" + ds.name() + "' (type " + ds.type() + ") has none: filter with where");
            return Optional.empty();
        }
        if (!file) {
            if (allowEmpty != null && clause == null) {
                diagnostics.error(Code.UNKNOWN_PROPERTY, allowEmpty.range(), "allow empty goes with a partition clause (it lets the"
                        + " clause match no partition)");
            }
            return clause == null ? Optional.empty() : tablePartitions(clause, allowEmpty, ds, table, params);
        }
        if (clause != null && table.partitionKeys().isEmpty()) {
            diagnostics.error(Code.UNKNOWN_PROPERTY, clause.range(), tableName + " is not partitioned: its folder has no key=value"
                    + " sub-folders");
            return Optional.empty();
        }
        if (allowEmpty != null && clause == null) {
            diagnostics.error(Code.UNKNOWN_PROPERTY, allowEmpty.range(), "allow empty goes with a partition clause (it lets the"
                    + " clause match no partition)");
        }
        if (table.partitionKeys().isEmpty()) {
            return Optional.empty();
        }
        List<Partitioning.Filter> filters = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SourceBlock.PartitionFilter f : clause == null ? List.<SourceBlock.PartitionFilter>of() : clause.filters()) {
            Optional<String> key = f.key().in(table.partitionKeys());
            if (key.isEmpty()) {
                diagnostics.error(Code.UNKNOWN_COLUMN, f.key().range(), "'" + f.key().text() + "' is not a partition key of " + tableName
                        + "; its keys: " + String.join(", ", table.partitionKeys())
                        + Suggestions.didYouMean(f.key().text(), table.partitionKeys()));
                continue;
            }
            if (!seen.add(key.get())) {
                diagnostics.error(Code.DUPLICATE_SETTING, f.range(), "partition key " + key.get() + " is given twice; use in (...)"
                        + " for several values");
                continue;
            }
            for (StringLit v : f.values()) {
                params.addAll(SqlParameters.names(v.value()));
            }
            filters.add(new Partitioning.Filter(key.get(), Partitioning.Op.valueOf(f.op().name()),
                    f.values().stream().map(StringLit::value).toList()));
        }
        return Optional.of(new Partitioning(table.partitionKeys(), filters, allowEmpty != null));
    }

    /** The columns {@code add missing columns} adds: written ones the existing sink table lacks. */
    private static List<CheckedJob.SinkColumnDef> added(Sink snk, MappingResolver.Result mapping) {
        if (snk.info().isEmpty() || !snk.addColumns()) {
            return List.of();
        }
        return mapping.mappings().stream().map(CheckedJob.ColumnMapping::sink)
                .filter(c -> snk.info().get().columns().stream().noneMatch(t -> t.name().equals(c.name()))).toList();
    }

    /**
     * The {@code partition} clause of a database table: its keys are columns (whether they are the
     * table's partition keys, the run asks the server, which also prunes to the partitions read).
     */
    private Optional<Partitioning> tablePartitions(SourceBlock.Partition clause, SourceBlock.AllowEmpty allowEmpty, DatasourcePlan ds,
                                                   TableInfo table, Set<String> params) {
        List<Partitioning.Filter> filters = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SourceBlock.PartitionFilter f : clause.filters()) {
            Optional<ColumnInfo> c = column(table, f.key(), ds.name());
            if (c.isEmpty()) {
                continue;
            }
            if (!seen.add(c.get().name())) {
                diagnostics.error(Code.DUPLICATE_SETTING, f.range(), "partition key " + c.get().name() + " is given twice; use in (...)"
                        + " for several values");
                continue;
            }
            f.values().forEach(v -> params.addAll(SqlParameters.names(v.value())));
            filters.add(new Partitioning.Filter(c.get().name(), Partitioning.Op.valueOf(f.op().name()),
                    f.values().stream().map(StringLit::value).toList()));
        }
        return Optional.of(new Partitioning(List.of(), filters, allowEmpty != null));
    }

    /**
     * {@code partition key [= "value"]} of a database sink: the key is a written column; {@code mode
     * overwrite} replaces one partition, so it needs the value; a created table's primary key must
     * hold the key; Hologres partitions by text and integer columns only.
     */
    private Optional<SinkPlan.Partition> sinkPartition(SinkBlock.PartitionSetting p, Sink snk, MappingResolver.Result mapping,
                                                       List<String> primaryKey, String sinkName) {
        List<CheckedJob.SinkColumnDef> written = mapping.mappings().stream().map(CheckedJob.ColumnMapping::sink).toList();
        List<String> names = written.stream().map(CheckedJob.SinkColumnDef::name).toList();
        Optional<CheckedJob.SinkColumnDef> key = p.key().in(names).flatMap(n -> written.stream().filter(c -> c.name().equals(n)).findFirst());
        if (key.isEmpty()) {
            diagnostics.error(Code.UNKNOWN_COLUMN, p.key().range(), "the partition key '" + p.key().text() + "' is not a column written to "
                    + sinkName + "; its columns: " + String.join(", ", names) + Suggestions.didYouMean(p.key().text(), names));
            return Optional.empty();
        }
        String k = key.get().name();
        if (snk.mode() == SinkPlan.LoadMode.OVERWRITE && p.value().isEmpty()) {
            diagnostics.error(Code.PARTITION_RULE, p.range(), "mode overwrite replaces one partition: give its value (partition " + k
                    + " = \"...\"), or write with mode append");
        }
        Optional<SinkBlock.CreateIfMissing> options = snk.createOptions();
        if (snk.info().isEmpty() && options.isPresent() && !options.get().primaryKey().isEmpty()
                && options.get().primaryKey().stream().noneMatch(n -> n.text().equalsIgnoreCase(k))) {
            diagnostics.error(Code.PARTITION_RULE, options.get().primaryKey().get(0).range(), "the primary key of a table partitioned by "
                    + k + " must hold " + k + " (a key is unique per partition); add it: primary key ("
                    + String.join(", ", options.get().primaryKey().stream().map(Name::text).toList()) + ", " + k + ")");
        }
        SqlType.Kind kind = key.get().type().kind();
        if ("hologres".equalsIgnoreCase(snk.datasource().type()) && kind != SqlType.Kind.TEXT && kind != SqlType.Kind.VARCHAR
                && kind != SqlType.Kind.INTEGER && kind != SqlType.Kind.BIGINT) {
            diagnostics.error(Code.PARTITION_RULE, p.key().range(), "Hologres partitions tables by a text, varchar, integer or bigint"
                    + " column; " + k + " is " + key.get().type().sql() + " (map it as text, for example " + k + " as text)");
        }
        return Optional.of(new SinkPlan.Partition(k, p.value().map(StringLit::value).orElse(null)));
    }

    /** {@code incremental by column}: a database source that reads increments, a timestamp, date or integer column. */
    private Optional<Incremental> incremental(SourceBlock.IncrementalBy inc, DatasourcePlan ds, TableInfo table, boolean file) {
        if (file || !Connectors.forType(ds.type()).readsIncrementally()) {
            diagnostics.error(Code.INCREMENTAL_NOT_SUPPORTED, inc.range(), "incremental by reads the rows of a database table after a"
                    + " watermark; datasource '" + ds.name() + "' is " + (file ? "a file datasource" : "of type " + ds.type()
                    + ", which cannot read increments"));
            return Optional.empty();
        }
        Optional<ColumnInfo> c = column(table, inc.column(), ds.name());
        if (c.isEmpty()) {
            return Optional.empty();
        }
        SqlType t = c.get().type();
        SqlType.Kind k = t == null ? null : t.kind();
        boolean temporal = k == SqlType.Kind.DATE || k == SqlType.Kind.TIMESTAMP || k == SqlType.Kind.TIMESTAMPTZ;
        boolean integral = k == SqlType.Kind.SMALLINT || k == SqlType.Kind.INTEGER || k == SqlType.Kind.BIGINT;
        if (!temporal && !integral) {
            diagnostics.error(Code.INCREMENTAL_NOT_SUPPORTED, inc.column().range(), "incremental by needs a timestamp, date or integer"
                    + " column whose value grows as rows are added or changed; '" + c.get().name() + "' is " + c.get().typeName());
            return Optional.empty();
        }
        return Optional.of(new Incremental(c.get().name(), inc.range(), temporal));
    }

    /**
     * The sink of an incremental job keeps the watermark beside the rows (so it is not a file) and
     * adds to the table (so not {@code mode overwrite}); a time column tracks updates, which append
     * a second row unless {@code on conflict replace} replaces the first.
     */
    private void incrementalSink(Incremental inc, Sink snk, String sinkName) {
        if (!Connectors.forType(snk.datasource().type()).keepsWatermarks()) {
            diagnostics.error(Code.INCREMENTAL_NOT_SUPPORTED, inc.at(), "incremental by keeps its watermark in the sink's database,"
                    + " committed with the rows it covers; datasource '" + snk.datasource().name() + "' (type " + snk.datasource().type()
                    + ") keeps none");
        } else if (snk.mode() == SinkPlan.LoadMode.OVERWRITE) {
            diagnostics.error(Code.INCREMENTAL_NOT_SUPPORTED, inc.at(), "incremental by with mode overwrite would replace " + sinkName
                    + " with only the rows after the watermark; use mode append (with on conflict replace), or leave incremental by out");
        } else if (inc.temporal() && snk.conflict() != SinkPlan.ConflictStrategy.REPLACE) {
            diagnostics.warning(Code.INCREMENTAL_APPENDS_UPDATES, inc.at(), "incremental by " + inc.column() + " reads a row again each"
                    + " time it is updated; without `on conflict replace` on " + sinkName + "'s primary key it is appended as another row");
        }
    }

    private TableInfo withDeclaredTypes(TableInfo table, SourceBlock.Columns cols, String dsName) {
        List<ColumnInfo> columns = new ArrayList<>(table.columns());
        Set<Integer> seen = new java.util.HashSet<>();
        for (SourceBlock.ColumnDef def : cols.columns()) {
            Optional<ColumnInfo> c = column(table, def.name(), dsName);
            if (c.isPresent() && !seen.add(table.indexOf(c.get()))) {
                diagnostics.error(Code.DUPLICATE_NAME, def.name().range(), "column '" + def.name().text() + "' is declared twice");
                continue;
            }
            Optional<SqlType> t = TypeRules.resolve(def.type(), diagnostics);
            if (c.isPresent() && t.isPresent()) {
                int i = table.indexOf(c.get());
                columns.set(i, new ColumnInfo(c.get().name(), t.get().sql(), t.get(), true, false, 0));
                declaredTypes.put(c.get().name(), def.type().range());
            }
        }
        return new TableInfo(table.schema(), table.name(), columns, table.comment(), table.estimatedRows(), table.partitionKeys());
    }

    // ---- sink --------------------------------------------------------------------------------

    private Optional<Sink> sink(SinkBlock block) {
        Optional<DatasourcePlan> ds = datasource(block.table().datasource());
        SinkPlan.WriteMethod write = SinkPlan.WriteMethod.COPY;
        SinkPlan.ConflictStrategy conflict = SinkPlan.ConflictStrategy.NONE;
        SourceRange conflictAt = block.range();
        SinkPlan.LoadMode mode = SinkPlan.LoadMode.APPEND;
        boolean create = false;
        Optional<SinkBlock.CreateIfMissing> createOptions = Optional.empty();
        Optional<SinkBlock.PartitionSetting> partition = Optional.empty();
        boolean addColumns = false;
        List<SqlText> before = new ArrayList<>();
        List<SqlText> after = new ArrayList<>();
        Map<StringLit, SqlText> checkable = new LinkedHashMap<>(); // before/after whose parameters are right
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (SinkBlock.Item item : block.items()) {
            boolean repeatable = item instanceof SinkBlock.Before || item instanceof SinkBlock.After;
            if (!repeatable && !seen.add(item.getClass())) {
                diagnostics.error(Code.DUPLICATE_SETTING, item.range(), "this sink setting is given twice");
                continue;
            }
            if (item instanceof SinkBlock.WriteSetting w) {
                write = w.method() == SinkBlock.Write.COPY ? SinkPlan.WriteMethod.COPY : SinkPlan.WriteMethod.INSERT;
            } else if (item instanceof SinkBlock.ConflictSetting c) {
                conflict = SinkPlan.ConflictStrategy.valueOf(c.strategy().name());
                conflictAt = c.range();
            } else if (item instanceof SinkBlock.ModeSetting m) {
                mode = m.mode() == SinkBlock.Mode.APPEND ? SinkPlan.LoadMode.APPEND : SinkPlan.LoadMode.OVERWRITE;
            } else if (item instanceof SinkBlock.CreateIfMissing c) {
                create = true;
                createOptions = Optional.of(c);
            } else if (item instanceof SinkBlock.PartitionSetting p) {
                partition = Optional.of(p);
            } else if (item instanceof SinkBlock.AddMissingColumns) {
                addColumns = true;
            } else if (item instanceof SinkBlock.Before b) {
                before.add(bindStatement(b.sql(), checkable));
            } else if (item instanceof SinkBlock.After a) {
                after.add(bindStatement(a.sql(), checkable));
            }
        }
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        if (ds.get() instanceof FileDatasourcePlan f) {
            return fileSink(block, f, write, conflict, conflictAt, mode, create, before, after);
        }
        if (!Connectors.forType(ds.get().type()).writesTables()) {
            diagnostics.error(Code.SINK_NOT_WRITABLE, block.table().datasource().range(), "datasource '" + ds.get().name()
                    + "' cannot be written");
            return Optional.empty();
        }
        DatasourcePlan pg = ds.get();
        Optional<String[]> names = tableName(block.table(), pg);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Optional<TableInfo> info;
        try {
            info = catalog.table(pg, names.get()[0], names.get()[1]);
        } catch (MetadataException e) {
            diagnostics.error(Code.METADATA_UNAVAILABLE, block.table().range(), "cannot read metadata of " + pg.name() + "."
                    + names.get()[0] + "." + names.get()[1] + ": " + e.getMessage());
            return Optional.empty();
        }
        SqlCheck sql = new SqlCheck(catalog, diagnostics);
        checkable.forEach((text, bound) -> sql.statement(pg, text, bound));
        if (info.isEmpty() && !create) {
            diagnostics.error(Code.UNKNOWN_TABLE, block.table().tableRange(), "table " + names.get()[0] + "." + names.get()[1]
                    + " does not exist in datasource '" + pg.name() + "'" + suggestTable(pg, names.get()[0], names.get()[1])
                    + "; add `create if missing` to create it from the mapping");
            return Optional.empty();
        }
        return Optional.of(new Sink(pg, names.get()[0], names.get()[1], info, write, conflict, conflictAt, mode, create, before, after,
                createOptions, partition, addColumns));
    }

    /**
     * A file sink: {@code sink files.export} writes {@code export.csv} (or {@code .jsonl}) in the
     * datasource's folder, whole and atomically, with the columns of the mapping. Settings of
     * database sinks do not apply and are errors.
     */
    private Optional<Sink> fileSink(SinkBlock block, FileDatasourcePlan f, SinkPlan.WriteMethod write,
                                    SinkPlan.ConflictStrategy conflict, SourceRange conflictAt, SinkPlan.LoadMode mode, boolean create,
                                    List<SqlText> before, List<SqlText> after) {
        boolean ok = true;
        for (SinkBlock.Item item : block.items()) {
            if (!(item instanceof SinkBlock.ModeSetting m && m.mode() == SinkBlock.Mode.OVERWRITE)
                    && !(item instanceof SinkBlock.CreateIfMissing)) {
                diagnostics.error(Code.SINK_NOT_WRITABLE, item.range(), "a file sink is written whole (the new file replaces the"
                        + " old one atomically): write, on conflict, mode append, partition, add missing columns, before and after do not apply to datasource '"
                        + f.name() + "'");
                ok = false;
            }
        }
        if (!f.path().contains("${") && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(f.path()))) {
            diagnostics.error(Code.SINK_NOT_WRITABLE, block.table().datasource().range(), "datasource '" + f.name() + "' is the file "
                    + f.path() + "; a file sink needs a datasource whose path is a folder");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        String name = block.table().parts().stream().map(Name::text).collect(Collectors.joining("."));
        String file = name.endsWith(f.extension()) ? name : name + f.extension();
        return Optional.of(new Sink(f, "", file, Optional.empty(), SinkPlan.WriteMethod.COPY, SinkPlan.ConflictStrategy.NONE,
                conflictAt, SinkPlan.LoadMode.OVERWRITE, false, List.of(), List.of(), Optional.empty(), Optional.empty(), false));
    }

    // ---- channel -----------------------------------------------------------------------------

    private ChannelPlan channel(ChannelBlock block) {
        int parallelism = DEFAULT_PARALLELISM;
        long rows = 0;
        long bytes = 0;
        long maxErrors = 0;
        double ratio = -1;
        int retries = ChannelPlan.DEFAULT_RETRIES;
        if (block == null) {
            return new ChannelPlan(parallelism, rows, bytes, maxErrors, ratio, retries);
        }
        boolean retriesSeen = false;
        boolean errorsSeen = false;
        boolean parallelismSeen = false;
        for (ChannelBlock.Item item : block.items()) {
            if (item instanceof ChannelBlock.Parallelism p) {
                if (parallelismSeen) {
                    diagnostics.error(Code.DUPLICATE_SETTING, p.range(), "parallelism is given twice");
                }
                parallelismSeen = true;
                long n = parseLong(p.value());
                if (n < 1 || n > MAX_PARALLELISM) {
                    diagnostics.error(Code.BAD_PARALLELISM, p.range(), "parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + p.value());
                } else {
                    parallelism = (int) n;
                }
            } else if (item instanceof ChannelBlock.Rate r) {
                BigDecimal amount = new BigDecimal(r.amount());
                String unit = r.unit().text().toLowerCase(Locale.ROOT);
                long multiplier = switch (unit) {
                    case "rows" -> -1;
                    case "b", "bytes" -> 1;
                    case "kb" -> 1024;
                    case "mb" -> 1024 * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 0;
                };
                if (multiplier == 0 || !r.per().text().equalsIgnoreCase("s")) {
                    diagnostics.error(Code.BAD_RATE, r.range(), "unknown rate unit " + r.unit().text() + "/" + r.per().text()
                            + "; expected rows/s, KB/s, MB/s or GB/s", List.of("rows/s", "KB/s", "MB/s", "GB/s"));
                    continue;
                }
                long value = amount.multiply(BigDecimal.valueOf(Math.abs(multiplier))).longValue();
                if (amount.signum() <= 0 || value < 1) {
                    diagnostics.error(Code.BAD_RATE, r.range(), "a rate must be positive");
                    continue;
                }
                if (multiplier < 0) {
                    if (rows > 0) {
                        diagnostics.error(Code.DUPLICATE_SETTING, r.range(), "a row rate is given twice");
                    }
                    rows = value;
                } else {
                    if (bytes > 0) {
                        diagnostics.error(Code.DUPLICATE_SETTING, r.range(), "a byte rate is given twice");
                    }
                    bytes = value;
                }
            } else if (item instanceof ChannelBlock.Retries r) {
                if (retriesSeen) {
                    diagnostics.error(Code.DUPLICATE_SETTING, r.range(), "retries is given twice");
                }
                retriesSeen = true;
                long n = parseLong(r.value());
                if (n < 0 || n > ChannelPlan.MAX_RETRIES) {
                    diagnostics.error(Code.BAD_RETRIES, r.range(), "retries must be between 0 and " + ChannelPlan.MAX_RETRIES
                            + ", not " + r.value());
                } else {
                    retries = (int) n;
                }
            } else if (item instanceof ChannelBlock.ErrorCount e) {
                if (errorsSeen) {
                    diagnostics.error(Code.DUPLICATE_SETTING, e.range(), "errors is given twice");
                }
                errorsSeen = true;
                maxErrors = parseLong(e.value());
                ratio = -1;
                if (maxErrors < 0) {
                    diagnostics.error(Code.BAD_ERROR_BUDGET, e.range(), "errors must be a count of rows of 0 or more (errors 10)"
                            + " or a ratio of rows read (errors 2%), not " + e.value());
                    maxErrors = 0;
                }
            } else if (item instanceof ChannelBlock.ErrorRatio e) {
                if (errorsSeen) {
                    diagnostics.error(Code.DUPLICATE_SETTING, e.range(), "errors is given twice");
                }
                errorsSeen = true;
                BigDecimal pct = new BigDecimal(e.percent());
                if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                    diagnostics.error(Code.BAD_ERROR_BUDGET, e.range(), "an error ratio must be between 0% and 100%");
                } else {
                    ratio = pct.doubleValue() / 100.0;
                    maxErrors = -1;
                }
            }
        }
        return new ChannelPlan(parallelism, rows, bytes, maxErrors, ratio, retries);
    }

    // ---- parameters --------------------------------------------------------------------------

    private static Set<String> parameters(Source src, Sink snk, MappingResolver.Result mapping) {
        Set<String> names = new LinkedHashSet<>();
        src.where().ifPresent(w -> names.addAll(w.params()));
        if (src.datasource() instanceof FileDatasourcePlan f) {
            names.addAll(SqlParameters.names(f.path())); // path "data/${bizdate}"
        }
        if (snk.datasource() instanceof FileDatasourcePlan f) {
            names.addAll(SqlParameters.names(f.path()));
        }
        names.addAll(src.partitionParams());
        snk.before().forEach(s -> names.addAll(s.params()));
        snk.after().forEach(s -> names.addAll(s.params()));
        snk.partition().flatMap(SinkBlock.PartitionSetting::value).ifPresent(v -> names.addAll(SqlParameters.names(v.value())));
        for (CheckedJob.ColumnMapping m : mapping.mappings()) {
            if (m instanceof CheckedJob.Constant c && c.value() instanceof Literal.Param p) {
                names.add(p.name());
            } else if (m instanceof CheckedJob.FromColumn f && f.defaultValue().orElse(null) instanceof Literal.Param p) {
                names.add(p.name());
            }
        }
        return names;
    }

    /** The columns {@code create if missing { not null (...) columns { } }} names are columns the table gets (the mapped ones). */
    private void createdColumnsExist(SinkBlock.CreateIfMissing options, MappingResolver.Result mapping, String sinkName) {
        List<String> mapped = mapping.mappings().stream().map(m -> m.sink().name()).toList();
        List<Name> named = new ArrayList<>(options.primaryKey());
        named.addAll(options.notNull());
        options.columns().forEach(c -> named.add(c.name()));
        for (Name n : named) {
            boolean found = n.in(mapped).isPresent();
            if (!found) {
                String what = options.primaryKey().contains(n) ? "primary key column '" : "'";
                diagnostics.error(Code.UNKNOWN_COLUMN, n.range(), what + n.text() + "' is not a column of the created table " + sinkName
                        + "; its columns are the mapped ones: " + String.join(", ", mapped) + Suggestions.didYouMean(n.text(), mapped));
            }
        }
    }

    /** With a schedule that defines parameters, every parameter used must be one of them. */
    private void checkDeclared(Set<String> used, CheckedSchedule schedule, JobDecl job) {
        if (schedule.params().isEmpty()) {
            return;
        }
        for (String p : used) {
            if (!schedule.params().containsKey(p.toLowerCase(Locale.ROOT))
                    && !io.syncc.runtime.params.TimeExpressions.BUILT_INS.contains(p.toLowerCase(Locale.ROOT))) {
                diagnostics.error(Code.UNKNOWN_PARAMETER, job.name().range(), "parameter ${" + p + "} is used by job '"
                        + job.name().text() + "' but its schedule does not define it" + Suggestions.didYouMean(p, schedule.params().keySet())
                        + "; defined: " + String.join(", ", schedule.params().keySet()));
            }
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    private Optional<DatasourcePlan> datasource(Name name) {
        DatasourcePlan ds = datasources.get(name.key());
        if (ds == null && !invalid.contains(name.key())) {
            diagnostics.error(Code.UNKNOWN_DATASOURCE, name.range(), "unknown datasource '" + name.text() + "'"
                    + Suggestions.didYouMean(name.text(), datasourceNames), sortedDatasourceNames);
        }
        return Optional.ofNullable(ds);
    }

    /** [schema, table]: schema {@code public} by default for databases, null for files. */
    private Optional<String[]> tableName(TableRef ref, DatasourcePlan ds) {
        Optional<String[]> names = TableNames.of(ref.parts(), ds);
        if (names.isEmpty()) {
            diagnostics.error(Code.UNKNOWN_TABLE, ref.tableRange(), "a table is named datasource.table or datasource.schema.table");
        }
        return names;
    }

    private Optional<TableInfo> lookup(DatasourcePlan ds, String schema, String table, TableRef ref) {
        try {
            Optional<TableInfo> t = catalog.table(ds, schema, table);
            if (t.isEmpty()) {
                String what = ds instanceof FileDatasourcePlan ? "file or folder '" + table + "'" : "table " + schema + "." + table;
                diagnostics.error(Code.UNKNOWN_TABLE, ref.tableRange(), "unknown " + what + " in datasource '" + ds.name() + "'"
                        + suggestTable(ds, schema, table));
            }
            return t;
        } catch (MetadataException e) {
            diagnostics.error(Code.METADATA_UNAVAILABLE, ref.range(), "cannot read metadata of " + ds.name() + "."
                    + (schema == null ? "" : schema + ".") + table + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A table named with {@code ${parameters}} ({@code ods."orders_${bizdate}"}) or, for files, with
     * {@code *} and {@code ?} ({@code lake."part-*.csv"}): its columns are those of the last table
     * (in name order) the name matches with every parameter as {@code *}: the newest of a daily series.
     * The run reads the table the parameters' values name (or every file the glob matches).
     */
    private Optional<TableInfo> representative(DatasourcePlan ds, String schema, String template, TableRef ref) {
        String glob = io.syncc.runtime.files.Partitions.asGlob(template);
        List<String> names;
        try {
            names = catalog.tables(ds, schema);
        } catch (MetadataException e) {
            diagnostics.error(Code.METADATA_UNAVAILABLE, ref.range(), "cannot list the tables of " + ds.name() + ": " + e.getMessage());
            return Optional.empty();
        }
        boolean file = ds instanceof FileDatasourcePlan;
        Optional<String> last = names.stream().filter(n -> io.syncc.runtime.files.Partitions.glob(glob, n)
                || file && n.lastIndexOf('.') > 0 && io.syncc.runtime.files.Partitions.glob(glob, n.substring(0, n.lastIndexOf('.'))))
                .max(String::compareTo);
        if (last.isEmpty()) {
            diagnostics.error(Code.UNKNOWN_TABLE, ref.tableRange(), "no " + (file ? "file" : "table") + " of datasource '" + ds.name()
                    + "' matches " + template + (glob.equals(template) ? "" : " (as " + glob + ")") + ", so its columns cannot be"
                    + " checked; create one, or name one table");
            return Optional.empty();
        }
        if (file && (template.indexOf('*') >= 0 || template.indexOf('?') >= 0)) {
            // a glob of files: every file must have the columns of the one checked
            return lookup(ds, schema, last.get(), ref).map(t -> new TableInfo(t.schema(), template, t.columns(), t.comment(), -1,
                    t.partitionKeys()));
        }
        return lookup(ds, schema, last.get(), ref);
    }

    private String suggestTable(DatasourcePlan ds, String schema, String table) {
        try {
            List<String> names = new ArrayList<>(catalog.tables(ds, schema));
            if (ds instanceof FileDatasourcePlan) {
                // files are named with or without their extension
                catalog.tables(ds, schema).stream().filter(n -> n.lastIndexOf('.') > 0)
                        .map(n -> n.substring(0, n.lastIndexOf('.'))).forEach(names::add);
            }
            return Suggestions.didYouMean(table, names);
        } catch (MetadataException e) {
            return "";
        }
    }

    private Optional<ColumnInfo> column(TableInfo table, Name name, String dsName) {
        Optional<List<ColumnInfo>> found = ColumnNames.lookup(diagnostics, table, name, dsName + "." + table.qualifiedName());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<ColumnInfo> c = found.get().stream().findFirst();
        if (c.isEmpty()) {
            List<String> names = table.columns().stream().map(ColumnInfo::name).toList();
            diagnostics.error(Code.UNKNOWN_COLUMN, name.range(), "unknown column '" + name.text() + "' in " + dsName + "."
                    + table.qualifiedName() + Suggestions.didYouMean(name.text(), names), names);
        }
        return c;
    }

    /** Binds a before/after statement; one whose parameters are right is also kept for the database's check. */
    private SqlText bindStatement(StringLit text, Map<StringLit, SqlText> checkable) {
        int errors = diagnostics.errorCount();
        SqlText bound = SqlParameters.bind(text, diagnostics);
        if (diagnostics.errorCount() == errors) {
            checkable.put(text, bound);
        }
        return bound;
    }

    private <T> T single(List<T> blocks, String what, JobDecl job, java.util.function.Function<T, SourceRange> range) {
        if (blocks.isEmpty()) {
            if (!intact) {
                return null; // perhaps the block with the syntax error
            }
            diagnostics.error(Code.MISSING_BLOCK, job.name().range(), "job '" + job.name().text() + "' has no " + what + " block");
            return null;
        }
        return atMostOne(blocks, what, range);
    }

    private <T> T atMostOne(List<T> blocks, String what, java.util.function.Function<T, SourceRange> range) {
        for (int i = 1; i < blocks.size(); i++) {
            diagnostics.error(Code.DUPLICATE_SETTING, headerOf(range.apply(blocks.get(i))), "a job has one " + what + " block; this is the "
                    + (i + 1) + (i == 1 ? "nd" : i == 2 ? "rd" : "th"));
        }
        return blocks.isEmpty() ? null : blocks.get(0);
    }

    /** The first line of a block's range (so a caret does not underline a whole block). */
    static SourceRange headerOf(SourceRange r) {
        if (r.line() == r.endLine()) {
            return r;
        }
        return new SourceRange(r.file(), r.line(), r.column(), r.line(), r.column() + 3, r.startOffset(), r.startOffset() + 3);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
