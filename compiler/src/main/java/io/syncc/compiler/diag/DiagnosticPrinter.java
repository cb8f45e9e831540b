package io.syncc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders diagnostics for a terminal:
 * <pre>
 * jobs/bank.sync:7:11: error[SYN202]: unknown table 'bank_dta' in datasource 'ods'; did you mean 'bank_data'?
 *     7 |   source ods.bank_dta {
 *       |              ^~~~~~~~
 * </pre>
 * Output is bounded whatever the input: at most {@value #MAX_SHOWN} diagnostics (errors first),
 * then one line counting the rest; a source line longer than {@value #EXCERPT_WIDTH} characters
 * is shown as a window around the caret with {@code ...} where it is cut; a message is cut after
 * {@value #MAX_MESSAGE} characters. Secrets ({@link SecretSpans}) are shown as {@code ***}, in
 * source lines and in messages.
 */
public final class DiagnosticPrinter {

    /** Diagnostics shown; the rest are counted in one line. */
    public static final int MAX_SHOWN = 100;
    /** Characters of a source line shown around the caret (plus an ellipsis at a cut end). */
    public static final int EXCERPT_WIDTH = 100;
    /** Characters of a message shown (plus an ellipsis when cut). */
    public static final int MAX_MESSAGE = 500;

    private static final String MASK = "***";
    private static final String ELLIPSIS = "...";
    /** Secrets this short are masked in source lines but not searched for in messages (they would mask ordinary words). */
    private static final int MIN_MASKED_IN_MESSAGES = 4;

    private final Map<String, String> sources;
    private final Map<String, List<SecretSpans.Span>> secrets = new HashMap<>();
    private Set<String> secretValues;

    /** @param sources file name (as in {@link SourceRange#file()}) → its text */
    public DiagnosticPrinter(Map<String, String> sources) {
        this.sources = sources;
    }

    public String render(List<Diagnostic> diagnostics) {
        List<Diagnostic> shown = diagnostics;
        if (diagnostics.size() > MAX_SHOWN) {
            // errors before warnings, each in the order given
            List<Diagnostic> chosen = new ArrayList<>(diagnostics.stream().filter(Diagnostic::isError).limit(MAX_SHOWN).toList());
            diagnostics.stream().filter(d -> !d.isError()).limit(MAX_SHOWN - chosen.size()).forEach(chosen::add);
            Set<Diagnostic> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            keep.addAll(chosen);
            shown = diagnostics.stream().filter(keep::contains).toList();
        }
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : shown) {
            out.append(render(d));
        }
        if (shown.size() < diagnostics.size()) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count() - shown.stream().filter(Diagnostic::isError).count();
            long others = diagnostics.size() - shown.size() - errors;
            out.append("(").append(count(errors, "more error"))
                    .append(others > 0 ? (errors > 0 ? " and " : "") + count(others, "more warning") : "")
                    .append(" not shown)\n");
        }
        return out.toString();
    }

    private static String count(long n, String what) {
        return n == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    public String render(Diagnostic d) {
        SourceRange r = d.range();
        StringBuilder out = new StringBuilder();
        out.append(r.file()).append(':').append(r.line()).append(':').append(r.column()).append(": ")
                .append(d.severity().label()).append('[').append(d.code().id()).append("]: ")
                .append(message(d.message())).append('\n');
        String text = sources.get(r.file());
        int lineStart = text == null ? -1 : lineStart(text, r.line());
        if (lineStart >= 0) {
            int lineEnd = text.indexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            int length = lineEnd - lineStart;
            int startCol = Math.min(r.column(), length + 1);
            int endCol = r.endLine() == r.line() ? Math.max(r.endColumn(), startCol + 1) : length + 1;
            endCol = Math.min(endCol, Math.max(length + 1, startCol + 1));
            Excerpt e = excerpt(text, lineStart, lineEnd, startCol - 1, endCol - 1, secretsOf(r.file(), text));
            String gutter = String.valueOf(r.line());
            String pad = " ".repeat(gutter.length());
            out.append("  ").append(gutter).append(" | ").append(e.text).append('\n');
            out.append("  ").append(pad).append(" | ").append(" ".repeat(e.caretStart)).append('^')
                    .append("~".repeat(Math.max(0, e.caretEnd - e.caretStart - 1))).append('\n');
        }
        return out.toString();
    }

    /** A line as shown, and where its caret goes (0-based, end exclusive). */
    private record Excerpt(String text, int caretStart, int caretEnd) {
    }

    /**
     * The characters {@code lineStart..lineEnd} of {@code text} as shown: secrets masked, tabs and
     * control characters as one space or {@code ?}, cut to a window around the caret when long.
     * {@code from}/{@code to} are the caret's columns (0-based, end exclusive, may be the line's length).
     */
    private static Excerpt excerpt(String text, int lineStart, int lineEnd, int from, int to, List<SecretSpans.Span> secrets) {
        int length = lineEnd - lineStart;
        // display position of every column 0..length (length: just after the line)
        int[] at = new int[length + 1];
        StringBuilder shown = new StringBuilder();
        int s = firstSecretEndingAfter(secrets, lineStart);
        for (int i = 0; i < length; i++) {
            int offset = lineStart + i;
            while (s < secrets.size() && secrets.get(s).end() <= offset) {
                s++;
            }
            at[i] = shown.length();
            if (s < secrets.size() && secrets.get(s).start() <= offset) {
                if (secrets.get(s).start() == offset || i == 0) {
                    shown.append(MASK);
                }
                // inside a secret: every column maps to the mask
                at[i] = shown.length() - MASK.length();
                continue;
            }
            char c = text.charAt(offset);
            shown.append(c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        at[length] = shown.length();
        int caretStart = at[Math.min(from, length)];
        int caretEnd = Math.max(caretStart + 1, to >= length ? shown.length() + (to > length ? 1 : 0) : endOf(at, to, shown.length()));
        if (shown.length() <= EXCERPT_WIDTH) {
            return new Excerpt(shown.toString(), caretStart, caretEnd);
        }
        int start = Math.max(0, Math.min(caretStart - EXCERPT_WIDTH / 3, shown.length() - EXCERPT_WIDTH));
        int end = Math.min(shown.length(), start + EXCERPT_WIDTH);
        String prefix = start > 0 ? ELLIPSIS : "";
        String window = prefix + shown.substring(start, end) + (end < shown.length() ? ELLIPSIS : "");
        int cs = caretStart - start + prefix.length();
        int ce = Math.min(caretEnd - start, end - start + 1) + prefix.length();
        return new Excerpt(window, cs, Math.max(cs + 1, ce));
    }

    /** Display position where column {@code to} (exclusive end of the caret) falls: after a masked secret, the mask's end. */
    private static int endOf(int[] at, int to, int shownLength) {
        int prev = at[to - 1];
        int next = at[to];
        return next == prev ? Math.min(shownLength, prev + MASK.length()) : next;
    }

    private static int firstSecretEndingAfter(List<SecretSpans.Span> secrets, int offset) {
        int lo = 0;
        int hi = secrets.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (secrets.get(mid).end() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private List<SecretSpans.Span> secretsOf(String file, String text) {
        return secrets.computeIfAbsent(file, f -> SecretSpans.find(text));
    }

    /** The message with secrets of any shown file masked, cut after {@value #MAX_MESSAGE} characters. */
    private String message(String message) {
        if (secretValues == null) {
            secretValues = new LinkedHashSet<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                for (SecretSpans.Span span : secretsOf(source.getKey(), source.getValue())) {
                    if (span.end() - span.start() >= MIN_MASKED_IN_MESSAGES) {
                        secretValues.add(source.getValue().substring(span.start(), span.end()));
                    }
                }
            }
            List<String> longestFirst = new ArrayList<>(secretValues);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            secretValues = new LinkedHashSet<>(longestFirst);
        }
        String m = message;
        for (String secret : secretValues) {
            m = m.replace(secret, MASK);
        }
        if (m.length() > MAX_MESSAGE) {
            int cut = MAX_MESSAGE;
            if (Character.isHighSurrogate(m.charAt(cut - 1))) {
                cut--;
            }
            m = m.substring(0, cut) + ELLIPSIS;
        }
        return m;
    }

    /** Offset where 1-based line {@code lineNumber} starts, or -1 when the text has fewer lines. */
    private static int lineStart(String text, int lineNumber) {
        int start = 0;
        for (int i = 1; i < lineNumber; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return -1;
            }
            start = nl + 1;
        }
        return start;
    }
}
