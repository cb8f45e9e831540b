package io.syncc.runtime.plan;

import java.util.List;
import java.util.Objects;

/**
 * A piece of user SQL whose {@code ${param}} references were replaced by {@code ?} placeholders;
 * {@code params} names the parameter bound to each placeholder, in order. Values are always bound
 * (sent with an unspecified type so the server infers it, like a literal), never spliced into text.
 */
public record SqlText(String sql, List<String> params) {

    public SqlText {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }
}
