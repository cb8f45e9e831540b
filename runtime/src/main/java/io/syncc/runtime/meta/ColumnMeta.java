package io.syncc.runtime.meta;

import io.syncc.runtime.types.SqlType;
import java.util.Objects;

/**
 * A column as a connector's metadata describes it.
 *
 * @param typeName    the type as the datasource names it ({@code character varying(20)}, {@code int4[]}, ...)
 * @param type        the type syncc reads and writes it as, or {@code null} when syncc has none for it
 * @param keyPosition 1-based position in the primary key, 0 when not in it
 * @param comment     the datasource's comment on it ({@code COMMENT ON COLUMN}), or {@code null}
 */
public record ColumnMeta(String name, String typeName, SqlType type, boolean nullable, boolean hasDefault, int keyPosition, String comment) {

    /** A column without a comment. */
    public ColumnMeta(String name, String typeName, SqlType type, boolean nullable, boolean hasDefault, int keyPosition) {
        this(name, typeName, type, nullable, hasDefault, keyPosition, null);
    }

    public ColumnMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
