package io.syncc.compiler.check;

import io.syncc.compiler.ast.StringLit;
import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.meta.QueryProblem;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.util.Sql;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL a job gives the database ({@code where}, {@code before}, {@code after}), checked by the
 * database at check time without running it, and the database's complaint located inside the
 * {@code .sync} string: the server's position in the statement it received is mapped back through
 * the wrapping {@code SELECT} and the {@code ${param}} → {@code $n} placeholders.
 */
final class SqlCheck {

    private static final Pattern PARAM = StringLit.PARAMETER;

    private final Catalog catalog;
    private final Diagnostics diagnostics;

    SqlCheck(Catalog catalog, Diagnostics diagnostics) {
        this.catalog = catalog;
        this.diagnostics = diagnostics;
    }

    /** {@code where}: the filter of a table read, any problem (unknown column, wrong type, syntax). */
    void where(DatasourcePlan ds, String schema, String table, StringLit where, SqlText bound) {
        check(ds, "SELECT * FROM " + Sql.qualified(schema, table) + " WHERE (", where, bound, ")", false);
    }

    /**
     * {@code before} / {@code after}: statements that may depend on each other or on a table the
     * job creates, so only syntax errors are certain and reported.
     */
    void statement(DatasourcePlan ds, StringLit sql, SqlText bound) {
        check(ds, "", sql, bound, "", true);
    }

    private void check(DatasourcePlan ds, String prefix, StringLit text, SqlText bound, String suffix, boolean syntaxOnly) {
        String server = serverText(text.value());
        if (server == null) {
            return; // a '?' of its own: the driver would take it for a placeholder; the runtime decides
        }
        Optional<QueryProblem> problem;
        try {
            problem = catalog.checkQuery(ds, prefix + bound.sql() + suffix);
        } catch (MetadataException e) {
            return; // the database was reachable for the table; if not now, the run will say so
        }
        if (problem.isEmpty() || syntaxOnly && !problem.get().syntax()) {
            return;
        }
        int at = problem.get().position() - 1 - prefix.length(); // in the server's text of the fragment
        SourceRange range = text.range();
        if (at >= 0 && at < server.length()) {
            int from = original(text.value(), at);
            int to = from;
            while (to < text.value().length() && (Character.isLetterOrDigit(text.value().charAt(to)) || text.value().charAt(to) == '_')) {
                to++;
            }
            range = text.rangeOf(from, Math.max(to, from + 1));
        }
        diagnostics.error(Code.BAD_SQL, range, "the database refuses this SQL: " + problem.get().message());
    }

    /** The fragment as the server receives it: {@code ${name}} → {@code $1}, {@code $2}, ...; null when it holds a '?' itself. */
    private static String serverText(String text) {
        if (text.indexOf('?') >= 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PARAM.matcher(text);
        int last = 0;
        int n = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append('$').append(++n);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** The index in the written text of index {@code at} of its server text. */
    private static int original(String text, int at) {
        Matcher m = PARAM.matcher(text);
        int last = 0;
        int server = 0;
        int n = 0;
        while (m.find()) {
            int literal = m.start() - last;
            if (at < server + literal) {
                return last + (at - server);
            }
            server += literal;
            int placeholder = 1 + String.valueOf(++n).length();
            if (at < server + placeholder) {
                return m.start();
            }
            server += placeholder;
            last = m.end();
        }
        return Math.min(text.length(), last + (at - server));
    }
}
