package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code schedule { cron "0 2 * * *"  param bizdate = "$[yyyymmdd-1]"  after other_job }} */
public record ScheduleBlock(List<Item> items, SourceRange range) {

    public ScheduleBlock {
        items = List.copyOf(items);
        Objects.requireNonNull(range, "range");
    }

    public sealed interface Item {
        SourceRange range();
    }

    public record Cron(StringLit expression, SourceRange range) implements Item {
    }

    public record Param(Name name, StringLit expression, SourceRange range) implements Item {
    }

    public record After(List<Name> jobs, SourceRange range) implements Item {
        public After {
            jobs = List.copyOf(jobs);
        }
    }
}
