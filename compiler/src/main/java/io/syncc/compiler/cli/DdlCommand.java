package io.syncc.compiler.cli;

import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.plan.Planner;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = {"Print the CREATE TABLE statement the job's sink needs, from the mapped columns (primary key kept)."})
final class DdlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), common.offline).env(common.environment)) {
            Optional<CheckedJob> job = frontend.checkJob(common.files(), common.job);
            if (job.isEmpty()) {
                return frontend.exitCode();
            }
            if (job.get().sinkDatasource() instanceof io.syncc.runtime.plan.FileDatasourcePlan f) {
                spec.commandLine().getErr().println("syncc: job " + job.get().name() + " writes the file " + job.get().sinkTable()
                        + " of datasource '" + f.name() + "', which has no CREATE TABLE");
                return 2;
            }
            spec.commandLine().getOut().println(Planner.createTable(job.get()) + ";");
            return 0;
        }
    }
}
