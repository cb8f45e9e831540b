package io.syncc.compiler.plan;

/** Quoting of SQL identifiers in generated SQL (DDL): always quoted, embedded quotes doubled. */
public final class SqlNames {

    private SqlNames() {
    }

    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain NUL");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
