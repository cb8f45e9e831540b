package io.syncc.runtime.jsonl;

import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.csv.CsvFormat;
import io.syncc.runtime.csv.CsvSource;
import io.syncc.runtime.csv.CsvSplit;
import io.syncc.runtime.csv.CsvSplitSource;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import io.syncc.runtime.spi.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Lines source: the files of a table are split by file and large files by byte ranges.
 * A JSON line holds no raw newline (inside strings it is written {@code \n}), so every newline ends a
 * record and a range starts after the first newline at or after its nominal start (the CSV boundary
 * scan with a quote byte JSON text never contains).
 */
final class JsonlSource<S> implements Source<S> {

    /** NUL never appears in JSON text, so the boundary scan's quote parity never changes. */
    private static final CsvFormat LINES = new CsvFormat((byte) ',', (byte) 0, new byte[0], StandardCharsets.UTF_8, false, Integer.MAX_VALUE);

    private final SourcePlan plan;
    private final CsvRowDecoder<S> decoder;
    private final int parallelism;
    private final long chunkOverride;
    private final Map<String, Integer> fields = new HashMap<>();
    private final int fieldCount;

    private final Map<String, String> params;

    JsonlSource(SourcePlan plan, CsvRowDecoder<S> decoder, int parallelism, long chunkOverride, Map<String, String> params) {
        this.params = Map.copyOf(params);
        if (decoder == null) {
            throw SyncException.internal("the generated job has no field decoder");
        }
        this.plan = plan;
        this.decoder = decoder;
        this.parallelism = parallelism;
        this.chunkOverride = chunkOverride;
        int max = 0;
        for (SourceColumn c : plan.columns()) {
            fields.put(c.name(), c.position());
            max = Math.max(max, c.position() + 1);
        }
        int partitionKeys = plan.partitioning() == null ? 0 : plan.partitioning().keys().size();
        this.fieldCount = Math.max(max, plan.csvFieldCount() + partitionKeys);
    }

    @Override
    public SplitSource splits() throws IOException {
        JsonlDatasourcePlan ds = (JsonlDatasourcePlan) plan.datasource();
        List<CsvSplitSource.CsvFile> files = CsvSource.files(ds.name(), ds.path(), plan.table(), ds.extension(), plan.partitioning(), params);
        long total = files.stream().mapToLong(CsvSplitSource.CsvFile::size).sum();
        long chunk = chunkOverride > 0 ? chunkOverride : CsvSource.chunk(total, parallelism);
        return new CsvSplitSource(files, chunk, LINES);
    }

    @Override
    public SplitReader<S> open(Split split, DirtyListener dirty) throws IOException {
        return new JsonlReader<>((CsvSplit) split, fields, fieldCount, plan.csvFieldCount(), decoder, dirty);
    }

    @Override
    public Optional<String> changedSince(Split split, String signature) throws IOException {
        return CsvSource.changedSince((CsvSplit) split, signature);
    }

    @Override
    public void close() {
    }
}
