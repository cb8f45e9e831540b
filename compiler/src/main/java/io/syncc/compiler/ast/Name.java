package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.Locale;
import java.util.Objects;

/** An identifier with its location. Names match case-insensitively unless quoted with backticks. */
public record Name(String text, boolean quoted, SourceRange range) {

    public Name {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(range, "range");
    }

    /** The form names are compared in: as written when quoted, lower case otherwise (like SQL). */
    public String key() {
        return quoted ? text : text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text;
    }
}
