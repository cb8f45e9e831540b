package io.syncc.runtime.exec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a job.
 *
 * @param params    values of the job's {@code ${...}} parameters
 * @param workDir   folder for run artefacts (dirty-record files under {@code workDir/dirty/})
 * @param progress  show a progress bar on the terminal (stderr)
 * @param fresh     discard checkpoints of an earlier failed run instead of resuming it
 */
public record RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh) {

    public RunOptions {
        params = Map.copyOf(params);
        Objects.requireNonNull(workDir, "workDir");
    }
}
