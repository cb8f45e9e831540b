package io.syncc.compiler.diag;

import java.util.Objects;

/**
 * A span of a source file. Lines and columns are 1-based (columns count UTF-16 code units, as
 * editors do); offsets are 0-based character offsets, end exclusive.
 */
public record SourceRange(String file, int line, int column, int endLine, int endColumn, int startOffset, int endOffset) {

    public SourceRange {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
    }

    /** A range covering this one and {@code other} (same file). */
    public SourceRange to(SourceRange other) {
        return new SourceRange(file, line, column, other.endLine, other.endColumn, startOffset, other.endOffset);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
