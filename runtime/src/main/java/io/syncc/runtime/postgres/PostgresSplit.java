package io.syncc.runtime.postgres;

import io.syncc.runtime.spi.Split;
import java.util.List;

/**
 * A slice of a table: a predicate with its bound values, e.g. {@code "k" >= ? AND "k" < ?},
 * {@code "k" IS NULL}, or a ctid page range. {@code id} is stable for the same plan.
 * {@code literalPredicate} is the same predicate with the values written as quoted literals cast to
 * the key's type ({@code "k" >= CAST('100' AS bigint)}), for {@code COPY}, which takes no bind
 * parameters: the values are split bounds syncc computed from the server's own min/max of the key,
 * never user input. {@code relation} is the partition a split of a partitioned table reads
 * directly (its page ranges are its own), or {@code null} for the table itself.
 */
public record PostgresSplit(String id, String predicate, List<String> values, String literalPredicate, String relation) implements Split {

    public PostgresSplit {
        values = List.copyOf(values);
    }

    public PostgresSplit(String id, String predicate, List<String> values, String literalPredicate) {
        this(id, predicate, values, literalPredicate, null);
    }

    /** A split without values (its predicate is already literal). */
    public PostgresSplit(String id, String predicate) {
        this(id, predicate, List.of(), predicate, null);
    }

    @Override
    public long sizeBytes() {
        return -1;
    }
}
