package io.syncc.lsp;

import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.ast.TableRef;
import io.syncc.compiler.catalog.CachingCatalog;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.TableNames;
import io.syncc.compiler.check.TypeRules;
import io.syncc.compiler.workspace.Workspace;
import io.syncc.grammar.SyncLexer;
import io.syncc.lsp.CursorContext.Block;
import io.syncc.lsp.CursorContext.TableRefText;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SettingSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Completion: what may be written at the cursor, from the grammar's structure (keywords, block
 * snippets), the folder's declarations (datasources, jobs, parameters) and metadata (tables,
 * columns: from the cache, never waiting for a database; when they are being fetched the list
 * says so and is marked incomplete, so the editor asks again).
 */
final class Completions {

    private final Session session;

    Completions(Session session) {
        this.session = session;
    }

    CompletionList complete(URI uri, String text, int cursor) {
        CursorContext cx = CursorContext.at(text, cursor);
        Result r = new Result(cx.word);
        if (cx.inComment) {
            return r.list();
        }
        Workspace.Parsed parsed = session.parsed(uri);
        if (cx.inString.isPresent()) {
            String s = cx.inString.get();
            int dollar = s.lastIndexOf("${");
            if (dollar >= 0 && s.indexOf('}', dollar) < 0) {
                params(cx, parsed, uri).forEach(p -> r.add(item(p, CompletionItemKind.Variable, "parameter of the job")));
            }
            return r.list();
        }
        switch (cx.block()) {
            case TOP -> top(cx, r);
            case DATASOURCE -> datasource(cx, r);
            case JOB -> job(cx, parsed, r);
            case SOURCE -> source(cx, parsed, uri, r);
            case COLUMNS -> columnsBlock(cx, r);
            case SINK -> sink(cx, parsed, uri, r);
            case CREATE -> create(cx, parsed, uri, r);
            case MAP -> map(cx, parsed, uri, r);
            case CHANNEL -> channel(cx, r);
            case SCHEDULE -> schedule(cx, parsed, r);
            default -> {
            }
        }
        return r.list();
    }

    // ------------------------------------------------------------------ blocks

    private static void top(CursorContext cx, Result r) {
        int prev = cx.back(0);
        if (prev == SyncLexer.DATASOURCE || prev == SyncLexer.JOB) {
            return; // a new name
        }
        r.add(snippet("datasource (PostgreSQL)", "datasource ${1:name} {\n  type postgres\n  url \"${2:jdbc:postgresql://localhost:5432/db}\"\n"
                + "  user \"${3:user}\"\n  password env(\"${4:PGPASSWORD}\")\n}\n", "a PostgreSQL database"));
        r.add(snippet("datasource (CSV files)", "datasource ${1:name} {\n  type csv\n  path \"${2:data}\"\n  header true\n}\n", "a folder of CSV files"));
        r.add(snippet("job", "job ${1:name} {\n  source ${2:ds}.${3:table}\n  sink ${4:ds}.${5:table}\n  map by name { }\n}\n", "a job: source, sink, map"));
        r.add(keyword("datasource"));
        r.add(keyword("job"));
    }

    private static void datasource(CursorContext cx, Result r) {
        // key value pairs; a value may be env("..") / file("..")
        List<org.antlr.v4.runtime.Token> t = cx.frame().tokens;
        String type = null;
        String lastKey = null;
        boolean expectKey = true;
        for (int i = 0; i < t.size(); i++) {
            int k = t.get(i).getType();
            if (k == SyncLexer.SEMI) {
                continue;
            }
            if (expectKey && k == SyncLexer.ENV && i + 2 < t.size() && t.get(i + 2).getType() == SyncLexer.RBRACE) {
                i += 2; // an env NAME { } block, already closed
                continue;
            }
            if (expectKey) {
                lastKey = t.get(i).getText().toLowerCase(Locale.ROOT);
                expectKey = false;
            } else {
                if ((k == SyncLexer.ENV || k == SyncLexer.FILE) && i + 1 < t.size() && t.get(i + 1).getType() == SyncLexer.LPAREN) {
                    while (i < t.size() && t.get(i).getType() != SyncLexer.RPAREN) {
                        i++;
                    }
                }
                if ("type".equals(lastKey) && i < t.size()) {
                    type = CursorContext.unquote(t.get(i).getText()).toLowerCase(Locale.ROOT);
                }
                expectKey = true;
            }
        }
        if (type == null) {
            type = cx.frame().inheritedType;
        }
        if (expectKey) {
            Set<String> given = new LinkedHashSet<>();
            for (int i = 0; i < t.size(); i += 2) {
                given.add(t.get(i).getText().toLowerCase(Locale.ROOT));
            }
            if (cx.frame().inheritedType == null && type != null) {
                r.add(snippet("env", "env ${1:prod} {\n  ${2:url} $0\n}", "settings that differ in an environment (--env NAME)"));
            }
            if (type == null) {
                r.add(item("type", CompletionItemKind.Property, "the connector: " + String.join(", ", Connectors.types())));
                return;
            }
            for (SettingSpec spec : specs(type)) {
                if (!given.contains(spec.key())) {
                    CompletionItem i = item(spec.key(), CompletionItemKind.Property, spec.description());
                    i.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, spec.description() + "\n\nExample: `" + spec.key() + " "
                            + spec.example() + "`" + (spec.required() ? "\n\nRequired." : "")
                            + (spec.secret() ? "\n\nA secret: give it with `env(\"VAR\")` or `file(\"path\")`." : "")));
                    r.add(i);
                }
            }
        } else if ("type".equals(lastKey)) {
            Connectors.types().forEach(ty -> r.add(item(ty, CompletionItemKind.EnumMember, "connector type")));
        } else if (type != null && lastKey != null) {
            String key = lastKey;
            specs(type).stream().filter(s -> s.key().equals(key)).findFirst().ifPresent(spec -> {
                if (spec.secret()) {
                    r.add(snippet("env(\"...\")", "env(\"${1:VARIABLE}\")", "from an environment variable"));
                    r.add(snippet("file(\"...\")", "file(\"${1:path}\")", "from a file"));
                } else {
                    r.add(item(spec.example(), CompletionItemKind.Value, spec.description()));
                }
            });
        }
    }

    private static List<SettingSpec> specs(String type) {
        try {
            return Connectors.forType(type).settings(type);
        } catch (RuntimeException unknownType) {
            return List.of();
        }
    }

    private void job(CursorContext cx, Workspace.Parsed parsed, Result r) {
        int prev = cx.back(0);
        int before = cx.back(1);
        if ((prev == SyncLexer.SOURCE || prev == SyncLexer.SINK) && before != SyncLexer.DOT) {
            for (DatasourcePlan ds : parsed.datasources().values()) {
                CompletionItem i = item(ds.name(), CompletionItemKind.Module, "datasource, type " + ds.type());
                i.setInsertText(ds.name() + ".");
                i.setCommand(new org.eclipse.lsp4j.Command("tables", "editor.action.triggerSuggest"));
                r.add(i);
            }
            return;
        }
        if (prev == SyncLexer.DOT) {
            // source ds.<table> or ds.schema.<table>
            List<String> names = new ArrayList<>();
            int i = 1;
            while (CursorContext.isNameType(cx.back(i)) && cx.back(i + 1) == SyncLexer.DOT) {
                names.add(0, cx.backText(i));
                i += 2;
            }
            if (CursorContext.isNameType(cx.back(i)) && (cx.back(i + 1) == SyncLexer.SOURCE || cx.back(i + 1) == SyncLexer.SINK)) {
                String dsName = cx.backText(i);
                Optional<DatasourcePlan> ds = datasource(parsed, dsName);
                if (ds.isEmpty()) {
                    r.note("no datasource '" + dsName + "' is declared in this folder");
                    return;
                }
                String schema = names.isEmpty() ? null : names.get(names.size() - 1);
                CachingCatalog.Cached<List<String>> tables = session.catalog().cachedTables(ds.get(), schema);
                boolean files = ds.get() instanceof FileDatasourcePlan;
                tables.value().ifPresent(list -> list.stream().map(t -> files ? fileTableName(t) : t).distinct()
                        .forEach(t -> r.add(item(io.syncc.compiler.ast.Name.written(t), files ? CompletionItemKind.File : CompletionItemKind.Class,
                                (files ? "file of " : "table of ") + ds.get().name()))));
                r.metadataState(tables, ds.get().name());
            }
            return;
        }
        if (prev == SyncLexer.MAP) {
            r.add(keyword("by name"));
            r.add(keyword("by position"));
            return;
        }
        if (prev == SyncLexer.BY && before == SyncLexer.MAP) {
            r.add(keyword("name"));
            r.add(keyword("position"));
            return;
        }
        r.add(snippet("source", "source ${1:ds}.${2:table}", "where rows come from"));
        r.add(snippet("sink", "sink ${1:ds}.${2:table} {\n  write copy\n}", "where rows go"));
        r.add(snippet("map by name", "map by name {\n  $0\n}", "same-name columns map; entries add or override"));
        r.add(snippet("map", "map {\n  ${1:source_column} -> ${2:sink_column}\n}", "only the listed columns"));
        r.add(snippet("channel", "channel {\n  parallelism ${1:2}\n}", "parallelism, rate, error budget, retries"));
        r.add(snippet("schedule", "schedule {\n  cron \"${1:0 2 * * *}\"\n}", "when the job runs"));
    }

    private void source(CursorContext cx, Workspace.Parsed parsed, URI uri, Result r) {
        int prev = cx.back(0);
        if (prev == SyncLexer.SPLIT || prev == SyncLexer.INCREMENTAL) {
            r.add(keyword("by"));
        } else if (prev == SyncLexer.PARTITION || prev == SyncLexer.COMMA && cx.frame().tokens.stream().anyMatch(t -> t.getType() == SyncLexer.PARTITION)) {
            columns(cx, parsed, uri, true, r);
        } else if (prev == SyncLexer.ALLOW) {
            r.add(keyword("empty"));
        } else if (prev == SyncLexer.BY && (cx.back(1) == SyncLexer.SPLIT || cx.back(1) == SyncLexer.INCREMENTAL)) {
            columns(cx, parsed, uri, true, r);
        } else if (prev != SyncLexer.WHERE) {
            r.add(snippet("where", "where \"${1:condition}\"", "a SQL condition, checked by the database"));
            r.add(keyword("split by"));
            r.add(keyword("incremental by"));
            r.add(snippet("partition", "partition ${1:sale_date} = \"${2:\\${bizdate\\}}\"",
                    "read only these partitions of a partitioned dataset"));
            r.add(keyword("allow empty"));
            r.add(snippet("columns", "columns {\n  ${1:name} ${2:text}\n}", "the types of a file's columns"));
        }
    }

    private static void columnsBlock(CursorContext cx, Result r) {
        int prev = cx.back(0);
        if (CursorContext.isNameType(prev) && (cx.frame().tokens.size() == 1 || cx.back(1) == SyncLexer.COMMA
                || cx.back(1) == SyncLexer.SEMI || typeEnds(cx.back(1)))) {
            types(r);
        }
    }

    private static boolean typeEnds(int type) {
        return type == SyncLexer.RPAREN || type == SyncLexer.IDENTIFIER || type == SyncLexer.PRECISION;
    }

    private void sink(CursorContext cx, Workspace.Parsed parsed, URI uri, Result r) {
        switch (cx.back(0)) {
            case SyncLexer.PARTITION -> columns(cx, parsed, uri, false, r);
            case SyncLexer.WRITE -> {
                r.add(item("copy", CompletionItemKind.EnumMember, "COPY: fastest"));
                r.add(item("insert", CompletionItemKind.EnumMember, "INSERT: needed for on conflict"));
            }
            case SyncLexer.MODE -> {
                r.add(item("append", CompletionItemKind.EnumMember, "add rows"));
                r.add(item("overwrite", CompletionItemKind.EnumMember, "replace the table's rows atomically"));
            }
            case SyncLexer.ON -> r.add(keyword("conflict"));
            case SyncLexer.CONFLICT -> {
                r.add(item("replace", CompletionItemKind.EnumMember, "update the existing row"));
                r.add(item("ignore", CompletionItemKind.EnumMember, "keep the existing row"));
                r.add(item("fail", CompletionItemKind.EnumMember, "stop the job"));
            }
            case SyncLexer.CREATE -> r.add(keyword("if missing"));
            case SyncLexer.IF -> r.add(keyword("missing"));
            case SyncLexer.BEFORE, SyncLexer.AFTER -> {
            }
            default -> {
                r.add(keyword("write copy"));
                r.add(keyword("write insert"));
                r.add(keyword("mode append"));
                r.add(keyword("mode overwrite"));
                r.add(keyword("on conflict replace"));
                r.add(keyword("on conflict ignore"));
                r.add(keyword("on conflict fail"));
                r.add(keyword("create if missing"));
                r.add(snippet("create if missing { }", "create if missing {\n  primary key (${1:id})\n}", "create the table, with its key"));
                r.add(snippet("before", "before \"${1:SQL}\"", "SQL run before the load"));
                r.add(snippet("after", "after \"${1:SQL}\"", "SQL run after the load, in its transaction"));
                r.add(snippet("partition", "partition ${1:sale_date} = \"${2:\\${bizdate\\}}\"",
                        "write one list partition (its child made when missing)"));
                r.add(keyword("add missing columns"));
            }
        }
    }

    /** {@code create if missing { }}: what the data cannot say; column names are the source's (mapped by name). */
    private void create(CursorContext cx, Workspace.Parsed parsed, URI uri, Result r) {
        boolean inList = false;
        for (int i = 0; ; i++) {
            int t = cx.back(i);
            if (t == SyncLexer.LPAREN) {
                inList = true;
                break;
            }
            if (t != SyncLexer.COMMA && !CursorContext.isNameType(t)) {
                break;
            }
        }
        if (inList) {
            columns(cx, parsed, uri, true, r);
            return;
        }
        if (cx.back(0) == SyncLexer.PRIMARY) {
            r.add(snippet("key", "key (${1:id})", "the created table's primary key"));
        } else if (cx.back(0) == SyncLexer.NOT) {
            r.add(snippet("null", "null (${1:column})", "columns that must have a value"));
        } else {
            r.add(snippet("primary key", "primary key (${1:id})", "the created table's primary key (needed for on conflict)"));
            r.add(snippet("not null", "not null (${1:column})", "columns that must have a value"));
            r.add(snippet("columns", "columns {\n  ${1:column} ${2:numeric(12,2)}\n}", "sink types for some columns"));
        }
    }

    private void map(CursorContext cx, Workspace.Parsed parsed, URI uri, Result r) {
        int prev = cx.back(0);
        if (prev == SyncLexer.ARROW) {
            columns(cx, parsed, uri, false, r);
        } else if (prev == SyncLexer.AS) {
            types(r);
        } else if (prev == SyncLexer.DEFAULT) {
            params(cx, parsed, uri).forEach(p -> r.add(item("${" + p + "}", CompletionItemKind.Variable, "parameter of the job")));
            r.add(keyword("null"));
        } else if (prev == SyncLexer.FORMAT) {
            r.add(item("\"yyyy-MM-dd HH:mm:ss\"", CompletionItemKind.Value, "a time format"));
        } else if (prev == SyncLexer.SKIP_ || prev == SyncLexer.COMMA && inSkip(cx)) {
            columns(cx, parsed, uri, true, r);
        } else {
            columns(cx, parsed, uri, true, r);
            if (CursorContext.isNameType(prev) && cx.back(1) != SyncLexer.ARROW) {
                r.add(keyword("as"));
                r.add(keyword("default"));
            }
            r.add(keyword("skip"));
        }
    }

    private static boolean inSkip(CursorContext cx) {
        for (int i = 0; ; i++) {
            int t = cx.back(i);
            if (t == SyncLexer.SKIP_) {
                return true;
            }
            if (t != SyncLexer.COMMA && !CursorContext.isNameType(t)) {
                return false;
            }
        }
    }

    private static void channel(CursorContext cx, Result r) {
        int prev = cx.back(0);
        if (prev == SyncLexer.INTEGER || prev == SyncLexer.DECIMAL) {
            if (cx.back(1) == SyncLexer.RATE) {
                List.of("rows/s", "kb/s", "mb/s").forEach(u -> r.add(item(u, CompletionItemKind.Unit, "rate unit")));
            } else if (cx.back(1) == SyncLexer.ERRORS) {
                r.add(item("%", CompletionItemKind.Operator, "a share of the rows read"));
            }
            return;
        }
        if (prev == SyncLexer.PARALLELISM || prev == SyncLexer.RATE || prev == SyncLexer.ERRORS || prev == SyncLexer.RETRIES) {
            return;
        }
        r.add(snippet("parallelism", "parallelism ${1:2}", "splits loaded at once"));
        r.add(snippet("rate", "rate ${1:10000} rows/s", "at most so many rows (or kb, mb) per second"));
        r.add(snippet("errors", "errors ${1:0}", "dirty rows allowed (a count, or a percentage)"));
        r.add(snippet("retries", "retries ${1:3}", "attempts of a split after a transient fault"));
    }

    private void schedule(CursorContext cx, Workspace.Parsed parsed, Result r) {
        int prev = cx.back(0);
        boolean afterList = prev == SyncLexer.AFTER || prev == SyncLexer.COMMA && cx.back(2) == SyncLexer.AFTER
                || prev == SyncLexer.COMMA && cx.frame().tokens.stream().anyMatch(t -> t.getType() == SyncLexer.AFTER);
        if (afterList) {
            String self = cx.enclosing(Block.JOB).map(f -> f.name).orElse("");
            parsed.files().values().stream().flatMap(f -> f.jobs().stream()).map(j -> j.name().text())
                    .filter(n -> !n.equalsIgnoreCase(self)).distinct()
                    .forEach(n -> r.add(item(n, CompletionItemKind.Function, "job")));
            return;
        }
        if (prev == SyncLexer.CRON || prev == SyncLexer.PARAM_KW || prev == SyncLexer.EQ) {
            return;
        }
        r.add(snippet("cron", "cron \"${1:0 2 * * *}\"", "minute hour day month weekday"));
        r.add(snippet("param", "param ${1:name} = \"${2:value}\"", "a parameter of the job"));
        r.add(snippet("after", "after ${1:job}", "run after another job"));
    }

    // ------------------------------------------------------------------ names from the folder and metadata

    /** Source (or sink) columns of the job around the cursor, from the metadata cache. */
    private void columns(CursorContext cx, Workspace.Parsed parsed, URI uri, boolean source, Result r) {
        Optional<TableRefText> ref = jobTable(cx, parsed, uri, source);
        if (ref.isEmpty()) {
            r.note("the job has no " + (source ? "source" : "sink") + " yet");
            return;
        }
        Optional<DatasourcePlan> ds = datasource(parsed, ref.get().datasource());
        if (ds.isEmpty()) {
            return;
        }
        Optional<CachingCatalog.Cached<Optional<TableInfo>>> cached = cachedTable(session, parsed, ref.get());
        if (cached.isEmpty()) {
            return;
        }
        CachingCatalog.Cached<Optional<TableInfo>> table = cached.get();
        table.value().flatMap(t -> t).ifPresent(t -> {
            int order = 0;
            for (ColumnInfo c : t.columns()) {
                CompletionItem i = item(io.syncc.compiler.ast.Name.written(c.name()), CompletionItemKind.Field, c.typeName() + (c.nullable() ? "" : " not null")
                        + (c.keyPosition() > 0 ? ", key" : ""));
                i.setSortText(String.format("%04d", order++));
                i.setFilterText(c.name());
                r.add(i);
            }
        });
        r.metadataState(table, ds.get().name());
    }

    /** A data file as a table name is written: without its extension (the checker finds it with or without). */
    private static String fileTableName(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The job's source or sink: from the text before the cursor, or from the parsed job when written after it. */
    private static Optional<TableRefText> jobTable(CursorContext cx, Workspace.Parsed parsed, URI uri, boolean source) {
        Optional<CursorContext.Frame> job = cx.enclosing(Block.JOB);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        TableRefText fromText = source ? job.get().source : job.get().sink;
        if (fromText != null) {
            return Optional.of(fromText);
        }
        return jobDecl(parsed, uri, job.get().name).flatMap(j -> (source ? j.sources().stream().map(s -> s.table())
                : j.sinks().stream().map(s -> s.table())).findFirst()).map(Completions::text);
    }

    static TableRefText text(TableRef ref) {
        return new TableRefText(ref.datasource().text(), ref.parts());
    }

    /** A table as cached (never waiting), named as the checker names it; empty for an unknown datasource or a bad name. */
    static Optional<CachingCatalog.Cached<Optional<TableInfo>>> cachedTable(Session session, Workspace.Parsed parsed, TableRefText ref) {
        return datasource(parsed, ref.datasource()).flatMap(ds -> TableNames.of(ref.parts(), ds)
                .map(n -> session.catalog().cachedTable(ds, n[0], n[1])));
    }

    /** The table's metadata when it is cached. */
    static Optional<TableInfo> cachedInfo(Session session, Workspace.Parsed parsed, TableRef ref) {
        return cachedTable(session, parsed, text(ref)).flatMap(c -> c.value()).flatMap(t -> t);
    }

    private static Optional<JobDecl> jobDecl(Workspace.Parsed parsed, URI uri, String name) {
        SyncFile f = parsed.files().get(uri);
        if (f == null || name == null) {
            return Optional.empty();
        }
        return f.jobs().stream().filter(j -> j.name().text().equalsIgnoreCase(name)).findFirst();
    }

    static Optional<DatasourcePlan> datasource(Workspace.Parsed parsed, String name) {
        return Optional.ofNullable(parsed.datasources().get(name.toLowerCase(Locale.ROOT)));
    }

    /** The parameters of the job around the cursor: declared before it, and in its parsed schedule. */
    private static List<String> params(CursorContext cx, Workspace.Parsed parsed, URI uri) {
        Set<String> out = new LinkedHashSet<>();
        cx.enclosing(Block.JOB).ifPresent(j -> {
            out.addAll(j.params);
            jobDecl(parsed, uri, j.name).ifPresent(d -> d.schedules().forEach(s -> s.items().forEach(i -> {
                if (i instanceof ScheduleBlock.Param p) {
                    out.add(p.name().text());
                }
            })));
        });
        out.addAll(List.of("bizdate", "cyctime", "gmtdate", "bizmonth")); // the built-ins (TimeExpressions.BUILT_INS), in a useful order
        return List.copyOf(out);
    }

    private static void types(Result r) {
        TypeRules.knownNames().forEach(t -> r.add(item(t, CompletionItemKind.TypeParameter, "type")));
    }

    // ------------------------------------------------------------------ items

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem i = new CompletionItem(label);
        i.setKind(kind);
        i.setDetail(detail);
        return i;
    }

    private static CompletionItem keyword(String words) {
        return item(words, CompletionItemKind.Keyword, "keyword");
    }

    private static CompletionItem snippet(String label, String body, String detail) {
        CompletionItem i = item(label, CompletionItemKind.Snippet, detail);
        i.setInsertText(body);
        i.setInsertTextFormat(InsertTextFormat.Snippet);
        i.setFilterText(label.split(" ")[0]);
        return i;
    }

    /** Items being collected, and whether the list is complete. */
    private static final class Result {
        final List<CompletionItem> items = new ArrayList<>();
        final String word;
        boolean incomplete;

        Result(String word) {
            this.word = word;
        }

        void add(CompletionItem i) {
            items.add(i);
        }

        /** An entry that tells, not inserts (metadata being fetched, unavailable). */
        void note(String message) {
            CompletionItem i = new CompletionItem("(" + message + ")");
            i.setKind(CompletionItemKind.Text);
            i.setInsertText(word); // accepting it changes nothing
            i.setFilterText(word); // shown whatever is typed
            i.setSortText("~");
            items.add(i);
        }

        void metadataState(CachingCatalog.Cached<?> cached, String datasource) {
            if (cached.loading() && cached.value().isEmpty()) {
                note("fetching metadata of " + datasource + "…");
                incomplete = true;
            } else if (cached.loading()) {
                incomplete = true;
            }
            cached.problem().ifPresent(p -> note("metadata of " + datasource + " unavailable: " + p));
        }

        CompletionList list() {
            return new CompletionList(incomplete, items);
        }
    }
}
