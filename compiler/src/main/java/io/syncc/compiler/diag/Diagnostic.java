package io.syncc.compiler.diag;

import java.util.List;
import java.util.Objects;

/**
 * One finding about a source file: shared by the CLI (printed with a caret) and, later, the
 * language server (published as an LSP diagnostic; {@code code} drives quick fixes).
 *
 * @param severity  error, warning or info
 * @param code      stable code, e.g. {@code SYN101}
 * @param range     where
 * @param message   what is wrong, for people
 * @param expected  what would have been accepted here (may be empty)
 */
public record Diagnostic(Severity severity, Code code, SourceRange range, String message, List<String> expected) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(message, "message");
        expected = List.copyOf(expected);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
