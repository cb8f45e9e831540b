package io.syncc.runtime.csv;

import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.Source;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SplitSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.syncc.runtime.files.Partitions;
import io.syncc.runtime.plan.Partitioning;

/**
 * The CSV source: {@code datasource.path} is a file or a folder; {@code table} names a file in it
 * ({@code bank_data.csv}, or {@code bank_data} meaning {@code bank_data.csv}) or a sub-folder whose
 * data files ({@link DataFiles}: recursively, markers, checksums and hidden files left out) are read in
 * name order.
 */
public final class CsvSource<S> implements Source<S> {

    /** Byte ranges of large files: at least this big ... */
    public static final long MIN_CHUNK = 8L << 20;
    /** ... and at most this big. */
    public static final long MAX_CHUNK = 256L << 20;
    /**
     * Ranges per worker: enough that the last ranges are small, so workers finish close together
     * (a lone worker at the end leaves a core idle while it waits for its server).
     */
    static final long SPLITS_PER_WORKER = 8;

    private final SourcePlan plan;
    private final CsvFormat format;
    private final CsvRowDecoder<S> decoder;
    private final int parallelism;
    private final long chunkOverride;
    private final int readBuffer;

    private final Map<String, String> params;

    public CsvSource(SourcePlan plan, CsvRowDecoder<S> decoder, int parallelism, long chunkOverride) {
        this(plan, decoder, parallelism, chunkOverride, Map.of());
    }

    /** @param params the run's parameter values (for {@code ${...}} in partition filters) */
    public CsvSource(SourcePlan plan, CsvRowDecoder<S> decoder, int parallelism, long chunkOverride, Map<String, String> params) {
        this(plan, decoder, parallelism, chunkOverride, CsvReader.BUFFER, params);
    }

    /** @param readBuffer initial read buffer of each reader (tests make it tiny) */
    CsvSource(SourcePlan plan, CsvRowDecoder<S> decoder, int parallelism, long chunkOverride, int readBuffer) {
        this(plan, decoder, parallelism, chunkOverride, readBuffer, Map.of());
    }

    private CsvSource(SourcePlan plan, CsvRowDecoder<S> decoder, int parallelism, long chunkOverride, int readBuffer,
                      Map<String, String> params) {
        this.params = Map.copyOf(params);
        this.readBuffer = readBuffer;
        this.plan = plan;
        this.format = CsvFormat.of((CsvDatasourcePlan) plan.datasource());
        this.decoder = decoder;
        this.parallelism = parallelism;
        this.chunkOverride = chunkOverride;
        if (decoder == null) {
            throw new SyncException(SyncException.Kind.INTERNAL, "the generated job has no CSV decoder");
        }
    }

    public static List<CsvSplitSource.CsvFile> files(CsvDatasourcePlan ds, String table) throws IOException {
        return files(ds.name(), ds.path(), table, ".csv", null, Map.of());
    }

    /**
     * The data files of {@code table} under a file datasource's {@code path}: the path itself when
     * it is a file, else {@code table} (a file or a folder of data files) or {@code table + extension}.
     * Of a partitioned folder, the files of the partitions {@code partitioning} selects, each with
     * its partition's values.
     *
     * @param partitioning the partitions the plan knows and reads, or {@code null} (every file, no values)
     * @param params       the run's parameter values for the partition filters
     */
    public static List<CsvSplitSource.CsvFile> files(String datasource, String path, String table, String extension,
                                                     Partitioning partitioning, Map<String, String> params) throws IOException {
        table = Partitions.substitute(table, params);
        path = Partitions.substitute(path, params);
        Path root = Path.of(path);
        if (Files.isDirectory(root) && (table.indexOf('*') >= 0 || table.indexOf('?') >= 0)) {
            return glob(datasource, root, table);
        }
        Path target;
        if (Files.isRegularFile(root)) {
            target = root;
        } else if (Files.isDirectory(root)) {
            Path t = root.resolve(table);
            if (Files.exists(t)) {
                target = t;
            } else if (Files.isRegularFile(root.resolve(table + extension))) {
                target = root.resolve(table + extension);
            } else {
                throw SyncException.configuration("datasource '" + datasource + "': no file or folder " + table
                        + (table.endsWith(extension) ? "" : " (or " + table + extension + ")") + " in " + root);
            }
        } else {
            throw SyncException.configuration("datasource '" + datasource + "': path " + root + " does not exist");
        }
        List<CsvSplitSource.CsvFile> out = new ArrayList<>();
        if (Files.isRegularFile(target)) {
            out.add(new CsvSplitSource.CsvFile(target, target.getFileName().toString(), Files.size(target)));
            return out;
        }
        List<Partitions.PartitionedFile> selected;
        if (partitioning == null) {
            selected = DataFiles.list(target).stream().map(p -> new Partitions.PartitionedFile(p, List.of())).toList();
        } else {
            Partitions.Layout layout = Partitions.scan(target);
            if (!layout.keys().equals(partitioning.keys())) {
                throw SyncException.configuration("datasource '" + datasource + "': the partitions of " + table + " are "
                        + (layout.keys().isEmpty() ? "gone" : String.join("/", layout.keys())) + " now, and were "
                        + String.join("/", partitioning.keys()) + " when the job was compiled; check and compile it again");
            }
            selected = Partitions.select(layout, partitioning, params, datasource + "." + table);
        }
        for (Partitions.PartitionedFile p : selected) {
            out.add(new CsvSplitSource.CsvFile(p.path(), target.getFileName() + "/" + target.relativize(p.path()).toString().replace('\\', '/'),
                    Files.size(p.path()), p.values()));
        }
        return out;
    }

    /** The data files directly in {@code root} whose names match {@code glob} ({@code *}, {@code ?}), in name order. */
    private static List<CsvSplitSource.CsvFile> glob(String datasource, Path root, String glob) throws IOException {
        List<CsvSplitSource.CsvFile> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> list = Files.list(root)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (DataFiles.isData(name) && Partitions.glob(glob, name)) {
                    out.add(new CsvSplitSource.CsvFile(p, name, Files.size(p)));
                }
            }
        }
        if (out.isEmpty()) {
            throw SyncException.configuration("datasource '" + datasource + "': no file matches " + glob + " in " + root);
        }
        return out;
    }

    /** The byte-range size for files of {@code total} bytes read by {@code parallelism} workers. */
    public static long chunk(long total, int parallelism) {
        return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, total / Math.max(1, parallelism * SPLITS_PER_WORKER)));
    }

    @Override
    public SplitSource splits() throws IOException {
        CsvDatasourcePlan ds = (CsvDatasourcePlan) plan.datasource();
        List<CsvSplitSource.CsvFile> files = files(ds.name(), ds.path(), plan.table(), ".csv", plan.partitioning(), params);
        long total = files.stream().mapToLong(CsvSplitSource.CsvFile::size).sum();
        long chunk = chunkOverride > 0 ? chunkOverride : chunk(total, parallelism);
        return new CsvSplitSource(files, chunk, format);
    }

    @Override
    public SplitReader<S> open(Split split, DirtyListener dirty) throws IOException {
        CsvSplit s = (CsvSplit) split;
        return new CsvReader<>(s, format, decoder, plan.csvFieldCount(), dirty, readBuffer, order(s));
    }

    /** Per file of the table: where it holds each column ({@link #order}); NO_ORDER when in the table's order. */
    private final java.util.Map<java.nio.file.Path, int[]> orders = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int[] NO_ORDER = new int[0];

    /**
     * Where the split's file holds each of the table's columns: {@code null} when its header is the
     * one the job was checked with; a mapping when it names the same columns in another order
     * (fields are read by name, never by a position that would put values in other columns); a
     * header that names other columns stops the job, naming the file and the difference.
     */
    private int[] order(CsvSplit split) throws IOException {
        List<String> expected = plan.fileHeader();
        if (expected.isEmpty()) {
            return null;
        }
        int[] order = orders.get(split.file());
        if (order == null) {
            CsvDatasourcePlan ds = (CsvDatasourcePlan) plan.datasource();
            List<String> found = CsvMetadata.header(split.file(), ds.delimiter(), ds.quote(), format.charset());
            order = orderOf(expected, found, split.name());
            orders.put(split.file(), order);
        }
        return order == NO_ORDER ? null : order;
    }

    static int[] orderOf(List<String> expected, List<String> found, String file) {
        if (found.equals(expected)) {
            return NO_ORDER;
        }
        java.util.Set<String> want = new java.util.LinkedHashSet<>(expected);
        java.util.Set<String> have = new java.util.LinkedHashSet<>(found);
        if (want.equals(have) && have.size() == found.size() && want.size() == expected.size()) {
            int[] order = new int[expected.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = found.indexOf(expected.get(i));
            }
            return order;
        }
        java.util.Set<String> missing = new java.util.LinkedHashSet<>(want);
        missing.removeAll(have);
        java.util.Set<String> extra = new java.util.LinkedHashSet<>(have);
        extra.removeAll(want);
        throw new SyncException(SyncException.Kind.DATA, file + ": its header (" + String.join(", ", found) + ") does not name the"
                + " columns the job was checked with (" + String.join(", ", expected) + ")"
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                + (extra.isEmpty() ? "" : "; not in the others: " + String.join(", ", extra))
                + (missing.isEmpty() && extra.isEmpty() ? "; a name is repeated" : "")
                + ". Every file of a table needs the same columns (in any order); check and run the job again if the table changed");
    }

    /** {@code bytes START+LENGTH crc32c HEX}: a byte range of a file and its checksum, a split reader's signature. */
    public static String signature(long start, long length, long crc32c) {
        return CsvReader.signature(start, length, crc32c);
    }

    /**
     * Reads the committed split's bytes again from the file as it is now: the same offset, the same
     * length and the same CRC-32C, or a description of what differs. A fixed record in a split that
     * was not committed does not matter; an edit inside a committed one does.
     */
    @Override
    public java.util.Optional<String> changedSince(Split split, String signature) throws IOException {
        return changedSince((CsvSplit) split, signature);
    }

    /** The check of {@link #changedSince(Split, String)} for any byte-range split of a file. */
    public static java.util.Optional<String> changedSince(CsvSplit s, String signature) throws IOException {
        String[] p = signature.split("[ +]");
        if (p.length != 5 || !p[0].equals("bytes") || !p[3].equals("crc32c")) {
            return java.util.Optional.of("the committed split " + s.id() + " has an unknown signature");
        }
        long start = Long.parseLong(p[1]);
        long length = Long.parseLong(p[2]);
        if (start != s.start()) {
            return java.util.Optional.of(s.name() + " changed before byte " + s.start() + " (its records now start elsewhere)");
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long read = 0;
        try (io.syncc.runtime.files.FileInput ch = io.syncc.runtime.files.FileInput.open(s.file())) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 20);
            while (read < length) {
                b.clear().limit((int) Math.min(b.capacity(), length - read));
                int n = ch.read(b, start + read);
                if (n <= 0) {
                    break;
                }
                crc.update(b.array(), 0, n);
                read += n;
            }
        }
        if (read < length || !CsvReader.signature(start, length, crc.getValue()).equals(signature)) {
            return java.util.Optional.of(s.name() + " changed between bytes " + start + " and " + (start + length));
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
    }
}
