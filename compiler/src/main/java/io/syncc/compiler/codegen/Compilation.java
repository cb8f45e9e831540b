package io.syncc.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.plan.Planner;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checked job → plan → generated source → class files: the back end, in one place. */
public record Compilation(JobPlan plan, JavaFile source, Map<String, byte[]> classes) {

    public static Compilation of(CheckedJob job) {
        JobPlan plan = Planner.plan(job);
        JavaFile source = new JobGenerator(plan, values(job)).generate();
        return new Compilation(plan, source, ClassCache.compile(source));
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
