package io.syncc.compiler.parse;

import io.syncc.compiler.ast.SyncFile;
import io.syncc.grammar.SyncLexer;
import io.syncc.grammar.SyncParser;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Text → AST. A thin facade over the generated parser: SLL prediction first (fast, enough for
 * almost every file), full LL with error recovery when SLL fails, so that every syntax error
 * of the file is reported in one run with our own messages. A file with syntax errors still
 * yields an AST of the items that parsed ({@link io.syncc.compiler.ast.SyncFile#malformed()} says
 * what was left out).
 */
public final class SyncSourceParser {

    private SyncSourceParser() {
    }

    /**
     * @param file how diagnostics name the file (e.g. a path relative to the working directory)
     * @param text the file's contents
     */
    public static ParseResult parse(String file, String text) {
        SyncLexer lexer = new SyncLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        SyncParser parser = new SyncParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        SyncParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            SyntaxErrorListener listener = new SyntaxErrorListener(file);
            parser.addErrorListener(listener);
            parser.setErrorHandler(new QuietRecoveryStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.file();
            tokens.fill(); // to the end of the file: the parse may stop before it
            listener.unterminatedStrings(tokens.getTokens());
            if (!listener.diagnostics().isEmpty()) {
                // every declaration and item that parsed, for the checks and the editor
                return new ParseResult(Optional.of(new AstBuilder(file).build(tree)), listener.diagnostics());
            }
        }
        SyncFile ast = new AstBuilder(file).build(tree);
        return new ParseResult(Optional.of(ast), java.util.List.of());
    }
}
