package io.syncc.runtime.plan;

import java.util.List;
import java.util.Objects;

/**
 * Everything the runtime needs to run one job, produced by the compiler from a checked
 * {@code .sync} file. Serialised as JSON into the job jar ({@code syncc/plan.json}); it never
 * holds a secret value, only {@link SecretRef references} to where a secret is read at run time.
 *
 * @param job            the job's name
 * @param sourceFile     the {@code .sync} file the job came from (for messages)
 * @param source         where rows come from
 * @param sink           where rows go
 * @param channel        parallelism, rate limits and the dirty-record budget
 * @param parameters     names of the {@code ${...}} parameters the job needs at run time
 * @param generatedClass binary name of the generated {@code io.syncc.runtime.codegen.GeneratedJob}
 */
public record JobPlan(
        String job,
        String sourceFile,
        SourcePlan source,
        SinkPlan sink,
        ChannelPlan channel,
        List<String> parameters,
        String generatedClass) {

    public JobPlan {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(channel, "channel");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(generatedClass, "generatedClass");
    }
}
