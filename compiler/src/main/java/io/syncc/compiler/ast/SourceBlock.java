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
