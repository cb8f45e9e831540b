package io.syncc.compiler.cli;

import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.RecordingCatalog;
import io.syncc.compiler.catalog.SnapshotCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "catalog", mixinStandardHelpOptions = true, description = {"Manage the catalog snapshot (syncc.catalog.json)."},
        subcommands = {CatalogCommand.Pull.class})
final class CatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code syncc catalog} without a subcommand: usage, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Read live metadata of every table the files use and write it to syncc.catalog.json beside them, "
                    + "so that `syncc check/compile --offline` needs no database.", "Commit the file like a lock file."})
    static final class Pull implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        EnvOption environment;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = ".sync files or folders")
        List<Path> files;

        @Override
        public Integer call() throws IOException, MetadataException {
            try (Frontend frontend = new Frontend(spec.commandLine().getErr(), false).env(environment)) {
                RecordingCatalog[] recorder = new RecordingCatalog[1];
                // start from the existing snapshot so tables of other files are kept
                Path[] target = new Path[1];
                var jobs = frontend.check(files, live -> {
                    target[0] = frontend.project().home().resolve(SnapshotCatalog.FILE_NAME);
                    try {
                        recorder[0] = new RecordingCatalog(live, SnapshotCatalog.load(target[0]).snapshot());
                    } catch (MetadataException e) {
                        recorder[0] = new RecordingCatalog(live, new SnapshotCatalog.Snapshot(1, java.util.Map.of()));
                    }
                    return recorder[0];
                });
                if (jobs.isEmpty() || recorder[0] == null) {
                    return frontend.exitCode();
                }
                SnapshotCatalog.write(target[0], recorder[0].snapshot());
                int tables = recorder[0].snapshot().datasources().values().stream().mapToInt(d -> d.tables().size()).sum();
                spec.commandLine().getOut().println("wrote " + Project.display(target[0]) + " (" + tables + " tables)");
                return 0;
            }
        }
    }
}
