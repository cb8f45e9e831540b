package io.syncc.lsp;

import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.ast.TableRef;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.workspace.Workspace;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Code actions. Quick fixes carry the diagnostic they fix (same code): the did-you-mean
 * replacement, adding the missing NOT NULL columns, {@code create if missing} or creating the sink
 * table now, refreshing metadata. The mapping actions of the consoles, on any job whose source and
 * sink columns are known: map all by name, map by position, unmap all, reset the mapping. And
 * writing the catalog snapshot.
 */
final class CodeActions {

    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([^']+)'\\?");

    private final Session session;

    CodeActions(Session session) {
        this.session = session;
    }

    List<CodeAction> actions(URI uri, Range range, List<org.eclipse.lsp4j.Diagnostic> context, TextPositions pos) {
        List<CodeAction> out = new ArrayList<>();
        Workspace.Parsed p = session.parsed(uri);
        int offset = pos.codePointOffset(pos.charIndex(range.getStart()));
        for (org.eclipse.lsp4j.Diagnostic d : context) {
            String code = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            Matcher m = DID_YOU_MEAN.matcher(messageOf(d));
            if (m.find()) {
                replacement(uri, d, m.group(1), pos).ifPresent(out::add);
            }
            if (code.equals(Code.METADATA_UNAVAILABLE.id())) {
                CodeAction a = new CodeAction("Fetch the metadata again");
                a.setKind(CodeActionKind.QuickFix);
                a.setDiagnostics(List.of(d));
                a.setCommand(new Command("Refresh metadata", "syncc.refreshMetadata", List.of(uri.toString())));
                out.add(a);
            }
        }
        SyncFile file = p.files().get(uri);
        Optional<JobDecl> job = file == null ? Optional.empty()
                : file.jobs().stream().filter(j -> j.range().startOffset() <= offset && offset <= j.range().endOffset()).findFirst();
        if (job.isPresent()) {
            jobActions(uri, p, job.get(), context, pos, out);
        }
        CodeAction pull = new CodeAction("Write the catalog snapshot (syncc.catalog.json) of this folder");
        pull.setKind(CodeActionKind.Source);
        pull.setCommand(new Command("Pull catalog", "syncc.pullCatalog", List.of(uri.toString())));
        out.add(pull);
        return out;
    }

    private static String messageOf(org.eclipse.lsp4j.Diagnostic d) {
        var m = d.getMessage();
        return m == null ? "" : m.isLeft() ? m.getLeft() : m.getRight().getValue();
    }

    /** The misspelt word (or the last part of a dotted name) replaced by the suggestion. */
    private static Optional<CodeAction> replacement(URI uri, org.eclipse.lsp4j.Diagnostic d, String suggestion, TextPositions pos) {
        int start = pos.charIndex(d.getRange().getStart());
        int end = pos.charIndex(d.getRange().getEnd());
        String text = pos.text().substring(start, end);
        if (text.contains(".")) {
            start += text.lastIndexOf('.') + 1;
            text = text.substring(text.lastIndexOf('.') + 1);
        }
        if (text.isEmpty() || !text.matches("[`\"]?[\\p{L}\\p{N}_ ]+[`\"]?")) {
            return Optional.empty();
        }
        String replacement = text.startsWith("`") || text.startsWith("\"") ? text.charAt(0) + suggestion + text.charAt(0)
                : io.syncc.compiler.ast.Name.written(suggestion);
        CodeAction a = new CodeAction("Change to '" + suggestion + "'");
        a.setKind(CodeActionKind.QuickFix);
        a.setDiagnostics(List.of(d));
        a.setIsPreferred(true);
        a.setEdit(edit(uri, new Range(pos.position(start), pos.position(end)), replacement));
        return Optional.of(a);
    }

    private void jobActions(URI uri, Workspace.Parsed p, JobDecl job, List<org.eclipse.lsp4j.Diagnostic> context, TextPositions pos,
                            List<CodeAction> out) {
        Optional<TableInfo> source = job.sources().stream().findFirst().flatMap(s -> table(p, s.table()));
        Optional<TableInfo> sink = job.sinks().stream().findFirst().flatMap(s -> table(p, s.table()));
        String indent = indentOf(pos, job) + "  ";
        for (org.eclipse.lsp4j.Diagnostic d : context) {
            String code = d.getCode() == null || !d.getCode().isLeft() ? "" : d.getCode().getLeft();
            if (code.equals(Code.UNKNOWN_TABLE.id()) && !job.sinks().isEmpty() && within(job.sinks().get(0).table(), d, pos)) {
                SinkBlock s = job.sinks().get(0);
                CodeAction add = new CodeAction("Add 'create if missing' to the sink");
                add.setKind(CodeActionKind.QuickFix);
                add.setDiagnostics(List.of(d));
                add.setEdit(addToSink(uri, s, "create if missing", pos, indent));
                out.add(add);
                CodeAction create = new CodeAction("Create the table " + Navigation.tableText(s.table()) + " now (shows the DDL it runs)");
                create.setKind(CodeActionKind.QuickFix);
                create.setDiagnostics(List.of(d));
                create.setCommand(new Command("Create table", "syncc.createTable", List.of(uri.toString(), job.name().text())));
                out.add(create);
            }
            if (code.equals(Code.NOT_NULL_WITHOUT_VALUE.id()) && sink.isPresent()) {
                missingNotNull(uri, job, source, sink.get(), d, pos, indent).ifPresent(out::add);
            }
        }
        if (source.isPresent() && sink.isPresent() && !source.get().columns().isEmpty()) {
            List<org.eclipse.lsp4j.Diagnostic> mapping = context.stream().filter(d -> d.getCode() != null && d.getCode().isLeft()
                    && Set.of(Code.UNMAPPED_SOURCE_COLUMN.id(), Code.EMPTY_MAPPING.id(), Code.NOT_NULL_WITHOUT_VALUE.id(),
                    Code.UNKNOWN_COLUMN.id()).contains(d.getCode().getLeft())).toList();
            out.add(mapAction("Map all by name", byName(source.get(), sink.get()), job, uri, pos, indent, mapping));
            out.add(mapAction("Map by position", byPosition(source.get(), sink.get()), job, uri, pos, indent, mapping));
            out.add(mapAction("Unmap all", "map {\n" + indent + "}", job, uri, pos, indent, List.of()));
            out.add(mapAction("Reset the mapping (map by name)", "map by name {\n" + indent + "}", job, uri, pos, indent, List.of()));
        }
    }

    private static boolean within(TableRef ref, org.eclipse.lsp4j.Diagnostic d, TextPositions pos) {
        int at = pos.codePointOffset(pos.charIndex(d.getRange().getStart()));
        return ref.range().startOffset() <= at && at <= ref.range().endOffset();
    }

    private Optional<TableInfo> table(Workspace.Parsed p, TableRef ref) {
        return Completions.cachedInfo(session, p, ref);
    }

    private static String byName(TableInfo source, TableInfo sink) {
        StringBuilder sb = new StringBuilder("map {");
        Set<String> used = new HashSet<>();
        for (ColumnInfo c : source.columns()) {
            Optional<ColumnInfo> target = sink.column(c.name());
            if (target.isPresent() && used.add(target.get().name().toLowerCase(Locale.ROOT))) {
                sb.append("\n@").append(io.syncc.compiler.ast.Name.written(c.name()));
                if (!target.get().name().equals(c.name())) {
                    sb.append(" -> ").append(io.syncc.compiler.ast.Name.written(target.get().name()));
                }
            }
        }
        return sb.append("\n}").toString();
    }

    private static String byPosition(TableInfo source, TableInfo sink) {
        StringBuilder sb = new StringBuilder("map {");
        int n = Math.min(source.columns().size(), sink.columns().size());
        for (int i = 0; i < n; i++) {
            sb.append("\n@").append(io.syncc.compiler.ast.Name.written(source.columns().get(i).name())).append(" -> ")
                    .append(io.syncc.compiler.ast.Name.written(sink.columns().get(i).name()));
        }
        return sb.append("\n}").toString();
    }

    /** Replaces the job's map block (or adds one before the job's closing brace) with {@code block}. */
    private static CodeAction mapAction(String title, String block, JobDecl job, URI uri, TextPositions pos, String indent,
                                        List<org.eclipse.lsp4j.Diagnostic> fixes) {
        String text = block.replace("\n@", "\n" + indent + "  ").replace("\n}", "\n" + indent + "}");
        CodeAction a = new CodeAction(title);
        a.setKind(fixes.isEmpty() ? CodeActionKind.RefactorRewrite : CodeActionKind.QuickFix);
        if (!fixes.isEmpty()) {
            a.setDiagnostics(fixes);
        }
        if (!job.maps().isEmpty()) {
            a.setEdit(edit(uri, pos.range(job.maps().get(0).range()), text));
        } else {
            a.setEdit(edit(uri, beforeClosingBrace(pos, job), indent + text + "\n"));
        }
        return a;
    }

    /** Constants for the NOT NULL sink columns nothing maps to, with a placeholder value of their type. */
    private static Optional<CodeAction> missingNotNull(URI uri, JobDecl job, Optional<TableInfo> source, TableInfo sink,
                                                       org.eclipse.lsp4j.Diagnostic d, TextPositions pos, String indent) {
        Set<String> mapped = new HashSet<>();
        MapBlock.Mode mode = job.maps().isEmpty() ? MapBlock.Mode.NAME : job.maps().get(0).mode();
        if (!job.maps().isEmpty()) {
            for (MapBlock.Entry e : job.maps().get(0).entries()) {
                if (e instanceof MapBlock.Column c) {
                    mapped.add(c.target().text().toLowerCase(Locale.ROOT));
                } else if (e instanceof MapBlock.Constant c) {
                    mapped.add(c.to().text().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (mode == MapBlock.Mode.NAME) {
            source.ifPresent(s -> s.columns().forEach(c -> mapped.add(c.name().toLowerCase(Locale.ROOT))));
        }
        List<String> entries = new ArrayList<>();
        for (ColumnInfo c : sink.columns()) {
            if (!c.nullable() && !c.hasDefault() && !mapped.contains(c.name().toLowerCase(Locale.ROOT))) {
                entries.add(placeholder(c) + " -> " + io.syncc.compiler.ast.Name.written(c.name()));
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        CodeAction a = new CodeAction("Add the missing NOT NULL columns (" + entries.size() + ") with placeholder values");
        a.setKind(CodeActionKind.QuickFix);
        a.setDiagnostics(List.of(d));
        String lines = String.join("\n", entries.stream().map(e -> indent + "  " + e).toList());
        if (job.maps().isEmpty()) {
            a.setEdit(edit(uri, beforeClosingBrace(pos, job), indent + "map by name {\n" + lines + "\n" + indent + "}\n"));
        } else {
            MapBlock m = job.maps().get(0);
            int close = pos.charIndex(Math.max(m.range().startOffset(), m.range().endOffset() - 1)); // the map's }
            int lineStart = pos.text().lastIndexOf('\n', close - 1) + 1;
            boolean closeOnOwnLine = pos.text().substring(lineStart, close).isBlank();
            Position at = closeOnOwnLine ? pos.position(lineStart) : pos.position(close);
            a.setEdit(edit(uri, new Range(at, at), closeOnOwnLine ? lines + "\n" : "\n" + lines + "\n" + indent));
        }
        return Optional.of(a);
    }

    private static String placeholder(ColumnInfo c) {
        if (c.type() == null) {
            return "\"\"";
        }
        return switch (c.type().kind()) {
            case BOOLEAN -> "false";
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC -> "0";
            case DATE -> "\"1970-01-01\"";
            case TIMESTAMP, TIMESTAMPTZ -> "\"1970-01-01 00:00:00\"";
            case TIME -> "\"00:00:00\"";
            default -> "\"\"";
        };
    }

    /** Adds an item on a line of its own to a sink's body (giving it one when it has none). */
    private static WorkspaceEdit addToSink(URI uri, SinkBlock s, String item, TextPositions pos, String indent) {
        int end = pos.charIndex(s.range().endOffset());
        String written = pos.text().substring(pos.charIndex(s.range().startOffset()), end);
        if (written.endsWith("}")) {
            int close = end - 1;
            int lineStart = pos.text().lastIndexOf('\n', close - 1) + 1;
            if (pos.text().substring(lineStart, close).isBlank()) {
                Position at = pos.position(lineStart);
                return edit(uri, new Range(at, at), indent + "  " + item + "\n");
            }
            Position at = pos.position(close);
            return edit(uri, new Range(at, at), " " + item + " ");
        }
        Position at = pos.position(end);
        return edit(uri, new Range(at, at), " {\n" + indent + "  " + item + "\n" + indent + "}");
    }

    private static Range beforeClosingBrace(TextPositions pos, JobDecl job) {
        int close = pos.charIndex(Math.max(job.range().startOffset(), job.range().endOffset() - 1));
        int lineStart = pos.text().lastIndexOf('\n', close - 1) + 1;
        Position at = pos.text().substring(lineStart, close).isBlank() ? pos.position(lineStart) : pos.position(close);
        return new Range(at, at);
    }

    private static String indentOf(TextPositions pos, JobDecl job) {
        int start = pos.charIndex(job.range().startOffset());
        int lineStart = pos.text().lastIndexOf('\n', start - 1) + 1;
        String before = pos.text().substring(lineStart, start);
        return before.isBlank() ? before : "";
    }

    private static WorkspaceEdit edit(URI uri, Range range, String newText) {
        return new WorkspaceEdit(Map.of(uri.toString(), List.of(new TextEdit(range, newText))));
    }
}
