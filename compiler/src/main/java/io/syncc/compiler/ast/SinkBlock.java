package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code sink ds.table { write copy  on conflict replace  mode append  create if missing  before "..."  after "..." }} */
public record SinkBlock(TableRef table, List<Item> items, SourceRange range) {

    public SinkBlock {
        Objects.requireNonNull(table, "table");
        items = List.copyOf(items);
        Objects.requireNonNull(range, "range");
    }

    public enum Write { COPY, INSERT }

    public enum Conflict { REPLACE, IGNORE, FAIL }

    public enum Mode { APPEND, OVERWRITE }

    public sealed interface Item {
        SourceRange range();
    }

    public record WriteSetting(Write method, SourceRange range) implements Item {
    }

    public record ConflictSetting(Conflict strategy, SourceRange range) implements Item {
    }

    public record ModeSetting(Mode mode, SourceRange range) implements Item {
    }

    /**
     * {@code partition sale_date = "${bizdate}"} (every row goes to that list partition) or
     * {@code partition sale_date} (each row to the partition of its own value).
     */
    /** {@code add missing columns}: source columns the existing table lacks are added to it. */
    public record AddMissingColumns(SourceRange range) implements Item {
    }

    public record PartitionSetting(Name key, java.util.Optional<StringLit> value, SourceRange range) implements Item {
    }

    /**
     * {@code create if missing { primary key (a, b)  not null (c)  columns { d numeric(12,2) } }}: what
     * the data cannot say about the table created.
     */
    public record CreateIfMissing(List<Name> primaryKey, List<Name> notNull, List<SourceBlock.ColumnDef> columns, SourceRange range)
            implements Item {
        public CreateIfMissing {
            primaryKey = List.copyOf(primaryKey);
            notNull = List.copyOf(notNull);
            columns = List.copyOf(columns);
        }

        /** {@code create if missing} without options. */
        public CreateIfMissing(SourceRange range) {
            this(List.of(), List.of(), List.of(), range);
        }
    }

    public record Before(StringLit sql, SourceRange range) implements Item {
    }

    public record After(StringLit sql, SourceRange range) implements Item {
    }
}
