package io.syncc.compiler.cli;

import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.codegen.Compilation;
import io.syncc.compiler.codegen.JobJar;
import io.syncc.runtime.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a job to a self-contained jar: generated reader, mapper and writer classes, the plan "
                + "(no secrets), the runtime and the PostgreSQL driver.",
                "Run it with: java -jar JOB.jar -p name=value"})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR", description = "the jar to write (default: JOB_NAME.jar)")
    Path output;

    @Option(names = "--keep-sources", paramLabel = "DIR", description = "also write the generated .java files to DIR")
    Path keepSources;

    @Override
    public Integer call() throws IOException {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), common.offline).env(common.environment)) {
            Optional<CheckedJob> job = frontend.checkJob(common.files(), common.job);
            if (job.isEmpty()) {
                return frontend.exitCode();
            }
            if (PlanJson.hasLiteralSecret(job.get().sourceDatasource()) || PlanJson.hasLiteralSecret(job.get().sinkDatasource())) {
                spec.commandLine().getErr().println("error: a datasource of job " + job.get().name()
                        + " has a literal password, which cannot go into a jar; use password env(\"VAR\") or password file(\"path\")");
                return 1;
            }
            Compilation compilation = Compilation.of(job.get());
            if (keepSources != null) {
                Files.createDirectories(keepSources);
                compilation.source().writeToPath(keepSources);
            }
            Path jar = output != null ? output : Path.of(job.get().name() + ".jar");
            if (jar.toAbsolutePath().getParent() != null) {
                Files.createDirectories(jar.toAbsolutePath().getParent());
            }
            JobJar.write(jar, compilation.plan(), compilation.classes());
            spec.commandLine().getOut().println("wrote " + jar + " (job " + job.get().name() + ", " + Files.size(jar) / 1024 + " KiB)");
            return 0;
        }
    }
}
