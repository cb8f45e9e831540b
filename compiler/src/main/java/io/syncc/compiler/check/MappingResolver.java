package io.syncc.compiler.check;

import io.syncc.compiler.diag.Suggestions;
import io.syncc.compiler.ast.Literal;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.CheckedJob.ColumnMapping;
import io.syncc.compiler.check.CheckedJob.Constant;
import io.syncc.compiler.check.CheckedJob.FromColumn;
import io.syncc.compiler.check.CheckedJob.SinkColumnDef;
import io.syncc.compiler.check.CheckedJob.SourceColumnUse;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.codegen.TimeFormat;
import io.syncc.runtime.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where every sink column's value comes from ({@code map by name | by position |
 * explicit}), and checks names and types on the way. For file sources the reader parses text
 * straight into the sink column's type; for database sources values are read in their stored
 * type and widened, and anything lossy needs an explicit {@code as}.
 */
final class MappingResolver {

    /** The outcome: source columns to read, mappings in sink order. */
    record Result(List<SourceColumnUse> sourceColumns, List<ColumnMapping> mappings, List<String> createdKey) {
    }

    private final Diagnostics diagnostics;

    /** File columns whose type the job declares in {@code columns { }}, with where: named as the origin of their type. */
    private Map<String, SourceRange> declaredTypes = Map.of();

    /** Types and NOT NULL the user gave in {@code create if missing { }} for columns of a table to be created. */
    private Map<String, SqlType> createTypes = Map.of();
    private java.util.Set<String> createNotNull = java.util.Set.of();
    private List<Name> createKey = List.of();

    MappingResolver createOptions(Map<String, SqlType> types, java.util.Set<String> notNull, List<Name> key) {
        this.createTypes = Map.copyOf(types);
        this.createNotNull = java.util.Set.copyOf(notNull);
        this.createKey = List.copyOf(key);
        return this;
    }

    /** A column of the table to be created: its type is what the mapping reads unless {@code create if missing} says. */
    private SinkTarget created(String name) {
        SqlType type = createTypes.containsKey(name) ? createTypes.get(name) : createTypes.get(name.toLowerCase(Locale.ROOT));
        boolean notNull = createNotNull.contains(name) || createNotNull.contains(name.toLowerCase(Locale.ROOT));
        return new SinkTarget(name, type, type == null ? null : type.sql(), !notNull, false);
    }

    /** {@code add missing columns}: a column the existing sink lacks is one to add (typed like a created table's). */
    private boolean addMissing;

    MappingResolver addMissing(boolean add) {
        this.addMissing = add;
        return this;
    }

    /** Whether values of types syncc does not decode can go from the source to the sink as their bytes, and by COPY. */
    private boolean forwardsBinary;
    private boolean insert;

    /**
     * @param forwards the source reads PostgreSQL binary COPY and the sink takes it ({@code Connector#takesPgBinary})
     * @param insert   the sink writes by INSERT (values of undecoded types need COPY)
     */
    MappingResolver forwardsBinary(boolean forwards, boolean insert) {
        this.forwardsBinary = forwards;
        this.insert = insert;
        return this;
    }

    MappingResolver declaredTypes(Map<String, SourceRange> declared) {
        this.declaredTypes = Map.copyOf(declared);
        return this;
    }

    MappingResolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param map        the map block, or null for the default (by name)
     * @param anchor     where to report findings about the block as a whole
     * @param source     source table (types already overridden by {@code columns { }})
     * @param fileSource whether the source is a file (text parsed into the target type)
     * @param sink       the sink table, or empty when it will be created
     * @param sourceName / sinkName for messages
     */
    Optional<Result> resolve(MapBlock map, SourceRange anchor, TableInfo source, boolean fileSource,
                             Optional<TableInfo> sink, String sourceName, String sinkName) {
        MapBlock.Mode mode = map == null ? MapBlock.Mode.NAME : map.mode();
        List<MapBlock.Entry> entries = map == null ? List.of() : map.entries();
        int errorsBefore = countErrors();

        // Names are compared exactly: columns that differ only in case are different columns
        // (ColumnNames resolves what a written name refers to).
        Set<String> skipped = new HashSet<>();
        Set<String> consumed = new HashSet<>(); // source columns named by an entry: mapped only there
        Map<String, Planned> targets = new LinkedHashMap<>(); // sink column name -> planned value
        Map<String, SourceRange> firstMapped = new HashMap<>();

        for (MapBlock.Entry entry : entries) {
            if (entry instanceof MapBlock.Skip s) {
                for (Name n : s.columns()) {
                    sourceColumn(n, source, sourceName).ifPresent(c -> skipped.add(c.name()));
                }
            } else if (entry instanceof MapBlock.Column c) {
                Optional<ColumnInfo> from = sourceColumn(c.from(), source, sourceName);
                from.ifPresent(f -> consumed.add(f.name()));
                Name targetName = c.target();
                Optional<SinkTarget> target = c.to().isEmpty() && sink.isEmpty() && from.isPresent()
                        ? Optional.of(created(from.get().name())) // `a`: the column's own name
                        : target(targetName, sink, sinkName);
                if (from.isPresent() && target.isPresent()
                        && claim(targets, firstMapped, target.get().name(), targetName.range())) {
                    targets.put(target.get().name(), new Planned(target.get(), from.get(), c.conversion(), c.defaultValue(), null, c.range()));
                }
            } else if (entry instanceof MapBlock.Constant k) {
                Optional<SinkTarget> target = target(k.to(), sink, sinkName);
                if (target.isPresent() && claim(targets, firstMapped, target.get().name(), k.to().range())) {
                    targets.put(target.get().name(), new Planned(target.get(), null, k.conversion(), Optional.empty(), k.value(), k.range()));
                }
            }
        }

        // implicit mappings: source columns neither skipped nor named by an entry
        List<ColumnInfo> usable = source.columns().stream()
                .filter(c -> !skipped.contains(c.name()) && !consumed.contains(c.name())).toList();
        if (mode == MapBlock.Mode.NAME || (mode == MapBlock.Mode.POSITION && sink.isEmpty())) {
            if (sink.isPresent()) {
                List<ColumnInfo> open = sink.get().columns().stream().filter(t -> !targets.containsKey(t.name())).toList();
                byName(open, usable, anchor, sinkName, sourceName).forEach((t, s) ->
                        targets.put(t.name(), new Planned(SinkTarget.of(t), s, Optional.empty(), Optional.empty(), null, anchor)));
                if (addMissing) {
                    Set<ColumnInfo> paired = new HashSet<>();
                    targets.values().forEach(p -> paired.add(p.from));
                    for (ColumnInfo s : usable) {
                        if (!paired.contains(s) && sink.get().matches(s.name()).isEmpty() && !targets.containsKey(s.name())) {
                            targets.put(s.name(), new Planned(created(s.name()), s, Optional.empty(), Optional.empty(), null, anchor));
                        }
                    }
                }
            } else {
                for (ColumnInfo s : usable) {
                    if (!targets.containsKey(s.name())) {
                        targets.put(s.name(), new Planned(created(s.name()), s,
                                Optional.empty(), Optional.empty(), null, anchor));
                    }
                }
            }
        } else if (mode == MapBlock.Mode.POSITION) {
            // the i-th source column into the i-th sink column; a column named by an entry or skipped
            // leaves its pair out, and the other pairs keep their positions
            List<ColumnInfo> sinkColumns = sink.get().columns();
            for (int i = 0; i < Math.min(source.columns().size(), sinkColumns.size()); i++) {
                ColumnInfo s = source.columns().get(i);
                ColumnInfo t = sinkColumns.get(i);
                if (usable.contains(s) && !targets.containsKey(t.name())) {
                    targets.put(t.name(), new Planned(SinkTarget.of(t), s, Optional.empty(), Optional.empty(), null, anchor));
                }
            }
        }

        if (mode != MapBlock.Mode.EXPLICIT && countErrors() == errorsBefore) {
            Set<String> used = new HashSet<>();
            targets.values().stream().filter(p -> p.from != null).forEach(p -> used.add(p.from.name()));
            for (ColumnInfo s : source.columns()) {
                if (!used.contains(s.name()) && !skipped.contains(s.name())) {
                    diagnostics.warning(Code.UNMAPPED_SOURCE_COLUMN, anchor, "source column '" + s.name()
                            + "' has no sink column in " + sinkName + " and is not copied; write `skip " + s.name()
                            + "` or map it with `" + s.name() + " -> column`" + (sink.isPresent() ? ", or add it to the table with"
                            + " `add missing columns` in the sink" : ""));
                }
            }
        }

        if (targets.isEmpty()) {
            diagnostics.error(Code.EMPTY_MAPPING, anchor, "no column of " + sourceName + " is mapped to " + sinkName
                    + (mode == MapBlock.Mode.EXPLICIT ? "; add entries such as `a -> b`, or write `map by name`" : ""));
            return Optional.empty();
        }

        // NOT NULL sink columns need a value
        if (sink.isPresent()) {
            for (ColumnInfo t : sink.get().columns()) {
                if (!targets.containsKey(t.name()) && !t.nullable() && !t.hasDefault()) {
                    diagnostics.error(Code.NOT_NULL_WITHOUT_VALUE, anchor, "sink column '" + t.name() + "' of " + sinkName
                            + " is NOT NULL and has no default, but nothing is mapped to it");
                }
            }
        }

        // order: sink table order, or (created table) mapping order
        List<Planned> ordered = new ArrayList<>();
        if (sink.isPresent()) {
            for (ColumnInfo t : sink.get().columns()) {
                Planned p = targets.get(t.name());
                if (p != null) {
                    ordered.add(p);
                }
            }
            // columns to add follow the table's: source columns in source order, then constants
            for (ColumnInfo s : source.columns()) {
                targets.values().stream().filter(p -> p.from == s && !ordered.contains(p)).forEach(ordered::add);
            }
            targets.values().stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
        } else {
            // a created table: source columns in source order, then constants in the order written
            for (ColumnInfo s : source.columns()) {
                targets.values().stream().filter(p -> p.from == s).forEach(ordered::add);
            }
            targets.values().stream().filter(p -> p.from == null).forEach(ordered::add);
        }
        Result result = types(ordered, source, fileSource, sink.isPresent());
        return countErrors() > errorsBefore ? Optional.empty() : Optional.of(result);
    }

    private Result types(List<Planned> ordered, TableInfo source, boolean fileSource, boolean sinkExists) {
        List<SourceColumnUse> reads = new ArrayList<>();
        Map<String, Integer> readIndex = new HashMap<>();
        List<ColumnMapping> mappings = new ArrayList<>();
        for (Planned p : ordered) {
            if (p.constant != null) {
                SqlType type = p.target.type != null ? p.target.type : LiteralValues.naturalType(p.constant);
                if (p.conversion.isPresent()) {
                    MapBlock.Conversion conv = p.conversion.get();
                    Optional<SqlType> t = resolveType(conv);
                    if (t.isEmpty()) {
                        continue;
                    }
                    if (conv.format().isPresent()) {
                        diagnostics.error(Code.BAD_FORMAT, conv.format().get().range(), "format applies to source columns;"
                                + " a constant is written as an ISO value (dates may also be yyyyMMdd)");
                    }
                    if (p.target.type != null && !TypeRules.assignable(t.get(), p.target.type)) {
                        diagnostics.error(Code.INCOMPATIBLE_TYPES, conv.range(), "sink column '" + p.target.name + "' is "
                                + p.target.type + "; a " + t.get() + " cannot be written to it");
                        continue;
                    }
                    if (p.target.type == null) {
                        type = t.get();
                    }
                }
                SinkColumnDef sinkCol = new SinkColumnDef(p.target.name, type, p.target.nullable);
                checkLiteral(p.constant, sinkCol);
                mappings.add(new Constant(sinkCol, p.constant));
                continue;
            }
            ColumnInfo from = p.from;
            // (a column `add missing columns` adds has no type name yet: it takes the type read)
            boolean undecodedSink = sinkExists && p.target.type == null && p.target.typeName != null;
            if (from.type() == null || undecodedSink) {
                if (!forwarded(p, from, undecodedSink)) {
                    continue;
                }
                SqlType other = SqlType.other(from.typeName());
                SinkColumnDef sinkCol = new SinkColumnDef(p.target.name, other, p.target.nullable && (sinkExists || from.nullable()));
                if (p.defaultValue.isPresent()) {
                    diagnostics.error(Code.BAD_LITERAL, p.defaultValue.get().range(), "source column '" + from.name() + "' is " + from.typeName()
                            + ", which goes into '" + p.target.name + "' unchanged: it takes no default");
                    continue;
                }
                Integer index = readIndex.get(from.name());
                if (index == null) {
                    index = reads.size();
                    readIndex.put(from.name(), index);
                    reads.add(new SourceColumnUse(from.name(), other, other, Optional.empty(), source.indexOf(from)));
                }
                mappings.add(new FromColumn(sinkCol, index, Optional.empty()));
                continue;
            }
            SqlType stored = from.type();
            SqlType readAs;
            Optional<String> format = Optional.empty();
            if (p.conversion.isPresent()) {
                MapBlock.Conversion conv = p.conversion.get();
                Optional<SqlType> t = resolveType(conv);
                if (t.isEmpty()) {
                    continue;
                }
                readAs = t.get();
                if (conv.format().isPresent()) {
                    String pattern = conv.format().get().value();
                    if (!TypeRules.takesFormat(readAs)) {
                        diagnostics.error(Code.BAD_FORMAT, conv.format().get().range(), "format applies to date, time and timestamp conversions, not to " + readAs);
                    } else {
                        try {
                            TimeFormat.of(pattern);
                        } catch (IllegalArgumentException e) {
                            diagnostics.error(Code.BAD_FORMAT, conv.format().get().range(), "invalid time format \"" + pattern + "\": " + e.getMessage());
                        }
                    }
                    format = Optional.of(pattern);
                }
                boolean viaText = format.isPresent() && stored.kind().isInteger() && readAs.kind().isTemporal();
                if (!fileSource && !viaText && !TypeRules.convertible(stored, readAs)) {
                    diagnostics.error(Code.UNSUPPORTED_CONVERSION, conv.range(), "cannot convert source column '" + from.name()
                            + "' from " + stored + " to " + readAs);
                    continue;
                }
            } else if (fileSource && p.target.type != null && TypeRules.readableFromText(stored, p.target.type)) {
                readAs = p.target.type; // parse the text straight into the column's type
            } else {
                readAs = stored;
            }
            SqlType sinkType = p.target.type != null ? p.target.type : readAs;
            if (!TypeRules.assignable(readAs, sinkType)) {
                if (p.conversion.isPresent()) {
                    // the type the user wrote is the one that does not fit: say so, not where the column came from
                    diagnostics.error(Code.INCOMPATIBLE_TYPES, p.conversion.get().range(), "source column '" + from.name()
                            + "' is read `as " + readAs.sql() + "` but sink column '" + p.target.name + "' is " + sinkType
                            + "; write `as " + sinkType.sql() + "` instead (values that do not convert become dirty rows)");
                    continue;
                }
                SourceRange declared = declaredTypes.get(from.name());
                String how = declared != null ? " (declared in columns { } at " + declared.line() + ":" + declared.column() + ")"
                        : fileSource ? " (inferred from the file)" : "";
                diagnostics.error(Code.INCOMPATIBLE_TYPES, p.range, "source column '" + from.name() + "' is " + readAs + how
                        + " but sink column '" + p.target.name + "' is " + sinkType + "; add `as " + sinkType.sql()
                        + "` to convert (values that do not convert become dirty rows)");
                continue;
            }
            // a created table keeps the source's NOT NULL (its values are never null) besides the one asked for
            boolean nullable = p.target.nullable && (sinkExists || from.nullable());
            SinkColumnDef sinkCol = new SinkColumnDef(p.target.name, sinkType, nullable);
            p.defaultValue.ifPresent(d -> checkLiteral(d, sinkCol));
            String readKey = from.name();
            Integer index = readIndex.get(readKey);
            if (index == null) {
                index = reads.size();
                readIndex.put(readKey, index);
                reads.add(new SourceColumnUse(from.name(), stored, readAs, format, source.indexOf(from)));
            } else if (!reads.get(index).readAs().equals(readAs) || !reads.get(index).format().equals(format)) {
                diagnostics.error(Code.UNSUPPORTED_CONVERSION, p.range, "source column '" + from.name()
                        + "' is read twice with different conversions; map it once and convert in one place");
                continue;
            }
            mappings.add(new FromColumn(sinkCol, index, p.defaultValue));
        }
        List<String> createdKey = List.of();
        if (!sinkExists && !createKey.isEmpty()) {
            createdKey = new ArrayList<>();
            for (Name k : createKey) {
                Optional<String> mapped = mappings.stream().map(m -> m.sink().name())
                        .filter(n -> n.equals(k.text()) || !k.quoted() && n.equalsIgnoreCase(k.text())).findFirst();
                mapped.ifPresent(createdKey::add); // a name that is not mapped is reported with the other create options
            }
        } else if (!sinkExists) {
            List<String> sourceKey = source.primaryKey();
            List<String> key = new ArrayList<>();
            for (String k : sourceKey) {
                mappings.stream().filter(m -> m instanceof FromColumn f && reads.get(f.source()).name().equals(k))
                        .findFirst().ifPresent(m -> key.add(m.sink().name()));
            }
            createdKey = key.size() == sourceKey.size() ? key : List.of();
        }
        return new Result(reads, mappings, createdKey);
    }

    /**
     * Whether a column of a type syncc does not decode (on either side) goes unchanged into its sink
     * column: from a PostgreSQL binary COPY source into a column of exactly its type (or one created
     * with it) of a sink that takes PostgreSQL's binary, by COPY, without {@code as}. Reports why not.
     */
    private boolean forwarded(Planned p, ColumnInfo from, boolean undecodedSink) {
        String type = from.type() == null ? from.typeName() : from.type().sql();
        String unchanged = " syncc carries a value of a type it does not decode only unchanged, from a PostgreSQL table into a column"
                + " of the same type of a PostgreSQL table, by `write copy`";
        if (!forwardsBinary) {
            if (undecodedSink && from.type() != null) {
                diagnostics.error(Code.UNKNOWN_TYPE, p.range, "sink column '" + p.target.name + "' has type " + p.target.typeName
                        + ", which syncc cannot write from a " + type + " column;" + unchanged);
            } else {
                diagnostics.error(Code.UNKNOWN_TYPE, p.range, "source column '" + from.name() + "' has type " + type
                        + ", which syncc cannot read here;" + unchanged + "; leave it out with `skip " + from.name() + "`");
            }
            return false;
        }
        boolean created = p.target.type == null && p.target.typeName == null;
        if (from.type() != null || !(created || from.typeName().equals(p.target.typeName))) {
            String target = p.target.typeName != null ? p.target.typeName : p.target.type != null ? p.target.type.sql() : "?";
            diagnostics.error(Code.INCOMPATIBLE_TYPES, p.range, "source column '" + from.name() + "' is " + type + " but sink column '"
                    + p.target.name + "' is " + target + ";" + unchanged + " (or leave it out with `skip " + from.name() + "`)");
            return false;
        }
        if (p.conversion.isPresent()) {
            diagnostics.error(Code.UNSUPPORTED_CONVERSION, p.conversion.get().range(), "source column '" + from.name() + "' is " + type
                    + ", which syncc does not convert: it goes unchanged into a column of type " + type);
            return false;
        }
        if (insert) {
            diagnostics.error(Code.UNKNOWN_TYPE, p.range, "source column '" + from.name() + "' is " + type
                    + ", which syncc writes only by `write copy` (it is carried as its binary COPY bytes)");
            return false;
        }
        return true;
    }

    private Optional<SqlType> resolveType(MapBlock.Conversion conv) {
        return TypeRules.resolve(conv.type(), diagnostics);
    }

    private void checkLiteral(Literal literal, SinkColumnDef sink) {
        if (literal instanceof Literal.Null && !sink.nullable()) {
            diagnostics.error(Code.NOT_NULL_WITHOUT_VALUE, literal.range(), "sink column '" + sink.name() + "' is NOT NULL; null cannot be its value");
            return;
        }
        LiteralValues.problem(literal, sink.type(), sink.name()).ifPresent(problem ->
                diagnostics.error(Code.BAD_LITERAL, literal.range(), literal.display() + " is not a valid " + sink.type()
                        + " for sink column '" + sink.name() + "': " + problem));
    }

    private Optional<SinkTarget> target(Name name, Optional<TableInfo> sink, String sinkName) {
        if (sink.isEmpty()) {
            return Optional.of(created(name.quoted() ? name.text() : name.text().toLowerCase(Locale.ROOT)));
        }
        Optional<List<ColumnInfo>> found = ColumnNames.lookup(diagnostics, sink.get(), name, "sink " + sinkName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().isEmpty()) {
            if (addMissing) {
                return Optional.of(created(name.quoted() ? name.text() : name.text().toLowerCase(Locale.ROOT)));
            }
            unknownColumn(name, sink.get(), sinkName, "sink");
            return Optional.empty();
        }
        return Optional.of(SinkTarget.of(found.get().get(0)));
    }

    private Optional<ColumnInfo> sourceColumn(Name name, TableInfo source, String sourceName) {
        Optional<List<ColumnInfo>> found = ColumnNames.lookup(diagnostics, source, name, "source " + sourceName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().isEmpty()) {
            unknownColumn(name, source, sourceName, "source");
            return Optional.empty();
        }
        return Optional.of(found.get().get(0));
    }

    /**
     * {@code map by name}: pairs sink columns with source columns of the same name, exact names
     * first; then ignoring case, when that pairs one column with one column. A name that could pair
     * with several columns is reported (SYN210), not guessed.
     */
    private Map<ColumnInfo, ColumnInfo> byName(List<ColumnInfo> sinks, List<ColumnInfo> sources, SourceRange anchor,
                                               String sinkName, String sourceName) {
        Map<ColumnInfo, ColumnInfo> pairs = new LinkedHashMap<>();
        Set<ColumnInfo> paired = new HashSet<>();
        for (ColumnInfo t : sinks) {
            sources.stream().filter(s -> s.name().equals(t.name())).findFirst().ifPresent(s -> {
                pairs.put(t, s);
                paired.add(s);
            });
        }
        Map<ColumnInfo, List<ColumnInfo>> candidates = new LinkedHashMap<>();
        for (ColumnInfo t : sinks) {
            if (!pairs.containsKey(t)) {
                candidates.put(t, sources.stream().filter(s -> !paired.contains(s) && s.name().equalsIgnoreCase(t.name())).toList());
            }
        }
        Map<ColumnInfo, List<ColumnInfo>> sinksOf = new LinkedHashMap<>();
        candidates.forEach((t, found) -> found.forEach(s -> sinksOf.computeIfAbsent(s, x -> new ArrayList<>()).add(t)));
        candidates.forEach((t, found) -> {
            if (found.size() > 1) {
                ColumnNames.ambiguous(diagnostics, anchor, t.name(), found, "source " + sourceName,
                        "map sink column '" + t.name() + "' with an entry that names its source column exactly, e.g. `"
                                + found.get(0).name() + " -> " + t.name() + "`");
            } else if (found.size() == 1 && sinksOf.get(found.get(0)).size() == 1) {
                pairs.put(t, found.get(0));
            }
        });
        sinksOf.forEach((s, ts) -> {
            if (ts.size() > 1 && candidates.values().stream().filter(f -> f.contains(s)).allMatch(f -> f.size() == 1)) {
                ColumnNames.ambiguous(diagnostics, anchor, s.name(), ts, "sink " + sinkName,
                        "map source column '" + s.name() + "' with an entry that names its sink column exactly, e.g. `"
                                + s.name() + " -> " + ts.get(0).name() + "`");
            }
        });
        return pairs;
    }

    private boolean claim(Map<String, Planned> targets, Map<String, SourceRange> first, String sinkColumn, SourceRange at) {
        String k = sinkColumn;
        if (targets.containsKey(k)) {
            SourceRange prev = first.get(k);
            diagnostics.error(Code.COLUMN_MAPPED_TWICE, at, "sink column '" + sinkColumn + "' is mapped twice"
                    + (prev != null ? " (first at " + prev.line() + ":" + prev.column() + ")" : ""));
            return false;
        }
        first.put(k, at);
        return true;
    }

    private void unknownColumn(Name n, TableInfo table, String tableName, String side) {
        List<String> names = table.columns().stream().map(ColumnInfo::name).toList();
        diagnostics.error(Code.UNKNOWN_COLUMN, n.range(), "unknown column '" + n.text() + "' in " + side + " " + tableName
                + Suggestions.didYouMean(n.text(), names), names);
    }

    private int countErrors() {
        return diagnostics.errorCount();
    }

    /** A sink column to be given a value; type null when the table will be created from the mapping. */
    private record SinkTarget(String name, SqlType type, String typeName, boolean nullable, boolean hasDefault) {
        static SinkTarget of(ColumnInfo c) {
            return new SinkTarget(c.name(), c.type(), c.typeName(), c.nullable(), c.hasDefault());
        }
    }

    private record Planned(SinkTarget target, ColumnInfo from, Optional<MapBlock.Conversion> conversion,
                           Optional<Literal> defaultValue, Literal constant, SourceRange range) {
    }
}
