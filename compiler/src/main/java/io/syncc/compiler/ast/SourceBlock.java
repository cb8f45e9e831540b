package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code source ds.table { where "..." split by col incremental by col columns { ... } }} */
public record SourceBlock(TableRef table, List<Item> items, SourceRange range) {

    public SourceBlock {
        Objects.requireNonNull(table, "table");
        items = List.copyOf(items);
        Objects.requireNonNull(range, "range");
    }

    public sealed interface Item {
        SourceRange range();
    }

    public record Where(StringLit sql, SourceRange range) implements Item {
    }

    public record SplitBy(Name column, SourceRange range) implements Item {
    }

    /** {@code partition sale_date = "${bizdate}", sale_time in ("10", "11")}: which partitions of a partitioned dataset. */
    public record Partition(List<PartitionFilter> filters, SourceRange range) implements Item {
        public Partition {
            filters = List.copyOf(filters);
        }
    }

    /** One condition: {@code key = "v"}, {@code key in ("a", "b")}, {@code key between "a" and "b"}. */
    public record PartitionFilter(Name key, Op op, List<StringLit> values, SourceRange range) {
        public PartitionFilter {
            values = List.copyOf(values);
        }
    }

    /** How a partition filter compares. */
    public enum Op { EQUALS, IN, BETWEEN }

    /** {@code allow empty}: a partition spec that matches nothing is an empty run, not an error. */
    public record AllowEmpty(SourceRange range) implements Item {
    }

    /** {@code incremental by updated_at}: read only the rows after the job's watermark. */
    public record IncrementalBy(Name column, SourceRange range) implements Item {
    }

    /** Explicit column types for a file source: {@code columns { age int, job text }}. */
    public record Columns(List<ColumnDef> columns, SourceRange range) implements Item {
        public Columns {
            columns = List.copyOf(columns);
        }
    }

    public record ColumnDef(Name name, TypeRef type) {
    }
}
