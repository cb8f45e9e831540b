package io.syncc.lsp;

import io.syncc.compiler.ast.Name;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.grammar.SyncLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Where a cursor is, in the terms completion needs: the block it is in (with what that block's
 * header named: the datasource of a {@code source}, the job's source and sink tables), the
 * tokens before it in the block, the word being typed, and whether it is inside a string. Worked
 * out from the grammar's own lexer over the text before the cursor, so it holds in a document that
 * does not parse (the user is typing).
 */
final class CursorContext {

    /** The kinds of block a cursor can be in. */
    enum Block { TOP, DATASOURCE, JOB, SOURCE, COLUMNS, SINK, CREATE, MAP, CHANNEL, SCHEDULE, OTHER }

    /** A table reference as written: datasource and name parts. */
    record TableRefText(String datasource, List<Name> parts) {
    }

    private static final SourceRange NOWHERE = new SourceRange("", 1, 1, 1, 1, 0, 0);

    /** An open block. */
    static final class Frame {
        final Block block;
        /** Visible tokens inside the block (nested blocks left out), in order. */
        final List<Token> tokens = new ArrayList<>();
        /** DATASOURCE, JOB: the name; SOURCE, SINK: the table. */
        String name;
        TableRefText table;
        /** JOB: its source and sink as written (also those without a body). */
        TableRefText source;
        TableRefText sink;
        final List<String> params = new ArrayList<>();
        /** An {@code env NAME { }} block: the datasource's type, written outside it. */
        String inheritedType;

        Frame(Block block) {
            this.block = block;
        }
    }

    final Deque<Frame> frames;
    /** The word being typed (letters, digits, _ and a leading backtick), possibly empty. */
    final String word;
    /** Inside a string: its text from the opening quote to the cursor. */
    final Optional<String> inString;
    final boolean inComment;

    private CursorContext(Deque<Frame> frames, String word, Optional<String> inString, boolean inComment) {
        this.frames = frames;
        this.word = word;
        this.inString = inString;
        this.inComment = inComment;
    }

    Frame frame() {
        return frames.peek();
    }

    Block block() {
        return frames.peek().block;
    }

    /** The innermost open block of a kind. */
    Optional<Frame> enclosing(Block kind) {
        return frames.stream().filter(f -> f.block == kind).findFirst();
    }

    /** The visible tokens of the current block before the word, last first: {@code back(0)} is the previous token. */
    int back(int i) {
        List<Token> t = frame().tokens;
        return i < t.size() ? t.get(t.size() - 1 - i).getType() : Token.INVALID_TYPE;
    }

    String backText(int i) {
        List<Token> t = frame().tokens;
        return i < t.size() ? unquote(t.get(t.size() - 1 - i).getText()) : "";
    }

    static CursorContext at(String text, int cursor) {
        String before = text.substring(0, Math.max(0, Math.min(cursor, text.length())));
        int w = before.length();
        while (w > 0 && (Character.isLetterOrDigit(before.charAt(w - 1)) || before.charAt(w - 1) == '_')) {
            w--;
        }
        if (w > 0 && before.charAt(w - 1) == '`') {
            w--;
        }
        String word = before.substring(w);
        SyncLexer lexer = new SyncLexer(CharStreams.fromString(before.substring(0, w)));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        Optional<String> inString = Optional.empty();
        boolean inComment = false;
        if (!tokens.isEmpty()) {
            Token last = tokens.get(tokens.size() - 1);
            boolean touches = last.getStopIndex() + 1 >= before.codePointCount(0, w);
            if (last.getType() == SyncLexer.UNTERMINATED_STRING && touches) {
                inString = Optional.of(last.getText() + word);
            } else if (last.getType() == SyncLexer.LINE_COMMENT && touches) {
                inComment = true;
            }
        }
        // an unterminated /* ... lexes as SLASH, UNRECOGNIZED...: look for it in the text
        int open = before.lastIndexOf("/*");
        if (open >= 0 && before.indexOf("*/", open) < 0 && !insideString(before, open)) {
            inComment = true;
        }
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(Block.TOP));
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            Frame f = frames.peek();
            if (t.getType() == SyncLexer.LBRACE) {
                frames.push(open(f));
            } else if (t.getType() == SyncLexer.RBRACE) {
                if (frames.size() > 1) {
                    frames.pop();
                }
                frames.peek().tokens.add(t);
            } else {
                f.tokens.add(t);
                if (f.block == Block.JOB) {
                    noteJobItem(f);
                } else if (f.block == Block.SCHEDULE && frames.size() > 1) {
                    noteParam(f, frames);
                }
            }
        }
        return new CursorContext(frames, word, inString, inComment);
    }

    private static boolean insideString(String text, int index) {
        int line = text.lastIndexOf('\n', index) + 1;
        long quotes = text.substring(line, index).chars().filter(c -> c == '"').count();
        return quotes % 2 == 1;
    }

    /** The block a {@code {} opens, from the tokens before it in the enclosing block. */
    private static Frame open(Frame outer) {
        List<Token> t = outer.tokens;
        int n = t.size();
        Frame f;
        switch (outer.block) {
            case TOP -> {
                int kw = n >= 2 ? t.get(n - 2).getType() : -1;
                f = new Frame(kw == SyncLexer.DATASOURCE ? Block.DATASOURCE : kw == SyncLexer.JOB ? Block.JOB : Block.OTHER);
                f.name = n >= 1 ? unquote(t.get(n - 1).getText()) : null;
            }
            case JOB -> {
                int prev = n >= 1 ? t.get(n - 1).getType() : -1;
                int before = n >= 2 ? t.get(n - 2).getType() : -1;
                if ((prev == SyncLexer.CHANNEL || prev == SyncLexer.SCHEDULE || prev == SyncLexer.MAP) && before != SyncLexer.DOT) {
                    f = new Frame(prev == SyncLexer.CHANNEL ? Block.CHANNEL : prev == SyncLexer.SCHEDULE ? Block.SCHEDULE : Block.MAP);
                } else if (n >= 3 && before == SyncLexer.BY && t.get(n - 3).getType() == SyncLexer.MAP) {
                    f = new Frame(Block.MAP);
                } else {
                    int start = refStart(t, n);
                    if (start > 0 && (t.get(start - 1).getType() == SyncLexer.SOURCE || t.get(start - 1).getType() == SyncLexer.SINK)) {
                        f = new Frame(t.get(start - 1).getType() == SyncLexer.SOURCE ? Block.SOURCE : Block.SINK);
                        f.table = ref(t, start, n);
                        if (f.block == Block.SOURCE) {
                            outer.source = f.table;
                        } else {
                            outer.sink = f.table;
                        }
                    } else {
                        f = new Frame(Block.OTHER);
                    }
                }
            }
            case SOURCE, CREATE -> f = new Frame(n >= 1 && t.get(n - 1).getType() == SyncLexer.COLUMNS ? Block.COLUMNS : Block.OTHER);
            case SINK -> f = new Frame(n >= 1 && t.get(n - 1).getType() == SyncLexer.MISSING ? Block.CREATE : Block.OTHER);
            case DATASOURCE -> {
                // env NAME { }: settings of the same datasource, whose type is the enclosing block's
                f = new Frame(n >= 2 && t.get(n - 2).getType() == SyncLexer.ENV ? Block.DATASOURCE : Block.OTHER);
                f.name = outer.name;
                f.inheritedType = typeOf(outer.tokens);
            }
            default -> f = new Frame(Block.OTHER);
        }
        return f;
    }

    /** The value of {@code type} among a datasource block's tokens, or null. */
    static String typeOf(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).getText().equalsIgnoreCase("type") && (i == 0 || tokens.get(i - 1).getType() != SyncLexer.DOT)) {
                return unquote(tokens.get(i + 1).getText()).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** Where a {@code ds.a.b} that ends at {@code n} starts (names alternating with dots), or -1. */
    private static int refStart(List<Token> t, int n) {
        int i = n - 1;
        if (i < 0 || !isName(t.get(i))) {
            return -1;
        }
        while (i >= 2 && t.get(i - 1).getType() == SyncLexer.DOT && isName(t.get(i - 2))) {
            i -= 2;
        }
        return i < n - 1 ? i : -1;
    }

    private static TableRefText ref(List<Token> t, int start, int end) {
        List<Name> parts = new ArrayList<>();
        for (int i = start + 2; i < end; i += 2) {
            Token p = t.get(i);
            boolean quoted = p.getType() == SyncLexer.QUOTED_IDENTIFIER || p.getType() == SyncLexer.STRING;
            parts.add(new Name(unquote(p.getText()), quoted, NOWHERE));
        }
        return parts.isEmpty() ? null : new TableRefText(unquote(t.get(start).getText()), parts);
    }

    /** In a job: {@code source ds.t} / {@code sink ds.t} just completed (followed by anything but a dot). */
    private static void noteJobItem(Frame job) {
        List<Token> t = job.tokens;
        int n = t.size();
        // the token before the last one ends a reference when the last is not a dot
        if (n < 2 || t.get(n - 1).getType() == SyncLexer.DOT) {
            return;
        }
        int start = refStart(t, n - 1);
        if (start > 0) {
            int kw = t.get(start - 1).getType();
            if (kw == SyncLexer.SOURCE) {
                job.source = ref(t, start, n - 1);
            } else if (kw == SyncLexer.SINK) {
                job.sink = ref(t, start, n - 1);
            }
        }
    }

    /** In a schedule: {@code param NAME =} declares a parameter of the job. */
    private static void noteParam(Frame schedule, Deque<Frame> frames) {
        List<Token> t = schedule.tokens;
        int n = t.size();
        if (n >= 3 && t.get(n - 1).getType() == SyncLexer.EQ && t.get(n - 3).getType() == SyncLexer.PARAM_KW) {
            frames.stream().filter(f -> f.block == Block.JOB).findFirst().ifPresent(j -> j.params.add(unquote(t.get(n - 2).getText())));
        }
    }

    static boolean isName(Token t) {
        return isNameType(t.getType());
    }

    /** A token that can be a name: an identifier, a quoted one, a string (a table name) or a non-reserved keyword. */
    static boolean isNameType(int type) {
        return type == SyncLexer.IDENTIFIER || type == SyncLexer.QUOTED_IDENTIFIER || type == SyncLexer.STRING
                || type >= SyncLexer.DATASOURCE && type <= SyncLexer.NOT;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("`") && s.endsWith("`") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
