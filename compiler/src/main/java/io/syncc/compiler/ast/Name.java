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

    /**
     * Which of {@code names} this name refers to: the one spelt exactly so, else (unquoted) the first
     * that equals it ignoring case; empty when none does.
     */
    public java.util.Optional<String> in(java.util.List<String> names) {
        java.util.Optional<String> exact = names.stream().filter(n -> n.equals(text)).findFirst();
        return exact.isPresent() || quoted ? exact : names.stream().filter(n -> n.equalsIgnoreCase(text)).findFirst();
    }

    private static final java.util.Set<String> RESERVED_IN_MAP = java.util.Set.of("as", "default", "format", "skip", "true", "false", "null");

    /** A name as it must be written in a {@code .sync} file: as is when a plain identifier (not reserved in a map), else in backticks. */
    public static String written(String name) {
        return name.matches("[A-Za-z_][A-Za-z_0-9]*") && !RESERVED_IN_MAP.contains(name.toLowerCase(Locale.ROOT)) ? name : "`" + name + "`";
    }

    @Override
    public String toString() {
        return text;
    }
}
