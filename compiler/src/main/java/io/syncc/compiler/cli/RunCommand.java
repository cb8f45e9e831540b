package io.syncc.compiler.cli;

import io.syncc.compiler.codegen.Compilation;
import io.syncc.runtime.exec.JobReport;
import io.syncc.runtime.exec.Foreground;
import io.syncc.runtime.exec.RunOptions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Check, compile (in memory) and run a job; print progress and a final summary.",
                "Exit code 0 when every row was committed, 1 when the files have errors or the job failed,",
                "2 for bad usage (an unknown --job, a missing -p) or the environment (a database that cannot be reached)."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    WorkDirOption workDir;

    @Option(names = "--fresh", description = "start over instead of resuming an earlier unfinished run (refused while rows"
            + " that run appended are in the target, unless --allow-duplicates)")
    boolean fresh;

    @Option(names = "--allow-duplicates", description = "with --fresh: load everything again although rows of the earlier"
            + " append run are in the target")
    boolean allowDuplicates;

    @Option(names = "--from", paramLabel = "VALUE", description = "incremental job: read the rows from VALUE on (inclusive) instead of"
            + " after the kept watermark")
    String from;

    @Option(names = "--full", description = "incremental job: read every row, and keep the watermark anew")
    boolean full;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), common.offline, workDir.path()).env(common.environment)) {
            Optional<Compilation> compiled = frontend.compileForRun(common);
            if (compiled.isEmpty()) {
                return frontend.exitCode();
            }
            Compilation compilation = compiled.get();
            if (!frontend.preflight(compilation.plan(), workDir.path())) {
                return frontend.exitCode();
            }
            String refused = io.syncc.runtime.exec.JobMain.incrementOptions(compilation.plan(), from, full);
            if (refused != null) {
                spec.commandLine().getErr().println("error: " + refused);
                return 2;
            }
            // a progress bar only on a terminal; piped output (CI logs) gets the summary alone
            boolean progress = !noProgress && System.console() != null;
            RunOptions options = new RunOptions(frontend.params(), workDir.path(), progress, fresh, allowDuplicates, from, full);
            JobReport report = Foreground.run(compilation.plan(), compilation.instantiate(), options, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return report.succeeded() ? 0 : 1;
        }
    }
}
