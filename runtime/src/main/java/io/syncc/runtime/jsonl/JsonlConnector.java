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

    private static final java.util.List<io.syncc.runtime.spi.SettingSpec> SETTINGS = java.util.List.of(
            io.syncc.runtime.spi.SettingSpec.required("path", "a JSON Lines file, or a folder whose files (and sub-folders of"
                    + " files) are tables; relative to this .sync file", "path \"folder/or/file.jsonl\""));

    @Override
    public java.util.List<io.syncc.runtime.spi.SettingSpec> settings(String type) {
        return SETTINGS;
    }

    /** {@code type jsonl  path "folder/or/file.jsonl"}: JSON Lines, UTF-8. */
    @Override
    public java.util.Optional<DatasourcePlan> plan(io.syncc.runtime.spi.DatasourceSettings settings) {
        return settings.path("path", "path \"folder/or/file.jsonl\"")
                .filter(p -> settings.valid())
                .map(p -> new JsonlDatasourcePlan(settings.name(), p));
    }

    @Override
    public java.util.Map<String, Class<? extends DatasourcePlan>> planTypes() {
        return java.util.Map.of("jsonl", JsonlDatasourcePlan.class);
    }

    /**
     * Records of fields, the values as JSON text; they are not raw bytes of the file (escapes are
     * decoded), so no text passes through undecoded.
     */
    @Override
    public io.syncc.runtime.spi.SourceCodec sourceCodec(DatasourcePlan datasource) {
        return io.syncc.runtime.spi.SourceCodec.fields(false);
    }

    @Override
    public <S> Source<S> openSource(SourceContext<S> context) {
        return new JsonlSource<>(context.source(), context.program().csvDecoder(), context.channel().parallelism(),
                Long.getLong(JobRunner.CSV_CHUNK_PROPERTY, 0L), context.params());
    }

    /** {@code sink logs.export}: {@code export.jsonl} in the datasource's folder, written whole. */
    @Override
    public <T> io.syncc.runtime.spi.Sink<T> openSink(SinkContext<T> context) {
        JsonlDatasourcePlan ds = (JsonlDatasourcePlan) context.sink().datasource();
        return new io.syncc.runtime.files.FileSink<>(context,
                Path.of(io.syncc.runtime.files.Partitions.substitute(ds.path(), context.params())), context.sink().table(),
                new io.syncc.runtime.files.JsonlRowFormat());
    }

    /** Columns from the keys of the first 1,000 objects of a table's first data file. */
    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        return JsonlMetadata.of((JsonlDatasourcePlan) datasource);
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        return io.syncc.runtime.csv.DataFiles.ping((JsonlDatasourcePlan) datasource);
    }
}
