package io.syncc.lsp;

import io.syncc.compiler.cli.CommandExtension;

/** Adds {@code syncc lsp} to the CLI (registered in META-INF/services). */
public final class LspExtension implements CommandExtension {

    @Override
    public Object command() {
        return new LspCommand();
    }
}
