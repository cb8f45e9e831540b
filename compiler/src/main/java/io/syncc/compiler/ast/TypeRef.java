package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.Objects;

/** A type as written, e.g. {@code varchar(20)}; resolved by the checker. Precision/scale 0 when absent. */
public record TypeRef(String name, int precision, int scale, SourceRange range) {

    public TypeRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(range, "range");
    }
}
