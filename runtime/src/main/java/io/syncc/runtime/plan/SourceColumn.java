package io.syncc.runtime.plan;

import io.syncc.runtime.types.SqlType;
import java.util.Objects;

/**
 * One column read from the source.
 *
 * @param name     column name in the source
 * @param type     type as stored in the source (database type, or CSV inferred/declared type)
 * @param readAs   type the generated reader decodes into (differs from {@code type} for {@code as} conversions)
 * @param format   optional java.time pattern used when reading text as a temporal type
 * @param position CSV: 0-based field index; SQL: 0-based index in the generated SELECT list
 */
public record SourceColumn(String name, SqlType type, SqlType readAs, String format, int position) {

    public SourceColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(readAs, "readAs");
    }
}
