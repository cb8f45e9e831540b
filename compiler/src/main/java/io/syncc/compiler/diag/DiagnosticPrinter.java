package io.syncc.compiler.diag;

import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics for a terminal:
 * <pre>
 * jobs/bank.sync:7:11: error[SYN202]: unknown table 'bank_dta' in datasource 'ods'; did you mean 'bank_data'?
 *     7 |   source ods.bank_dta {
 *       |              ^~~~~~~~
 * </pre>
 */
public final class DiagnosticPrinter {

    private final Map<String, String> sources;

    /** @param sources file name (as in {@link SourceRange#file()}) → its text */
    public DiagnosticPrinter(Map<String, String> sources) {
        this.sources = sources;
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d));
        }
        return out.toString();
    }

    public String render(Diagnostic d) {
        SourceRange r = d.range();
        StringBuilder out = new StringBuilder();
        out.append(r.file()).append(':').append(r.line()).append(':').append(r.column()).append(": ")
                .append(d.severity().label()).append('[').append(d.code().id()).append("]: ")
                .append(d.message()).append('\n');
        String text = sources.get(r.file());
        String line = text == null ? null : lineOf(text, r.line());
        if (line != null) {
            String gutter = String.valueOf(r.line());
            String pad = " ".repeat(gutter.length());
            out.append("  ").append(gutter).append(" | ").append(line.replace('\t', ' ')).append('\n');
            int startCol = Math.min(r.column(), line.length() + 1);
            int endCol = r.endLine() == r.line() ? Math.max(r.endColumn(), startCol + 1) : line.length() + 1;
            endCol = Math.min(endCol, Math.max(line.length() + 1, startCol + 1));
            out.append("  ").append(pad).append(" | ").append(" ".repeat(startCol - 1)).append('^')
                    .append("~".repeat(Math.max(0, endCol - startCol - 1))).append('\n');
        }
        return out.toString();
    }

    private static String lineOf(String text, int lineNumber) {
        int start = 0;
        for (int i = 1; i < lineNumber; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return null;
            }
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
