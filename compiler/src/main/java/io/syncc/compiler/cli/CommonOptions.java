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
        String zone = timeZone != null ? timeZone : System.getenv("SYNCC_TIME_ZONE");
        java.time.ZoneId id;
        try {
            id = zone == null || zone.isBlank() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "unknown time zone " + zone);
        }
        return io.syncc.runtime.params.TimeExpressions.scheduledTime(at, id);
    }

    List<Path> files() {
        return List.of(file);
    }
}
