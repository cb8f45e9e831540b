package io.syncc.runtime.csv;

import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Source;
import java.nio.file.Path;
import java.util.Set;

/** The CSV connector (type {@code csv}): files and folders of delimited text, read in byte-range splits. */
public final class CsvConnector implements Connector {

    @Override
    public Set<String> types() {
        return Set.of("csv");
    }

    @Override
    public java.util.List<io.syncc.runtime.spi.SettingSpec> settings(String type) {
        return CsvSettings.SPECS;
    }

    @Override
    public java.util.Optional<DatasourcePlan> plan(io.syncc.runtime.spi.DatasourceSettings settings) {
        return CsvSettings.plan(settings);
    }

    @Override
    public java.util.Map<String, Class<? extends DatasourcePlan>> planTypes() {
        return java.util.Map.of("csv", CsvDatasourcePlan.class);
    }

    /** Records of fields; UTF-8 files let unchanged text columns pass as bytes. */
    @Override
    public io.syncc.runtime.spi.SourceCodec sourceCodec(DatasourcePlan datasource) {
        return io.syncc.runtime.spi.SourceCodec.fields(
                CsvFormat.of((CsvDatasourcePlan) datasource).charset().equals(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public <S> Source<S> openSource(SourceContext<S> context) {
        return new CsvSource<>(context.source(), context.program().csvDecoder(), context.channel().parallelism(),
                Long.getLong(JobRunner.CSV_CHUNK_PROPERTY, 0L), context.params());
    }

    /** {@code sink files.export}: {@code export.csv} in the datasource's folder, with a header, written whole. */
    @Override
    public <T> io.syncc.runtime.spi.Sink<T> openSink(SinkContext<T> context) {
        CsvDatasourcePlan ds = (CsvDatasourcePlan) context.sink().datasource();
        return new io.syncc.runtime.files.FileSink<>(context,
                Path.of(io.syncc.runtime.files.Partitions.substitute(ds.path(), context.params())), context.sink().table(),
                new io.syncc.runtime.files.CsvRowFormat(ds.delimiter(), ds.quote()));
    }

    /** Columns from the header and the first 1,000 records of a table's first data file. */
    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        return CsvMetadata.of((CsvDatasourcePlan) datasource);
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        CsvDatasourcePlan csv = (CsvDatasourcePlan) datasource;
        CsvFormat.of(csv);
        return DataFiles.ping(csv);
    }
}
