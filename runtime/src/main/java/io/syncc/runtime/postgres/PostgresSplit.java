package io.syncc.runtime.postgres;

import io.syncc.runtime.spi.Split;
import java.util.List;

/**
 * A slice of a table: a predicate with its bound values, e.g. {@code "k" >= ? AND "k" < ?},
 * {@code "k" IS NULL}, or a ctid page range. {@code id} is stable for the same plan.
 */
public record PostgresSplit(String id, String predicate, List<String> values) implements Split {

    public PostgresSplit {
        values = List.copyOf(values);
    }

    @Override
    public long sizeBytes() {
        return -1;
    }
}
