package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.Objects;

/** A string literal: {@code value} is unescaped; {@code range} covers the quotes. */
public record StringLit(String value, SourceRange range) {

    /** A parameter reference {@code ${name}} inside SQL or a value; group 1 is the name. */
    public static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z_0-9]*)}");

    public StringLit {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(range, "range");
    }

    /**
     * The range of characters {@code [from, to)} of the value, for a string on one line with no
     * escape before them; otherwise the whole string.
     */
    public SourceRange rangeOf(int from, int to) {
        if (range.line() != range.endLine()) {
            return range;
        }
        return new SourceRange(range.file(), range.line(), range.column() + 1 + from, range.line(), range.column() + 1 + to,
                range.startOffset() + 1 + from, range.startOffset() + 1 + to);
    }
}
