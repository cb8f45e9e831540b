package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code map [by name | by position] { entries }} */
public record MapBlock(Mode mode, List<Entry> entries, SourceRange range) {

    public MapBlock {
        Objects.requireNonNull(mode, "mode");
        entries = List.copyOf(entries);
        Objects.requireNonNull(range, "range");
    }

    /** NAME: same-name columns map implicitly; POSITION: i-th to i-th; EXPLICIT: only the entries. */
    public enum Mode { NAME, POSITION, EXPLICIT }

    public sealed interface Entry {
        SourceRange range();
    }

    /** {@code skip a, b}: leave source columns out. */
    public record Skip(List<Name> columns, SourceRange range) implements Entry {
        public Skip {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code from [-> to] [as type [format "..."]] [default literal]}; without {@code -> to} the sink
     * column has the source column's name.
     */
    public record Column(Name from, Optional<Name> to, Optional<Conversion> conversion,
                         Optional<Literal> defaultValue, SourceRange range) implements Entry {
        public Column {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(conversion, "conversion");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }

        public Name target() {
            return to.orElse(from);
        }
    }

    /** {@code "web" -> channel}, {@code 42 -> n}, {@code ${bizdate} -> sale_date as date}. */
    public record Constant(Literal value, Name to, Optional<Conversion> conversion, SourceRange range) implements Entry {
    }

    /** {@code as type [format "pattern"]} */
    public record Conversion(TypeRef type, Optional<StringLit> format, SourceRange range) {
    }
}
