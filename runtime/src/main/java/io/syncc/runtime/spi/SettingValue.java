package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * A value written for a datasource setting, as the connector receives it: the checker turns the
 * {@code .sync} syntax into one of these, so a connector never sees the compiler's AST.
 */
public sealed interface SettingValue {

    /** The value as it was written, for messages (an {@link Env} or {@link FileRef} names where a secret is, never the secret). */
    String display();

    /** {@code "text"}: a quoted string. */
    record Text(String text) implements SettingValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String display() {
            return '"' + text + '"';
        }
    }

    /** {@code word}: an unquoted word such as {@code true} or {@code embedded}. */
    record Word(String word) implements SettingValue {
        public Word {
            Objects.requireNonNull(word, "word");
        }

        @Override
        public String display() {
            return word;
        }
    }

    /** {@code 42}: a number, as written. */
    record Number(String text) implements SettingValue {
        public Number {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String display() {
            return text;
        }
    }

    /** {@code env("VAR")}: read from an environment variable at run time. */
    record Env(String variable) implements SettingValue {
        public Env {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String display() {
            return "env(\"" + variable + "\")";
        }
    }

    /** {@code file("path")}: read from a file at run time; the path is relative to the declaring {@code .sync} file. */
    record FileRef(String path) implements SettingValue {
        public FileRef {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String display() {
            return "file(\"" + path + "\")";
        }
    }
}
