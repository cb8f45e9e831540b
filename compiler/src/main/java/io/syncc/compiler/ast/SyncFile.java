package io.syncc.compiler.ast;

import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/**
 * One parsed {@code .sync} file. {@code path} is how diagnostics name it. A file with syntax errors
 * still has every declaration and item that parsed; {@code malformed} are the ranges of what was
 * left out (an item with a syntax error, or tokens skipped inside a block), each already reported.
 */
public record SyncFile(String path, List<DatasourceDecl> datasources, List<JobDecl> jobs, List<SourceRange> malformed) {

    public SyncFile {
        Objects.requireNonNull(path, "path");
        datasources = List.copyOf(datasources);
        jobs = List.copyOf(jobs);
        malformed = List.copyOf(malformed);
    }

    /** A file without syntax errors. */
    public SyncFile(String path, List<DatasourceDecl> datasources, List<JobDecl> jobs) {
        this(path, datasources, jobs, List.of());
    }

    /** The datasources the file declares or its jobs read or write, by their keys, in file order. */
    public java.util.Set<String> datasourcesNamed() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        datasources.forEach(d -> names.add(d.name().key()));
        jobs.forEach(j -> {
            j.sources().forEach(s -> names.add(s.table().datasource().key()));
            j.sinks().forEach(s -> names.add(s.table().datasource().key()));
        });
        return names;
    }

    /**
     * Whether nothing inside {@code range} (a declaration or a block) was left out for a syntax
     * error: checks that need the whole of it (a required setting, a complete mapping) run only
     * then, so a syntax error is not reported again as a missing piece.
     */
    public boolean intact(SourceRange range) {
        for (SourceRange m : malformed) {
            if (m.startOffset() < range.endOffset() && m.endOffset() > range.startOffset()) {
                return false;
            }
        }
        return true;
    }
}
