package io.syncc.runtime.plan;

import java.util.Objects;

/**
 * Where a credential comes from. {@code ENV} and {@code FILE} hold the variable name / path,
 * never the secret. {@code LITERAL} holds the value itself and is only allowed for non-secret
 * values (a user name) or for in-process runs; a plan with a literal password is never written
 * to disk (see the compiler's plan writer).
 */
public record SecretRef(Kind kind, String value) {

    public enum Kind { LITERAL, ENV, FILE }

    public SecretRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** A description safe to print: never the literal value. */
    public String describe() {
        return switch (kind) {
            case LITERAL -> "a literal";
            case ENV -> "env(\"" + value + "\")";
            case FILE -> "file(\"" + value + "\")";
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
