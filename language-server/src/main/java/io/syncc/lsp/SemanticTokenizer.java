package io.syncc.lsp;

import io.syncc.compiler.workspace.Symbol;
import io.syncc.compiler.workspace.SymbolIndex;
import io.syncc.grammar.SyncLexer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Semantic tokens: keywords, strings, numbers, comments, operators from the grammar's lexer; the
 * names the symbol index knows (datasources, jobs, parameters) and type names after {@code as} by
 * what they are, so a keyword used as a name ({@code job map { ... }}) is coloured as a name.
 */
final class SemanticTokenizer {

    static final List<String> TYPES = List.of("keyword", "string", "number", "comment", "variable", "namespace", "function", "type", "operator");

    static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TYPES, List.of("declaration"));
    }

    private SemanticTokenizer() {
    }

    static List<Integer> tokens(URI uri, String text, SymbolIndex symbols) {
        TextPositions pos = new TextPositions(text);
        Map<Integer, int[]> named = new HashMap<>(); // code-point start → {type, declaration?}
        for (Symbol s : symbols.declarations()) {
            if (s.uri().equals(uri)) {
                named.put(s.range().startOffset(), new int[] {typeOf(s.kind()), 1});
            }
        }
        for (SymbolIndex.Reference r : symbols.references()) {
            if (r.use().uri().equals(uri)) {
                named.putIfAbsent(r.use().range().startOffset(), new int[] {typeOf(r.use().kind()), 0});
            }
        }
        SyncLexer lexer = new SyncLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Integer> data = new ArrayList<>();
        int[] last = {0, 0};
        int previous = -1;
        for (Token t : lexer.getAllTokens()) {
            int type = t.getType();
            int[] symbol = named.get(t.getStartIndex());
            int kind;
            int modifiers = 0;
            if (symbol != null && type != SyncLexer.STRING) {
                kind = symbol[0];
                modifiers = symbol[1];
            } else if (type == SyncLexer.STRING || type == SyncLexer.UNTERMINATED_STRING) {
                kind = 1;
            } else if (type == SyncLexer.INTEGER || type == SyncLexer.DECIMAL) {
                kind = 2;
            } else if (type == SyncLexer.LINE_COMMENT || type == SyncLexer.BLOCK_COMMENT) {
                kind = 3;
            } else if (type == SyncLexer.PARAM) {
                kind = 4;
            } else if (previous == SyncLexer.AS && (type == SyncLexer.IDENTIFIER || type == SyncLexer.DOUBLE)) {
                kind = 7;
            } else if (type == SyncLexer.ARROW) {
                kind = 8;
            } else if (type >= SyncLexer.DATASOURCE && type <= SyncLexer.NULL) {
                kind = 0;
            } else {
                kind = -1;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                previous = type;
            }
            if (kind < 0) {
                continue;
            }
            int start = pos.charIndex(t.getStartIndex());
            int end = pos.charIndex(t.getStopIndex() + 1);
            // one entry per line (a block comment may span several)
            while (start < end) {
                Position p = pos.position(start);
                int lineEnd = Math.min(end, pos.lineEnd(p.getLine()));
                if (lineEnd > start) {
                    data.add(p.getLine() - last[0]);
                    data.add(p.getLine() == last[0] ? p.getCharacter() - last[1] : p.getCharacter());
                    data.add(lineEnd - start);
                    data.add(kind);
                    data.add(modifiers);
                    last[0] = p.getLine();
                    last[1] = p.getCharacter();
                }
                if (p.getLine() + 1 >= pos.lineCount()) {
                    break;
                }
                start = Math.max(lineEnd, pos.lineStart(p.getLine() + 1));
            }
        }
        return data;
    }

    private static int typeOf(Symbol.Kind kind) {
        return switch (kind) {
            case DATASOURCE -> 5;
            case JOB -> 6;
            case PARAMETER -> 4;
        };
    }
}
