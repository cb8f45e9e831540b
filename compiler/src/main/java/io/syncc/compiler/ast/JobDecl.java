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
