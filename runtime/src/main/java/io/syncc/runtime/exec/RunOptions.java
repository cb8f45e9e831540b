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
 * @param from      for an incremental job: read the rows from this value on (inclusive) instead of
 *                  after the kept watermark; {@code null} for the watermark
 * @param full      for an incremental job: read every row (the watermark is then set anew)
 */
public record RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh, boolean allowDuplicates,
                         String from, boolean full) {

    public RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh) {
        this(params, workDir, progress, fresh, false);
    }

    public RunOptions(Map<String, String> params, Path workDir, boolean progress, boolean fresh, boolean allowDuplicates) {
        this(params, workDir, progress, fresh, allowDuplicates, null, false);
    }

    /** These options with the incremental range overridden ({@code --from} / {@code --full}). */
    public RunOptions withIncrement(String from, boolean full) {
        return new RunOptions(params, workDir, progress, fresh, allowDuplicates, from, full);
    }

    public RunOptions {
        params = Map.copyOf(params);
        Objects.requireNonNull(workDir, "workDir");
    }
}
