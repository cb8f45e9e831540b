package io.syncc.runtime.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * JSON Lines files ({@code type jsonl}): one JSON object per line, UTF-8 (as JSON text is). Keys
 * are columns; nested objects and arrays are values of {@code json}/{@code jsonb} columns.
 *
 * @param name declared name
 * @param path absolute path of the file or folder
 */
public record JsonlDatasourcePlan(String name, String path) implements FileDatasourcePlan {

    public JsonlDatasourcePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    @Override
    @JsonIgnore
    public String type() {
        return "jsonl";
    }

    @Override
    @JsonIgnore
    public String extension() {
        return ".jsonl";
    }
}
