package io.syncc.lsp;

import io.syncc.grammar.SyncLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Formats a whole document: each line indented by two spaces per open block (a line that starts
 * with {@code }} one less), trailing blanks removed, runs of empty lines kept as one, one newline
 * at the end. Words, spacing inside a line and comments are left as written, so formatting never
 * changes what a file means, and formatting a formatted file changes nothing. Lines inside a block
 * comment are kept as they are.
 */
final class Formatter {

    private Formatter() {
    }

    static String format(String text, String indentUnit) {
        TextPositions pos = new TextPositions(text);
        SyncLexer lexer = new SyncLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        int lines = pos.lineCount();
        int[] depth = new int[lines];
        boolean[] inComment = new boolean[lines];
        int d = 0;
        int line = 0;
        for (Token t : tokens) {
            int start = pos.charIndex(t.getStartIndex());
            int end = pos.charIndex(t.getStopIndex() + 1);
            while (line + 1 < lines && pos.lineStart(line + 1) <= start) {
                line++;
                depth[line] = d;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                if (t.getType() == SyncLexer.LBRACE) {
                    d++;
                } else if (t.getType() == SyncLexer.RBRACE) {
                    d = Math.max(0, d - 1);
                }
            } else if (t.getType() == SyncLexer.BLOCK_COMMENT) {
                for (int l = line + 1; l < lines && pos.lineStart(l) < end; l++) {
                    inComment[l] = true;
                }
            }
        }
        while (line + 1 < lines) {
            line++;
            depth[line] = d;
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> out = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            String raw = text.substring(pos.lineStart(l), pos.lineEnd(l));
            if (inComment[l]) {
                out.add(raw.stripTrailing());
                continue;
            }
            String content = raw.strip();
            if (content.isEmpty()) {
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                continue;
            }
            int indent = Math.max(0, depth[l] - (content.startsWith("}") ? 1 : 0));
            out.add(indentUnit.repeat(indent) + content);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out.isEmpty() ? "" : String.join(newline, out) + newline;
    }
}
