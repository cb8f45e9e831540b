package io.syncc.runtime.plan;

import java.util.List;
import java.util.Objects;

/**
 * The partitions of a partitioned file dataset ({@code table/sale_date=20260101/sale_time=10/part-0.csv})
 * and which of them a job reads ({@code partition sale_date = "${bizdate}", sale_time in ("10", "11")}).
 *
 * @param keys       the partition keys in folder order; their columns follow the file's fields in the
 *                   source row ({@code csvFieldCount + i})
 * @param filters    which partitions are read (all when empty), every filter must match
 * @param allowEmpty whether matching no partition is an empty run rather than an error
 */
public record Partitioning(List<String> keys, List<Filter> filters, boolean allowEmpty) {

    public Partitioning {
        keys = List.copyOf(keys);
        filters = List.copyOf(filters);
    }

    /** How a filter compares a partition's value. */
    public enum Op {
        /** equal to the one value; {@code *} and {@code ?} in it match any text / one character */
        EQUALS,
        /** equal to one of the values (each may hold {@code *} and {@code ?}) */
        IN,
        /** from the first value to the second, inclusive: as numbers when all three are integers, else as text */
        BETWEEN
    }

    /**
     * One condition on a partition key.
     *
     * @param values the values as written, {@code ${param}} references in them resolved at run time
     */
    public record Filter(String key, Op op, List<String> values) {
        public Filter {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
        }
    }
}
