package io.syncc.runtime.csv;

import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The CSV connector (type {@code csv}): files and folders of delimited text, read in byte-range splits. */
public final class CsvConnector implements Connector {

    @Override
    public Set<String> types() {
        return Set.of("csv");
    }

    @Override
    public <S> Source<S> openSource(SourceContext<S> context) {
        return new CsvSource<>(context.source(), context.program().csvDecoder(), context.channel().parallelism(),
                Long.getLong(JobRunner.CSV_CHUNK_PROPERTY, 0L));
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        CsvDatasourcePlan csv = (CsvDatasourcePlan) datasource;
        CsvFormat.of(csv);
        Path p = Path.of(csv.path());
        if (!Files.exists(p)) {
            throw SyncException.configuration("datasource '" + csv.name() + "': path " + p + " does not exist");
        }
        if (!Files.isReadable(p)) {
            throw SyncException.configuration("datasource '" + csv.name() + "': path " + p + " is not readable");
        }
        return (Files.isDirectory(p) ? "folder " : "file ") + p;
    }
}
