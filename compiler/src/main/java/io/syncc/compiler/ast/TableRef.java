package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/**
 * {@code datasource.table}, {@code datasource.schema.table}, or for files {@code lake.bank_data.csv}
 * / {@code lake."bank data.csv"} (the parts after the datasource form the file name).
 */
public record TableRef(Name datasource, List<Name> parts, SourceRange range) {

    public TableRef {
        Objects.requireNonNull(datasource, "datasource");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a table reference needs a table");
        }
        Objects.requireNonNull(range, "range");
    }

    /** The range of everything after the datasource name. */
    public SourceRange tableRange() {
        return parts.get(0).range().to(parts.get(parts.size() - 1).range());
    }
}
