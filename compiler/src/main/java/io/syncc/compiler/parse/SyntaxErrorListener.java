package io.syncc.compiler.parse;

import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.Severity;
import io.syncc.grammar.SyncLexer;
import io.syncc.grammar.SyncParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Replaces ANTLR's messages with ours: what was found, and what would have been accepted,
 * named the way a user writes it ({@code copy}, {@code a name}, {@code a string}).
 */
final class SyntaxErrorListener extends BaseErrorListener {

    private static final Set<Integer> NON_RESERVED = nonReservedTokens();

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int lastErrorOffset = -1;

    SyntaxErrorListener(String file) {
        this.file = file;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Reports every unterminated string of the file — also those the parser's recovery consumed
     * without seeing them as offending tokens, or never reached — and puts the diagnostics in the
     * order of the file.
     */
    void unterminatedStrings(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.getType() == SyncLexer.UNTERMINATED_STRING) {
                diagnostics.add(new Diagnostic(Severity.ERROR, Code.UNTERMINATED_STRING, Ranges.of(file, t),
                        "unterminated string: a string must end with \" on the same line", List.of("\"")));
            }
        }
        diagnostics.sort(java.util.Comparator.comparingInt(d -> d.range().startOffset()));
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (!(offendingSymbol instanceof Token token)) {
            return; // lexer errors cannot happen: UNRECOGNIZED catches every character
        }
        if (token.getStartIndex() == lastErrorOffset && token.getType() != Token.EOF) {
            return; // one report per offending token; recovery may revisit it
        }
        lastErrorOffset = token.getStartIndex();
        var range = Ranges.of(file, token);
        switch (token.getType()) {
            case SyncLexer.UNTERMINATED_STRING -> {
                // reported from the token stream, with those the parser does not see (unterminatedStrings)
            }
            case SyncLexer.UNRECOGNIZED -> diagnostics.add(new Diagnostic(Severity.ERROR, Code.UNRECOGNIZED_CHARACTER, range,
                    "unexpected character '" + token.getText() + "'", List.of()));
            default -> {
                List<String> expected = expected((Parser) recognizer, e);
                String found = token.getType() == Token.EOF ? "end of file" : "'" + clip(token.getText()) + "'";
                String message = "unexpected " + found + (expected.isEmpty() ? "" : "; expected " + join(expected))
                        + didYouMean(token, expected);
                diagnostics.add(new Diagnostic(Severity.ERROR, Code.SYNTAX, range, message, expected));
            }
        }
    }

    /**
     * {@code ; did you mean 'write'?} when a word was found where keywords were expected and one of
     * them is a small edit away ({@code wirte}, {@code paralelism}, {@code overwrit}, {@code sinc}).
     */
    private static String didYouMean(Token token, List<String> expected) {
        if (token.getType() != SyncLexer.IDENTIFIER && !NON_RESERVED.contains(token.getType())) {
            return "";
        }
        List<String> keywords = expected.stream().filter(x -> x.chars().allMatch(Character::isLetter)).toList();
        return io.syncc.compiler.diag.Suggestions.closest(token.getText(), keywords)
                .filter(k -> !k.equalsIgnoreCase(token.getText()))
                .map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /** A token as quoted in a message: a long one (a 100 KB name) is cut. */
    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static List<String> expected(Parser parser, RecognitionException e) {
        IntervalSet set;
        try {
            set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        } catch (RuntimeException ignored) {
            return List.of();
        }
        List<Integer> types = set.toList();
        boolean nameExpected = types.contains(SyncLexer.IDENTIFIER);
        Set<String> names = new LinkedHashSet<>();
        if (nameExpected) {
            names.add("a name");
        }
        boolean numberExpected = types.contains(SyncLexer.INTEGER) || types.contains(SyncLexer.DECIMAL);
        for (int type : types) {
            if (numberExpected && (type == SyncLexer.MINUS || type == SyncLexer.DECIMAL)) {
                continue;
            }
            if (nameExpected && (NON_RESERVED.contains(type) || type == SyncLexer.IDENTIFIER || type == SyncLexer.QUOTED_IDENTIFIER)) {
                continue;
            }
            names.add(display(parser.getVocabulary(), type));
        }
        return List.copyOf(names);
    }

    static String display(Vocabulary vocabulary, int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case SyncLexer.IDENTIFIER, SyncLexer.QUOTED_IDENTIFIER -> "a name";
            case SyncLexer.STRING -> "a string";
            case SyncLexer.INTEGER -> vocabulary == null ? "an integer" : "a number";
            case SyncLexer.DECIMAL -> "a number";
            case SyncLexer.PARAM -> "a parameter ${name}";
            default -> {
                String literal = vocabulary.getLiteralName(type);
                yield literal != null ? literal.substring(1, literal.length() - 1) : vocabulary.getDisplayName(type);
            }
        };
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        if (items.size() <= 6) {
            return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
        }
        return "one of " + String.join(", ", items);
    }

    private static Set<Integer> nonReservedTokens() {
        Set<Integer> s = new java.util.HashSet<>();
        for (int t = 1; t <= SyncLexer.VOCABULARY.getMaxTokenType(); t++) {
            String literal = SyncLexer.VOCABULARY.getLiteralName(t);
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                s.add(t);
            }
        }
        // reserved words stay visible in "expected" lists
        s.remove(SyncParser.AS);
        s.remove(SyncParser.DEFAULT);
        s.remove(SyncParser.FORMAT);
        s.remove(SyncParser.SKIP_);
        s.remove(SyncParser.TRUE);
        s.remove(SyncParser.FALSE);
        s.remove(SyncParser.NULL);
        return Set.copyOf(s);
    }
}
