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
 * @param fresh     start over instead of resuming an earlier unfinished run
 * @param allowDuplicates with {@code fresh}: load again although an earlier append run's rows may
 *                  still be in the target
 */
public record RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh, boolean allowDuplicates) {

    public RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh) {
        this(params, workDir, progress, fresh, false);
    }

    public RunOptions {
        params = Map.copyOf(params);
        Objects.requireNonNull(workDir, "workDir");
    }
}
