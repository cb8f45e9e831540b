package io.syncc.compiler.cli;

/**
 * A command added to {@code syncc} by a module built after the compiler (the language server's
 * {@code syncc lsp}), found through {@link java.util.ServiceLoader} in the assembled CLI jar.
 */
public interface CommandExtension {

    /** A new picocli command object ({@code @Command}-annotated). */
    Object command();
}
