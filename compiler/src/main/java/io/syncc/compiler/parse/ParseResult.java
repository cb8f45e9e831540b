package io.syncc.compiler.parse;

import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/** The AST (with the items that parsed, when the file has syntax errors) and the syntax diagnostics. */
public record ParseResult(Optional<SyncFile> file, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
