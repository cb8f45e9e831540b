package io.syncc.lsp;

import io.syncc.compiler.ast.ChannelBlock;
import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.compiler.workspace.Symbol;
import io.syncc.compiler.workspace.Workspace;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Go to definition, references, rename (datasources, jobs, parameters, across the folder's files),
 * and the outline of a document: symbols and folding ranges.
 */
final class Navigation {

    private final Session session;

    Navigation(Session session) {
        this.session = session;
    }

    List<Location> definition(URI uri, int offset) {
        Workspace.Parsed p = session.parsed(uri);
        return p.symbols().at(uri, offset).flatMap(s -> p.symbols().definition(s)).map(d -> location(p, d)).stream().toList();
    }

    List<Location> references(URI uri, int offset, boolean includeDeclaration) {
        Workspace.Parsed p = session.parsed(uri);
        Optional<Symbol> decl = p.symbols().at(uri, offset).flatMap(s -> p.symbols().definition(s));
        if (decl.isEmpty()) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        if (includeDeclaration) {
            out.add(location(p, decl.get()));
        }
        p.symbols().uses(decl.get()).forEach(u -> out.add(location(p, u)));
        return out;
    }

    /** The name at the cursor when it can be renamed (for prepareRename). */
    Optional<Range> renameable(URI uri, int offset) {
        Workspace.Parsed p = session.parsed(uri);
        return p.symbols().at(uri, offset).filter(s -> p.symbols().definition(s).isPresent())
                .map(s -> nameRange(positions(p, s.uri()), s));
    }

    WorkspaceEdit rename(URI uri, int offset, String newName) {
        if (!newName.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "'" + newName + "' is not a name: use letters, digits and _, not starting with a digit", null));
        }
        Workspace.Parsed p = session.parsed(uri);
        Symbol decl = p.symbols().at(uri, offset).flatMap(s -> p.symbols().definition(s)).orElseThrow(() ->
                new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, "nothing to rename here", null)));
        boolean taken = p.symbols().declarations().stream()
                .anyMatch(d -> d.kind() == decl.kind() && d.kind() != Symbol.Kind.PARAMETER && !d.equals(decl) && d.name().equalsIgnoreCase(newName));
        if (taken) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "a " + decl.kind().name().toLowerCase() + " named '" + newName + "' exists already", null));
        }
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        List<Symbol> all = new ArrayList<>();
        all.add(decl);
        all.addAll(p.symbols().uses(decl));
        for (Symbol s : all) {
            changes.computeIfAbsent(s.uri().toString(), k -> new ArrayList<>()).add(new TextEdit(nameRange(positions(p, s.uri()), s), newName));
        }
        return new WorkspaceEdit(changes);
    }

    /** The name itself: for {@code ${name}} the part between the braces. */
    private static Range nameRange(TextPositions pos, Symbol s) {
        int start = pos.charIndex(s.range().startOffset());
        int end = pos.charIndex(Math.max(s.range().startOffset(), s.range().endOffset()));
        String text = pos.text().substring(start, end);
        if (text.startsWith("${") && text.endsWith("}")) {
            start += 2;
            end -= 1;
        }
        return new Range(pos.position(start), pos.position(end));
    }

    private Location location(Workspace.Parsed p, Symbol s) {
        return new Location(s.uri().toString(), nameRange(positions(p, s.uri()), s));
    }

    private final Map<URI, TextPositions> positionsCache = new HashMap<>();

    private synchronized TextPositions positions(Workspace.Parsed p, URI uri) {
        String text = p.texts().getOrDefault(uri, "");
        TextPositions cached = positionsCache.get(uri);
        if (cached == null || !cached.text().equals(text)) {
            cached = new TextPositions(text);
            positionsCache.put(uri, cached);
        }
        return cached;
    }

    // ------------------------------------------------------------------ outline

    List<DocumentSymbol> symbols(URI uri, TextPositions pos) {
        SyncFile f = session.parsed(uri).files().get(uri);
        List<DocumentSymbol> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        for (DatasourceDecl d : f.datasources()) {
            String type = d.properties().stream().filter(pr -> pr.key().key().equals("type")).map(pr -> pr.value().display()).findFirst().orElse("");
            out.add(symbol(d.name().text(), type, SymbolKind.Module, d.range(), d.name().range(), pos, List.of()));
        }
        for (JobDecl j : f.jobs()) {
            List<DocumentSymbol> children = new ArrayList<>();
            for (SourceBlock s : j.sources()) {
                children.add(symbol("source " + tableText(s.table()), "", SymbolKind.Field, s.range(), s.table().range(), pos, List.of()));
            }
            for (SinkBlock s : j.sinks()) {
                children.add(symbol("sink " + tableText(s.table()), "", SymbolKind.Field, s.range(), s.table().range(), pos, List.of()));
            }
            for (MapBlock m : j.maps()) {
                children.add(symbol("map", m.mode().name().toLowerCase(), SymbolKind.Struct, m.range(), m.range(), pos, List.of()));
            }
            for (ChannelBlock c : j.channels()) {
                children.add(symbol("channel", "", SymbolKind.Property, c.range(), c.range(), pos, List.of()));
            }
            for (ScheduleBlock s : j.schedules()) {
                children.add(symbol("schedule", "", SymbolKind.Event, s.range(), s.range(), pos, List.of()));
            }
            out.add(symbol(j.name().text(), "job", SymbolKind.Function, j.range(), j.name().range(), pos, children));
        }
        return out;
    }

    static String tableText(io.syncc.compiler.ast.TableRef t) {
        StringBuilder sb = new StringBuilder(t.datasource().text());
        t.parts().forEach(p -> sb.append('.').append(p.text()));
        return sb.toString();
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, SourceRange range, SourceRange selection,
                                         TextPositions pos, List<DocumentSymbol> children) {
        DocumentSymbol s = new DocumentSymbol(name, kind, pos.range(range), pos.range(selection), detail);
        s.setChildren(children);
        return s;
    }

    List<FoldingRange> folding(URI uri, TextPositions pos) {
        SyncFile f = session.parsed(uri).files().get(uri);
        List<FoldingRange> out = new ArrayList<>();
        if (f != null) {
            List<SourceRange> ranges = new ArrayList<>();
            f.datasources().forEach(d -> ranges.add(d.range()));
            for (JobDecl j : f.jobs()) {
                ranges.add(j.range());
                j.sources().forEach(s -> ranges.add(s.range()));
                j.sinks().forEach(s -> ranges.add(s.range()));
                j.maps().forEach(m -> ranges.add(m.range()));
                j.channels().forEach(c -> ranges.add(c.range()));
                j.schedules().forEach(s -> ranges.add(s.range()));
            }
            for (SourceRange r : ranges) {
                Range lsp = pos.range(r);
                if (lsp.getEnd().getLine() > lsp.getStart().getLine()) {
                    out.add(new FoldingRange(lsp.getStart().getLine(), lsp.getEnd().getLine()));
                }
            }
        }
        // block comments
        String text = pos.text();
        for (int i = text.indexOf("/*"); i >= 0; i = text.indexOf("/*", i + 2)) {
            int end = text.indexOf("*/", i + 2);
            if (end < 0) {
                break;
            }
            int a = pos.position(i).getLine();
            int b = pos.position(end).getLine();
            if (b > a) {
                FoldingRange fr = new FoldingRange(a, b);
                fr.setKind(FoldingRangeKind.Comment);
                out.add(fr);
            }
            i = end;
        }
        return out;
    }
}
