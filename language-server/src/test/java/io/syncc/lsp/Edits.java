package io.syncc.lsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Applies edits as an editor does (UTF-16 positions; later edits first). */
final class Edits {

    private Edits() {
    }

    static int index(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return text.length();
            }
            i = nl + 1;
            line++;
        }
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        return Math.min(i + p.getCharacter(), end);
    }

    static String apply(String text, List<? extends TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparing((TextEdit e) -> index(text, e.getRange().getStart())).reversed());
        String out = text;
        for (TextEdit e : sorted) {
            int a = index(text, e.getRange().getStart());
            int b = index(text, e.getRange().getEnd());
            out = out.substring(0, a) + e.getNewText() + out.substring(b);
        }
        return out;
    }

    static String apply(String text, WorkspaceEdit edit, String uri) {
        return apply(text, edit.getChanges().getOrDefault(uri, List.of()));
    }

    /** The UTF-16 position of the n-th occurrence (0-based) of {@code needle}. */
    static Position find(String text, String needle, int nth) {
        int i = -1;
        for (int k = 0; k <= nth; k++) {
            i = text.indexOf(needle, i + 1);
            if (i < 0) {
                throw new AssertionError("'" + needle + "' not in the text");
            }
        }
        return position(text, i);
    }

    /** The LSP position of a string index. */
    static Position position(String text, int index) {
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new Position(line, index - lineStart);
    }

    static Position find(String text, String needle) {
        return find(text, needle, 0);
    }

    /** The position just after the first occurrence of {@code needle} (which may span lines). */
    static Position after(String text, String needle) {
        int i = text.indexOf(needle);
        if (i < 0) {
            throw new AssertionError("'" + needle + "' not in the text");
        }
        return position(text, i + needle.length());
    }
}
