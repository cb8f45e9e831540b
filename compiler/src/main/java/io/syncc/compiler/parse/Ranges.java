package io.syncc.compiler.parse;

import io.syncc.compiler.diag.SourceRange;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns ANTLR tokens and contexts into 1-based {@link SourceRange}s. */
final class Ranges {

    private Ranges() {
    }

    static SourceRange of(String file, Token token) {
        return of(file, token, token);
    }

    static SourceRange of(String file, Token start, Token stop) {
        if (stop == null || stop.getType() == Token.EOF && stop != start) {
            stop = start;
        }
        int line = Math.max(1, start.getLine());
        int column = start.getCharPositionInLine() + 1;
        String stopText = stop.getType() == Token.EOF ? "" : stop.getText();
        int endLine = stop.getLine();
        int endColumn = stop.getCharPositionInLine() + 1;
        if (stopText != null) {
            int nl = stopText.lastIndexOf('\n');
            if (nl >= 0) {
                endLine += (int) stopText.chars().filter(c -> c == '\n').count();
                endColumn = stopText.length() - nl;
            } else {
                endColumn += stopText.length();
            }
        }
        int startOffset = Math.max(0, start.getStartIndex());
        int endOffset = Math.max(startOffset, stop.getStopIndex() + 1);
        return new SourceRange(file, line, Math.max(1, column), Math.max(1, endLine), Math.max(1, endColumn), startOffset, endOffset);
    }

    static SourceRange of(String file, ParserRuleContext ctx) {
        return of(file, ctx.getStart(), ctx.getStop());
    }
}
