package io.syncc.lsp;

import io.syncc.compiler.diag.SourceRange;
import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Positions in one text, as LSP counts them (line, UTF-16 code unit in the line) and as the
 * compiler does (code-point offsets from ANTLR). Java strings are UTF-16, so an LSP position is a
 * string index; code points differ from it only after a character outside the BMP (an emoji), and
 * the mapping between the two is kept only for texts that have one.
 */
final class TextPositions {

    private final String text;
    /** String index where each line starts; a line ends at {@code \n} (a preceding {@code \r} belongs to it). */
    private final int[] lineStarts;
    /** String index of each code point, or {@code null} when the text has no surrogate pairs (identity). */
    private final int[] charOfCodePoint;

    TextPositions(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        boolean surrogates = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            } else if (Character.isHighSurrogate(c)) {
                surrogates = true;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
        if (surrogates) {
            int[] map = new int[text.codePointCount(0, text.length()) + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                map[cp++] = i;
            }
            map[cp] = text.length();
            this.charOfCodePoint = map;
        } else {
            this.charOfCodePoint = null;
        }
    }

    String text() {
        return text;
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** The string index of a code-point offset (clamped to the text). */
    int charIndex(int codePointOffset) {
        int cp = Math.max(0, codePointOffset);
        if (charOfCodePoint == null) {
            return Math.min(cp, text.length());
        }
        return charOfCodePoint[Math.min(cp, charOfCodePoint.length - 1)];
    }

    /** The code-point offset of a string index. */
    int codePointOffset(int charIndex) {
        int i = Math.max(0, Math.min(charIndex, text.length()));
        return charOfCodePoint == null ? i : text.codePointCount(0, i);
    }

    /** The string index of an LSP position (a character past the end of its line means the line's end). */
    int charIndex(Position p) {
        if (p.getLine() >= lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[Math.max(0, p.getLine())];
        return Math.min(start + Math.max(0, p.getCharacter()), lineEnd(p.getLine()));
    }

    /** The LSP position of a string index. */
    Position position(int charIndex) {
        int i = Math.max(0, Math.min(charIndex, text.length()));
        int line = Arrays.binarySearch(lineStarts, i);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, i - lineStarts[line]);
    }

    /** Where a line's text ends (before {@code \r\n} or {@code \n}). */
    int lineEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (end > lineStarts[line] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** The LSP range of a compiler range (its code-point offsets). */
    Range range(SourceRange r) {
        int start = charIndex(r.startOffset());
        int end = charIndex(Math.max(r.startOffset(), r.endOffset()));
        return new Range(position(start), position(end));
    }

    /** The text of a compiler range. */
    String slice(SourceRange r) {
        return text.substring(charIndex(r.startOffset()), charIndex(Math.max(r.startOffset(), r.endOffset())));
    }
}
