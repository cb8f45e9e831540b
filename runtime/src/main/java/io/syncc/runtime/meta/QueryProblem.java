package io.syncc.runtime.meta;

import java.util.Objects;

/**
 * Why a datasource refuses a query, found without running it.
 *
 * @param message  the datasource's own words (with its hint, if any); never a secret
 * @param position 1-based character position in the query where the problem is, 0 when unknown
 * @param syntax   whether it is a syntax error (certain whatever state the database is in)
 */
public record QueryProblem(String message, int position, boolean syntax) {
    public QueryProblem {
        Objects.requireNonNull(message, "message");
    }
}
