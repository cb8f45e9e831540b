package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.Objects;

/** A string literal: {@code value} is unescaped; {@code range} covers the quotes. */
public record StringLit(String value, SourceRange range) {

    public StringLit {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(range, "range");
    }
}
