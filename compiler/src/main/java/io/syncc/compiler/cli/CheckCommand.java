package io.syncc.compiler.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and check .sync files against live metadata (or the catalog snapshot with --offline).",
                "Every finding is printed as FILE:LINE:COL: error[CODE]: message, with the line and a caret.",
                "Exit code 1 when the files have errors, 2 when metadata could not be read (SYN9xx: an unreachable",
                "database, a missing snapshot), 0 otherwise (warnings do not fail)."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".sync files or folders")
    List<Path> files;

    @picocli.CommandLine.Mixin
    EnvOption environment;

    @Option(names = "--offline", description = "use the catalog snapshot (syncc.catalog.json) instead of live metadata")
    boolean offline;

    @Override
    public Integer call() {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), offline).env(environment)) {
            var jobs = frontend.check(files);
            if (jobs.isEmpty()) {
                return frontend.exitCode();
            }
            spec.commandLine().getOut().println("ok: " + jobs.get().size() + (jobs.get().size() == 1 ? " job" : " jobs") + " checked");
            return 0;
        }
    }
}
