package io.syncc.runtime.util;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/** SQL text helpers: identifier quoting and parameter binding. Values are bound, never spliced. */
public final class Sql {

    private Sql() {
    }

    /** {@code "name"} with embedded double quotes doubled; always quoted, so case and keywords are kept. */
    public static String quoteIdent(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String table) {
        return (schema == null ? "" : quoteIdent(schema) + ".") + quoteIdent(table);
    }

    /** {@code 'text'} with embedded quotes doubled (only for values we generate, e.g. regclass names). */
    public static String quoteLiteral(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    /** Comma-separated quoted identifiers. */
    public static String identList(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(quoteIdent(n));
        }
        return b.toString();
    }

    /** The value of each parameter of {@code sql}, in placeholder order; a missing one is a clear failure. */
    public static Object[] values(SqlText sql, Map<String, String> params) {
        Object[] out = new Object[sql.params().size()];
        for (int i = 0; i < out.length; i++) {
            String name = sql.params().get(i);
            String v = params.get(name);
            if (v == null) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "parameter ${" + name + "} has no value: pass --param " + name + "=...");
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The quote character (' or ") left open in {@code sql} before index {@code end}, or 0: the one
     * rule for what in user SQL is inside a string literal or a quoted identifier.
     */
    public static char openQuote(String sql, int end) {
        char open = 0;
        for (int i = 0; i < end; i++) {
            open = quoteAfter(open, sql.charAt(i));
        }
        return open;
    }

    /** The quote left open after {@code c}, given the one open before it ({@link #openQuote}'s rule, one character). */
    private static char quoteAfter(char open, char c) {
        if (open == 0 && (c == '\'' || c == '"')) {
            return c;
        }
        return open != 0 && c == open ? 0 : open;
    }

    /** Where {@code sql} has a {@code ?} outside quotes ({@link #openQuote}'s rule), in order, found in one pass. */
    public static int[] placeholders(String sql) {
        java.util.stream.IntStream.Builder at = java.util.stream.IntStream.builder();
        char open = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (open == 0 && c == '?') {
                at.add(i);
            }
            open = quoteAfter(open, c);
        }
        return at.build().toArray();
    }

    /**
     * Puts {@code literals} in place of the {@code ?} placeholders of {@code sql} (a {@link SqlText}'s,
     * whose checks leave no other {@code ?} outside quotes), in order. For literals the server made
     * of bound values (COPY takes no parameters); never for text from anywhere else.
     */
    public static String inline(String sql, List<String> literals) {
        int[] at = placeholders(sql);
        if (at.length > literals.size()) {
            throw new IllegalArgumentException("more placeholders than values");
        }
        if (at.length < literals.size()) {
            throw new IllegalArgumentException(literals.size() + " values for " + at.length + " placeholders");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int k = 0; k < at.length; k++) {
            out.append(sql, from, at[k]).append(literals.get(k));
            from = at[k] + 1;
        }
        return out.append(sql, from, sql.length()).toString();
    }

    /** Binds values starting at {@code first} with an unspecified type, so the server infers it like a literal. */
    public static int bind(PreparedStatement ps, int first, Object[] values) throws SQLException {
        int i = first;
        for (Object v : values) {
            ps.setObject(i++, v, Types.OTHER);
        }
        return i;
    }

    /** Runs one user statement with its parameters bound. */
    public static void execute(Connection c, SqlText sql, Map<String, String> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
            bind(ps, 1, values(sql, params));
            ps.execute();
        }
    }
}
