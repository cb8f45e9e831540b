package io.syncc.compiler.cli;

import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.runtime.exec.Connectivity;
import io.syncc.runtime.plan.DatasourcePlan;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Test connectivity of every datasource the file declares or uses.",
                "Exit code 2 if one cannot be reached, 1 if the file has errors."})
final class PingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvOption environment;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .sync file")
    Path file;

    @Override
    public Integer call() {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), true).env(environment)) {
            // offline: a ping must not depend on the tables existing
            Optional<List<CheckedJob>> jobs = frontend.checkDatasourcesOnly(List.of(file));
            if (jobs.isEmpty()) {
                return frontend.exitCode();
            }
            frontend.startEmbeddedIfNeeded();
            Set<String> wanted = new LinkedHashSet<>();
            Project project = frontend.project();
            for (var unit : project.units) {
                if (project.named.contains(unit.file().path())) {
                    wanted.addAll(unit.file().datasourcesNamed());
                }
            }
            int failures = 0;
            for (DatasourcePlan ds : frontend.declaredDatasources()) {
                if (!wanted.contains(ds.name().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                try {
                    String message = Connectivity.ping(ds, Path.of("").toAbsolutePath());
                    spec.commandLine().getOut().println("ok    " + ds.name() + ": " + message);
                } catch (RuntimeException e) {
                    failures++;
                    spec.commandLine().getOut().println("FAIL  " + ds.name() + ": " + e.getMessage());
                }
            }
            return failures == 0 ? 0 : 2;
        }
    }
}
