package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * What a connector found wrong with a datasource's settings. The checker locates it at the
 * setting's value (or at the datasource's name when {@code key} is {@code null} or the setting
 * is missing) and gives it the diagnostic code of its kind.
 *
 * @param key     the setting it is about, or {@code null} for the datasource as a whole
 * @param kind    what is wrong
 * @param message a sentence saying what was expected; never a secret
 */
public record SettingProblem(String key, Kind kind, String message) {

    /** What is wrong. */
    public enum Kind {
        /** A value that cannot be used (an error). */
        INVALID,
        /** A required setting is not given (an error). */
        MISSING,
        /** A secret written where it would leak, e.g. a password inside a URL (an error). */
        SECRET_EXPOSED,
        /** A secret written literally in the file (a warning; such a job cannot be compiled to a jar). */
        LITERAL_SECRET
    }

    public SettingProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** Whether it makes the datasource unusable. */
    public boolean isError() {
        return kind != Kind.LITERAL_SECRET;
    }
}
