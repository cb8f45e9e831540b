package io.syncc.compiler.check;

import io.syncc.compiler.ast.StringLit;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.runtime.plan.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} in user SQL by {@code ?} placeholders so values are bound, never
 * spliced. A reference inside a SQL string literal ({@code '${x}'}) or a quoted identifier is
 * an error: it would have to be spliced into text to mean what the user wrote. A literal
 * {@code ?} in user SQL (an operator like jsonb {@code ?}) is refused while parameters are
 * present, because the driver would take it for a placeholder.
 */
final class SqlParameters {

    private static final Pattern PARAM = StringLit.PARAMETER;

    private SqlParameters() {
    }

    static SqlText bind(StringLit sql, Diagnostics diagnostics) {
        String text = sql.value();
        StringBuilder out = new StringBuilder();
        List<String> params = new ArrayList<>();
        Matcher m = PARAM.matcher(text);
        int last = 0;
        while (m.find()) {
            String before = text.substring(0, m.start());
            char quote = openQuote(before);
            if (quote != 0) {
                diagnostics.error(Code.UNSAFE_SQL_PARAMETER, sql.rangeOf(m.start(), m.end()),
                        "parameter ${" + m.group(1) + "} is inside a quoted " + (quote == '\'' ? "SQL string" : "identifier")
                                + "; write it without quotes: it is bound as a value, never spliced into SQL text");
            }
            out.append(text, last, m.start()).append('?');
            params.add(m.group(1));
            last = m.end();
        }
        out.append(text.substring(last));
        int unclosed = text.indexOf("${", last);
        if (unclosed >= 0 && openQuote(text.substring(0, unclosed)) == 0) {
            diagnostics.error(Code.UNSAFE_SQL_PARAMETER, sql.rangeOf(unclosed, Math.min(text.length(), unclosed + 2)),
                    "`${` starts a parameter but is not a complete ${name}");
        }
        if (!params.isEmpty() && hasBareQuestionMark(text)) {
            diagnostics.error(Code.UNSAFE_SQL_PARAMETER, sql.range(),
                    "this SQL uses parameters and also contains '?', which the driver would take for a placeholder");
        }
        return new SqlText(out.toString(), params);
    }

    /** The quote character left open at the end of {@code s} (' or "), or 0. */
    private static char openQuote(String s) {
        return io.syncc.runtime.util.Sql.openQuote(s, s.length());
    }

    /** Whether {@code s} has a question mark outside quotes. */
    private static boolean hasBareQuestionMark(String s) {
        return io.syncc.runtime.util.Sql.placeholders(s).length > 0;
    }

    /** Parameter names referenced by a string. */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
