package io.syncc.runtime.plan;

import io.syncc.runtime.types.SqlType;
import java.util.Objects;

/** One column written to the sink. */
public record SinkColumn(String name, SqlType type, boolean nullable) {

    public SinkColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
