package io.syncc.runtime.jsonl;

import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The JSON Lines connector (type {@code jsonl}), written against the connector SPI only. */
public final class JsonlConnector implements Connector {

    @Override
    public Set<String> types() {
        return Set.of("jsonl");
    }

    @Override
    public <S> Source<S> openSource(SourceContext<S> context) {
        return new JsonlSource<>(context.source(), context.program().csvDecoder(), context.channel().parallelism(),
                Long.getLong(JobRunner.CSV_CHUNK_PROPERTY, 0L));
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        JsonlDatasourcePlan ds = (JsonlDatasourcePlan) datasource;
        Path p = Path.of(ds.path());
        if (!Files.exists(p)) {
            throw SyncException.configuration("datasource '" + ds.name() + "': path " + p + " does not exist");
        }
        if (!Files.isReadable(p)) {
            throw SyncException.configuration("datasource '" + ds.name() + "': path " + p + " is not readable");
        }
        return (Files.isDirectory(p) ? "folder " : "file ") + p;
    }
}
