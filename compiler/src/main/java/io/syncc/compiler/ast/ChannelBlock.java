package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code channel { parallelism 4  rate 50000 rows/s  rate 20 MB/s  errors 100 | errors 2%  retries 3 }} */
public record ChannelBlock(List<Item> items, SourceRange range) {

    public ChannelBlock {
        items = List.copyOf(items);
        Objects.requireNonNull(range, "range");
    }

    public sealed interface Item {
        SourceRange range();
    }

    public record Parallelism(String value, SourceRange range) implements Item {
    }

    /** {@code rate AMOUNT UNIT/PER}, e.g. {@code 50000 rows/s}, {@code 20 MB/s}. */
    public record Rate(String amount, Name unit, Name per, SourceRange range) implements Item {
    }

    public record ErrorCount(String value, SourceRange range) implements Item {
    }

    public record ErrorRatio(String percent, SourceRange range) implements Item {
    }

    /** {@code retries N}: how often a split that failed for a transient reason is tried again. */
    public record Retries(String value, SourceRange range) implements Item {
    }
}
