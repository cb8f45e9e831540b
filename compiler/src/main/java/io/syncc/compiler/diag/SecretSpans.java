package io.syncc.compiler.diag;

import io.syncc.grammar.SyncLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Where a {@code .sync} text holds secrets, found from its tokens (so a file that does not parse is
 * covered too): the string after {@code password} ({@code password "hunter2"}, also written
 * {@code password = "..."} or {@code password: "..."}), in a datasource block also a bare value
 * after {@code password} (not {@code env(...)} or {@code file(...)}; up to the end of the line, a
 * {@code ;} or a {@code }}), and inside any string the value of a
 * {@code password=} URL parameter and the password of a {@code //user:password@host} URL. The
 * diagnostic printer masks these spans in every source line it shows and their text in messages.
 */
public final class SecretSpans {

    /** A secret: characters {@code start} (inclusive) to {@code end} (exclusive) of the text. */
    public record Span(int start, int end) {
    }

    private static final Pattern URL_PASSWORD_PARAMETER = Pattern.compile("(?i)password=([^&;\\s]*)");
    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@:?#\\s]*:([^/@?#\\s]*)@");

    private SecretSpans() {
    }

    /** The secret spans of {@code text}, in text order. */
    public static List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        if (!mayHoldSecret(text)) {
            return spans;
        }
        SyncLexer lexer = new SyncLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(t);
            }
        }
        int depth = 0;
        int datasourceDepth = -1; // brace depth of the datasource block we are in, -1 outside
        boolean datasourceNext = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.getType()) {
                case SyncLexer.DATASOURCE -> datasourceNext = true;
                case SyncLexer.LBRACE -> {
                    depth++;
                    if (datasourceNext && datasourceDepth < 0) {
                        datasourceDepth = depth;
                    }
                    datasourceNext = false;
                }
                case SyncLexer.RBRACE -> {
                    if (depth == datasourceDepth) {
                        datasourceDepth = -1;
                    }
                    depth = Math.max(0, depth - 1);
                }
                default -> {
                }
            }
            boolean terminated = t.getType() == SyncLexer.STRING;
            if (!terminated && t.getType() != SyncLexer.UNTERMINATED_STRING) {
                if (datasourceDepth > 0 && isWord(t) && afterPasswordKey(tokens, i)) {
                    // password hunter2-x!: not valid, still a secret; up to the end of the line, a ; or a }
                    int end = t.getStartIndex();
                    while (end < text.length() && "\n\r;}".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    spans.add(new Span(t.getStartIndex(), end));
                    while (i + 1 < tokens.size() && tokens.get(i + 1).getStartIndex() < end) {
                        i++;
                    }
                }
                continue;
            }
            int start = t.getStartIndex() + 1; // after the opening quote
            int end = terminated ? t.getStopIndex() : t.getStopIndex() + 1; // before the closing quote
            if (end <= start) {
                continue;
            }
            if (afterPasswordKey(tokens, i)) {
                spans.add(new Span(start, end));
                continue;
            }
            String content = text.substring(start, end);
            for (Pattern p : List.of(URL_PASSWORD_PARAMETER, URL_USER_INFO)) {
                Matcher m = p.matcher(content);
                while (m.find()) {
                    if (m.end(1) > m.start(1)) {
                        spans.add(new Span(start + m.start(1), start + m.end(1)));
                    }
                }
            }
        }
        spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return spans;
    }

    /** A bare value: a name, a number or a keyword used as a word, but not env(...) or file(...). */
    private static boolean isWord(Token t) {
        int type = t.getType();
        if (type == SyncLexer.ENV || type == SyncLexer.FILE) {
            return false;
        }
        return type == SyncLexer.IDENTIFIER || type == SyncLexer.QUOTED_IDENTIFIER || type == SyncLexer.INTEGER
                || type == SyncLexer.DECIMAL || Character.isLetter(t.getText().charAt(0));
    }

    private static boolean mayHoldSecret(String text) {
        return text.toLowerCase(Locale.ROOT).contains("password") || text.indexOf('@') >= 0;
    }

    private static boolean afterPasswordKey(List<Token> tokens, int stringIndex) {
        int k = stringIndex - 1;
        if (k >= 0 && (tokens.get(k).getType() == SyncLexer.EQ || tokens.get(k).getText().equals(":"))) {
            k--;
        }
        if (k < 0) {
            return false;
        }
        String word = tokens.get(k).getText();
        if (tokens.get(k).getType() == SyncLexer.QUOTED_IDENTIFIER) {
            word = word.substring(1, word.length() - 1);
        }
        return word.equalsIgnoreCase("password");
    }
}
