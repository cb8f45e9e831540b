package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code datasource NAME { key value ...  env prod { key value ... } }} */
public record DatasourceDecl(Name name, List<Property> properties, List<Environment> environments, SourceRange range) {

    public DatasourceDecl {
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        environments = List.copyOf(environments);
        Objects.requireNonNull(range, "range");
    }

    /** A datasource without environments. */
    public DatasourceDecl(Name name, List<Property> properties, SourceRange range) {
        this(name, properties, List.of(), range);
    }

    /** {@code env NAME { key value ... }}: settings that replace the datasource's own in that environment ({@code --env NAME}). */
    public record Environment(Name name, List<Property> properties, SourceRange range) {
        public Environment {
            Objects.requireNonNull(name, "name");
            properties = List.copyOf(properties);
        }
    }

    /** {@code key value}; keys are validated by the checker against the datasource type. */
    public record Property(Name key, Value value, SourceRange range) {
        public Property {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(range, "range");
        }
    }

    /** A property value. */
    public sealed interface Value {
        SourceRange range();

        /** The value as text for messages (never used for secrets). */
        String display();
    }

    public record StringValue(String value, SourceRange range) implements Value {
        public String display() {
            return '"' + value + '"';
        }
    }

    public record NumberValue(String text, SourceRange range) implements Value {
        public String display() {
            return text;
        }
    }

    public record WordValue(String word, SourceRange range) implements Value {
        public String display() {
            return word;
        }
    }

    public record EnvValue(String variable, SourceRange range) implements Value {
        public String display() {
            return "env(\"" + variable + "\")";
        }
    }

    public record FileValue(String path, SourceRange range) implements Value {
        public String display() {
            return "file(\"" + path + "\")";
        }
    }
}
