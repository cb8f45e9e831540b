package io.syncc.compiler.ast;

import java.util.List;
import java.util.Objects;

/** One parsed {@code .sync} file. {@code path} is how diagnostics name it. */
public record SyncFile(String path, List<DatasourceDecl> datasources, List<JobDecl> jobs) {

    public SyncFile {
        Objects.requireNonNull(path, "path");
        datasources = List.copyOf(datasources);
        jobs = List.copyOf(jobs);
    }
}
