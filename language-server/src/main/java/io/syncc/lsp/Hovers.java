package io.syncc.lsp;

import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.ast.TableRef;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.SecretSpans;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.compiler.workspace.Symbol;
import io.syncc.compiler.workspace.Workspace;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SettingSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: a datasource's type and settings (secrets shown only as where they come from), a job's
 * source and sink, a parameter's value, a table's columns, a column's type, nullability and key, and
 * the explanation of a diagnostic's code (from docs/diagnostics.md, the same words as the reference).
 */
final class Hovers {

    private static final Map<String, String> EXPLANATIONS = explanations();

    private final Session session;

    Hovers(Session session) {
        this.session = session;
    }

    Optional<Hover> hover(URI uri, int offset, TextPositions pos) {
        Workspace.Parsed p = session.parsed(uri);
        StringBuilder md = new StringBuilder();
        Optional<Symbol> symbol = p.symbols().at(uri, offset);
        SyncFile file = p.files().get(uri);
        if (symbol.isPresent()) {
            Optional<Symbol> decl = p.symbols().definition(symbol.get());
            switch (symbol.get().kind()) {
                case DATASOURCE -> decl.flatMap(d -> datasourceDecl(p, d)).ifPresentOrElse(
                        d -> datasource(d, p.texts().getOrDefault(decl.get().uri(), ""), md),
                        () -> md.append("unknown datasource `").append(symbol.get().name()).append('`'));
                case JOB -> decl.flatMap(d -> jobDecl(p, d)).ifPresent(j -> job(j, md));
                case PARAMETER -> decl.flatMap(d -> paramDecl(p, d)).ifPresentOrElse(
                        v -> md.append("parameter `").append(symbol.get().name()).append("` = `").append(v).append('`'),
                        () -> md.append(builtIn(symbol.get().name())));
            }
        } else if (file != null) {
            for (JobDecl j : file.jobs()) {
                if (!contains(j.range(), offset)) {
                    continue;
                }
                tableAt(p, j, offset, md);
                if (md.length() == 0) {
                    columnAt(p, j, offset, md);
                }
            }
        }
        for (Diagnostic d : session.diagnostics(uri)) {
            if (contains(d.range(), offset)) {
                if (md.length() > 0) {
                    md.append("\n\n---\n\n");
                }
                md.append("**").append(d.code().id()).append("** ").append(d.code().title());
                String more = EXPLANATIONS.get(d.code().id());
                if (more != null) {
                    md.append(": ").append(more);
                }
            }
        }
        if (md.length() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString())));
    }

    /** A parameter no schedule declares: a built-in (with its value now), or one `-p` must give. */
    private static String builtIn(String name) {
        java.time.LocalDateTime now = io.syncc.runtime.params.TimeExpressions.scheduledTime(null, java.time.ZoneId.systemDefault());
        String what = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "bizdate" -> "the business date: the day before the scheduled time, yyyymmdd";
            case "cyctime" -> "the scheduled time, yyyymmddhh24miss";
            case "gmtdate" -> "the scheduled date, yyyymmdd";
            case "bizmonth" -> "the business month, yyyymm";
            default -> null;
        };
        if (what == null) {
            return "parameter `" + name + "` (not declared by the job's schedule: give it with `-p`)";
        }
        return "built-in parameter `" + name + "`: " + what + " (for a run now: `"
                + io.syncc.runtime.params.TimeExpressions.builtIn(name, now).orElseThrow() + "`; `syncc run --at TIME` sets the scheduled time)";
    }

    static boolean contains(SourceRange r, int offset) {
        return r.startOffset() <= offset && offset <= Math.max(r.endOffset(), r.startOffset() + 1) - 1;
    }

    private static Optional<DatasourceDecl> datasourceDecl(Workspace.Parsed p, Symbol decl) {
        SyncFile f = p.files().get(decl.uri());
        return f == null ? Optional.empty() : f.datasources().stream().filter(d -> d.name().range().equals(decl.range())).findFirst();
    }

    private static Optional<JobDecl> jobDecl(Workspace.Parsed p, Symbol decl) {
        SyncFile f = p.files().get(decl.uri());
        return f == null ? Optional.empty() : f.jobs().stream().filter(j -> j.name().range().equals(decl.range())).findFirst();
    }

    private static Optional<String> paramDecl(Workspace.Parsed p, Symbol decl) {
        SyncFile f = p.files().get(decl.uri());
        if (f == null) {
            return Optional.empty();
        }
        return f.jobs().stream().flatMap(j -> j.schedules().stream()).flatMap(s -> s.items().stream())
                .filter(i -> i instanceof ScheduleBlock.Param pa && pa.name().range().equals(decl.range()))
                .map(i -> ((ScheduleBlock.Param) i).expression().value()).findFirst();
    }

    /**
     * Type and settings as written, with every secret masked by the rule the CLI's diagnostics use
     * ({@link SecretSpans}: a literal password, a URL's {@code password=} or {@code user:password@});
     * a password from {@code env(...)} or {@code file(...)} shows where it comes from.
     */
    private static void datasource(DatasourceDecl d, String text, StringBuilder md) {
        String type = d.properties().stream().filter(pr -> pr.key().key().equals("type")).map(pr -> pr.value().display()).findFirst().orElse("?");
        Set<String> secret;
        try {
            secret = Connectors.forType(type).settings(type).stream().filter(SettingSpec::secret).map(SettingSpec::key).collect(Collectors.toSet());
        } catch (RuntimeException unknown) {
            secret = Set.of("password");
        }
        TextPositions pos = new TextPositions(text);
        List<SecretSpans.Span> spans = SecretSpans.find(text);
        md.append("**datasource** `").append(d.name().text()).append("` (").append(type).append(")\n\n");
        for (DatasourceDecl.Property pr : d.properties()) {
            String key = pr.key().key();
            if (key.equals("type")) {
                continue;
            }
            boolean indirect = pr.value() instanceof DatasourceDecl.EnvValue || pr.value() instanceof DatasourceDecl.FileValue;
            String value = indirect ? pr.value().display()
                    : secret.contains(key) ? "•••" : masked(pos, spans, pr.value().range());
            md.append("- `").append(key).append("` ").append(value.replace("`", "'")).append('\n');
        }
    }

    /** The text of a range with the secret spans in it replaced by •••. */
    private static String masked(TextPositions pos, List<SecretSpans.Span> spans, SourceRange range) {
        int from = range.startOffset();
        int to = Math.max(from, range.endOffset());
        StringBuilder out = new StringBuilder();
        int at = from;
        for (SecretSpans.Span span : spans) {
            if (span.end() <= from || span.start() >= to) {
                continue;
            }
            int s = Math.max(from, span.start());
            out.append(pos.text(), pos.charIndex(at), pos.charIndex(s)).append("•••");
            at = Math.min(to, span.end());
        }
        out.append(pos.text(), pos.charIndex(at), pos.charIndex(to));
        return out.toString();
    }

    private static void job(JobDecl j, StringBuilder md) {
        md.append("**job** `").append(j.name().text()).append("`");
        j.sources().forEach(s -> md.append("\n\nsource `").append(Navigation.tableText(s.table())).append('`'));
        j.sinks().forEach(s -> md.append("  \nsink `").append(Navigation.tableText(s.table())).append('`'));
    }

    /** Over a table name of a source or sink: its columns. */
    private void tableAt(Workspace.Parsed p, JobDecl j, int offset, StringBuilder md) {
        List<TableRef> refs = new java.util.ArrayList<>();
        j.sources().forEach(s -> refs.add(s.table()));
        j.sinks().forEach(s -> refs.add(s.table()));
        for (TableRef ref : refs) {
            if (contains(ref.tableRange(), offset)) {
                lookup(p, ref).ifPresentOrElse(t -> {
                    md.append("**table** `").append(t.qualifiedName()).append('`');
                    if (t.estimatedRows() >= 0) {
                        md.append(String.format(java.util.Locale.ROOT, ", about %,d rows", t.estimatedRows()));
                    }
                    if (t.comment() != null) {
                        md.append("\n\n").append(cell(t.comment()));
                    }
                    boolean comments = t.columns().stream().anyMatch(c -> c.comment() != null);
                    md.append("\n\n| column | type | null | key |").append(comments ? " comment |" : "")
                            .append("\n|---|---|---|---|").append(comments ? "---|" : "").append('\n');
                    for (ColumnInfo c : t.columns()) {
                        md.append("| ").append(cell(c.name())).append(" | ").append(c.typeName()).append(" | ").append(c.nullable() ? "yes" : "not null")
                                .append(" | ").append(c.keyPosition() > 0 ? String.valueOf(c.keyPosition()) : "").append(" |");
                        if (comments) {
                            md.append(' ').append(c.comment() == null ? "" : cell(c.comment())).append(" |");
                        }
                        md.append('\n');
                    }
                }, () -> md.append("table `").append(Navigation.tableText(ref)).append("`: metadata not available yet"));
            }
        }
    }

    /** Over a column name in a map entry or {@code split by}: its type in the source or the sink. */
    private void columnAt(Workspace.Parsed p, JobDecl j, int offset, StringBuilder md) {
        for (MapBlock m : j.maps()) {
            for (MapBlock.Entry e : m.entries()) {
                if (e instanceof MapBlock.Column c) {
                    if (contains(c.from().range(), offset)) {
                        column(p, j.sources().stream().map(SourceBlock::table).findFirst(), c.from(), "source", md);
                    } else if (c.to().isPresent() && contains(c.to().get().range(), offset)) {
                        column(p, j.sinks().stream().map(s -> s.table()).findFirst(), c.to().get(), "sink", md);
                    }
                } else if (e instanceof MapBlock.Constant c && contains(c.to().range(), offset)) {
                    column(p, j.sinks().stream().map(s -> s.table()).findFirst(), c.to(), "sink", md);
                } else if (e instanceof MapBlock.Skip s) {
                    s.columns().stream().filter(n -> contains(n.range(), offset)).findFirst()
                            .ifPresent(n -> column(p, j.sources().stream().map(SourceBlock::table).findFirst(), n, "source", md));
                }
            }
        }
        for (SourceBlock s : j.sources()) {
            for (SourceBlock.Item i : s.items()) {
                if (i instanceof SourceBlock.SplitBy sb && contains(sb.column().range(), offset)) {
                    column(p, Optional.of(s.table()), sb.column(), "source", md);
                }
            }
        }
    }

    private void column(Workspace.Parsed p, Optional<TableRef> table, Name name, String side, StringBuilder md) {
        table.flatMap(t -> lookup(p, t)).flatMap(t -> t.column(name.text())).ifPresent(c ->
                md.append("**").append(side).append(" column** `").append(c.name()).append("` ").append(c.typeName())
                        .append(c.nullable() ? "" : " not null").append(c.hasDefault() ? ", has a default" : "")
                        .append(c.keyPosition() > 0 ? ", primary key column " + c.keyPosition() : "")
                        .append(c.comment() == null ? "" : "\n\n" + cell(c.comment())));
    }

    /** Text inside a markdown table cell: one line, no column separators. */
    private static String cell(String text) {
        return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }

    private Optional<TableInfo> lookup(Workspace.Parsed p, TableRef ref) {
        return Completions.cachedInfo(session, p, ref);
    }

    /** {@code | SYN202 | text |} rows of docs/diagnostics.md. */
    private static Map<String, String> explanations() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = Hovers.class.getResourceAsStream("diagnostics.md")) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("| SYN")) {
                    String[] cells = line.split("\\|", 4);
                    if (cells.length >= 3) {
                        String rest = line.substring(line.indexOf('|', line.indexOf('|') + 1) + 1).trim();
                        if (rest.endsWith("|")) {
                            rest = rest.substring(0, rest.length() - 1).trim();
                        }
                        out.put(cells[1].trim(), rest);
                    }
                }
            }
        } catch (IOException e) {
            // hover then shows the code's title alone
        }
        return out;
    }
}
