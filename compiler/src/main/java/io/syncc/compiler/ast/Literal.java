package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;

/** A value written in a job: a default, a constant column, a parameter reference. */
public sealed interface Literal {

    SourceRange range();

    /** For messages. */
    String display();

    record Text(String value, SourceRange range) implements Literal {
        public String display() {
            return '"' + value + '"';
        }
    }

    record Number(String text, SourceRange range) implements Literal {
        public String display() {
            return text;
        }
    }

    record Bool(boolean value, SourceRange range) implements Literal {
        public String display() {
            return Boolean.toString(value);
        }
    }

    record Null(SourceRange range) implements Literal {
        public String display() {
            return "null";
        }
    }

    /** {@code ${name}}: the value comes from {@code --param name=value} or the schedule. */
    record Param(String name, SourceRange range) implements Literal {
        public String display() {
            return "${" + name + "}";
        }
    }
}
