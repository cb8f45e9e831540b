package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/**
 * {@code job NAME { source ... sink ... map ... channel ... schedule ... }}. Blocks are kept as
 * lists in source order so the checker can report a block given twice or missing.
 */
public record JobDecl(
        Name name,
        List<SourceBlock> sources,
        List<SinkBlock> sinks,
        List<MapBlock> maps,
        List<ChannelBlock> channels,
        List<ScheduleBlock> schedules,
        SourceRange range) {

    /** A {@code ${name}} the job uses, and where. */
    public record ParameterUse(String name, SourceRange range) {
    }

    /**
     * Every {@code ${name}} of the job: in {@code where}, {@code before} and {@code after} strings
     * (each located inside its string) and as map values (constants and defaults).
     */
    public List<ParameterUse> parameterUses() {
        List<ParameterUse> out = new java.util.ArrayList<>();
        for (SourceBlock s : sources) {
            s.items().forEach(i -> {
                if (i instanceof SourceBlock.Where w) {
                    inString(w.sql(), out);
                } else if (i instanceof SourceBlock.Partition p) {
                    p.filters().forEach(f -> f.values().forEach(v -> inString(v, out)));
                }
            });
        }
        for (SinkBlock s : sinks) {
            s.items().forEach(i -> {
                if (i instanceof SinkBlock.Before b) {
                    inString(b.sql(), out);
                } else if (i instanceof SinkBlock.After a) {
                    inString(a.sql(), out);
                } else if (i instanceof SinkBlock.PartitionSetting p) {
                    p.value().ifPresent(v -> inString(v, out));
                }
            });
        }
        for (MapBlock m : maps) {
            for (MapBlock.Entry e : m.entries()) {
                java.util.Optional<Literal> value = e instanceof MapBlock.Constant c ? java.util.Optional.of(c.value())
                        : e instanceof MapBlock.Column c ? c.defaultValue() : java.util.Optional.empty();
                value.filter(v -> v instanceof Literal.Param).map(v -> (Literal.Param) v)
                        .ifPresent(p -> out.add(new ParameterUse(p.name(), p.range())));
            }
        }
        return out;
    }

    private static void inString(StringLit s, List<ParameterUse> out) {
        java.util.regex.Matcher m = StringLit.PARAMETER.matcher(s.value());
        while (m.find()) {
            out.add(new ParameterUse(m.group(1), s.rangeOf(m.start(), m.end())));
        }
    }

    public JobDecl {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources);
        sinks = List.copyOf(sinks);
        maps = List.copyOf(maps);
        channels = List.copyOf(channels);
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(range, "range");
    }
}
