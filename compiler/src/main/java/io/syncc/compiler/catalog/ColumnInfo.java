package io.syncc.compiler.catalog;

import io.syncc.runtime.types.SqlType;
import java.util.Objects;

/**
 * A column as metadata describes it.
 *
 * @param name       column name as stored
 * @param typeName   the type as the source spells it (kept for messages and unknown types)
 * @param type       the type syncc maps it to; {@code null} when syncc does not support it
 * @param nullable   whether NULL is allowed
 * @param hasDefault whether the table supplies a value when the column is left out
 * @param keyPosition 1-based position in the primary key, 0 when not part of it
 * @param comment    the datasource's comment on it, or {@code null}
 */
public record ColumnInfo(String name, String typeName, SqlType type, boolean nullable, boolean hasDefault, int keyPosition, String comment) {

    /** A column without a comment. */
    public ColumnInfo(String name, String typeName, SqlType type, boolean nullable, boolean hasDefault, int keyPosition) {
        this(name, typeName, type, nullable, hasDefault, keyPosition, null);
    }

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
