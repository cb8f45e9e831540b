package io.syncc.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.plan.Planner;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checked job → plan → generated source → class files: the back end, in one place. The source is
 * generated when it is needed: a job the compiled-job cache holds ({@link ClassCache}) is loaded
 * without it.
 */
public record Compilation(JobPlan plan, List<JobGenerator.Value> values, Map<String, byte[]> classes) {

    public static Compilation of(CheckedJob job) {
        JobPlan plan = Planner.plan(job);
        List<JobGenerator.Value> values = values(job);
        return new Compilation(plan, values, ClassCache.compile(GeneratorInput.of(plan, values),
                () -> new JobGenerator(plan, values).generate()));
    }

    public Compilation {
        values = List.copyOf(values);
    }

    /** The generated source of the job ({@code --keep-sources}): generated again, the same as the classes were compiled from. */
    public JavaFile source() {
        return new JobGenerator(plan, values).generate();
    }

    /** Generates the source only (golden tests, {@code --keep-sources}). */
    public static JavaFile source(CheckedJob job) {
        return new JobGenerator(Planner.plan(job), values(job)).generate();
    }

    static List<JobGenerator.Value> values(CheckedJob job) {
        List<JobGenerator.Value> values = new ArrayList<>();
        for (CheckedJob.ColumnMapping m : job.mappings()) {
            if (m instanceof CheckedJob.FromColumn f) {
                values.add(new JobGenerator.Value(f.source(), f.defaultValue().orElse(null)));
            } else if (m instanceof CheckedJob.Constant c) {
                values.add(new JobGenerator.Value(-1, c.value()));
            }
        }
        return values;
    }

    /** An instance of the generated job, loaded in this process. */
    public GeneratedJob<?, ?> instantiate() {
        try {
            return (GeneratedJob<?, ?>) InMemoryCompiler.loader(classes).loadClass(plan.generatedClass())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load generated job " + plan.generatedClass(), e);
        }
    }
}
