package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * One setting a connector accepts in a {@code datasource} block: what the checker allows (an
 * unknown key is an error with a did-you-mean), what a missing required one is told to write, and
 * what the editor shows on completion and hover.
 *
 * @param key         the setting's name, lower case ({@code path}, {@code url})
 * @param description one line for people
 * @param example     how it is written, e.g. {@code path "folder/or/file.csv"}
 * @param required    whether a datasource of this type needs it
 * @param secret      whether it holds a secret: a literal value is warned about and never written to a plan or jar
 */
public record SettingSpec(String key, String description, String example, boolean required, boolean secret) {

    public SettingSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
    }

    /** An optional, non-secret setting. */
    public static SettingSpec optional(String key, String description, String example) {
        return new SettingSpec(key, description, example, false, false);
    }

    /** A required, non-secret setting. */
    public static SettingSpec required(String key, String description, String example) {
        return new SettingSpec(key, description, example, true, false);
    }
}
