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

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "value of a $${NAME} parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    List<Path> files() {
        return List.of(file);
    }
}
