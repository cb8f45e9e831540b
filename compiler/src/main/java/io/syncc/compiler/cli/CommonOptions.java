package io.syncc.compiler.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by commands that work on one job. */
final class CommonOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .sync file declaring the job (other .sync files of its folder are read too)")
    Path file;

    @Option(names = "--job", paramLabel = "NAME", description = "which job, when the file declares several")
    String job;

    @Option(names = "--offline", description = "take tables and columns from the catalog snapshot (syncc.catalog.json) instead of live metadata")
    boolean offline;

    @picocli.CommandLine.Mixin
    EnvOption environment;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "value of a $${NAME} parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--at", paramLabel = "TIME", description = "the run's scheduled time for $$[...], $${yyyymmdd} and the built-ins"
            + " $${bizdate} (the day before) and $${cyctime}: 2026-11-24T02:00, 2026-11-24 or 20261124020000 (default: now)")
    String at;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "the time zone of the scheduled time, e.g. Asia/Shanghai"
            + " (default: $$SYNCC_TIME_ZONE, else the machine's)")
    String timeZone;

    /** The run's scheduled time ({@code --at}, else now) in the chosen time zone. */
    java.time.LocalDateTime scheduledTime() {
        return io.syncc.runtime.params.TimeExpressions.scheduledTime(at, io.syncc.runtime.params.TimeExpressions.zone(timeZone));
    }

    List<Path> files() {
        return List.of(file);
    }
}
