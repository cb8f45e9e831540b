package io.syncc.runtime.jsonl;

import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Source;
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

    /** {@code sink logs.export}: {@code export.jsonl} in the datasource's folder, written whole. */
    @Override
    public <T> io.syncc.runtime.spi.Sink<T> openSink(SinkContext<T> context) {
        JsonlDatasourcePlan ds = (JsonlDatasourcePlan) context.sink().datasource();
        return new io.syncc.runtime.files.FileSink<>(context, Path.of(ds.path()), context.sink().table(),
                new io.syncc.runtime.files.JsonlRowFormat());
    }

    /** Columns from the keys of the first 1,000 objects of a table's first data file. */
    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        JsonlDatasourcePlan ds = (JsonlDatasourcePlan) datasource;
        JsonlMetadata files = new JsonlMetadata();
        return new io.syncc.runtime.meta.DatasourceMetadata() {
            @Override
            public java.util.List<String> tables(String schema) {
                return files.tables(ds);
            }

            @Override
            public java.util.Optional<io.syncc.runtime.meta.TableMeta> table(String schema, String table) {
                return files.table(ds, table);
            }
        };
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        return io.syncc.runtime.csv.DataFiles.ping((JsonlDatasourcePlan) datasource);
    }
}
