package io.syncc.runtime.files;

import io.syncc.runtime.csv.DataFiles;
import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.meta.DatasourceMetadata;
import io.syncc.runtime.meta.TableMeta;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.spi.SyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tables of a file datasource: a table is a file under the datasource path ({@code bank_data}
 * finds {@code bank_data} plus one of the format's extensions) or a sub-folder of such files (its
 * data files as the runtime reads them: {@link DataFiles}). Its columns are what the format's
 * sampler finds in the first data file that is not empty.
 */
public final class FileTables implements DatasourceMetadata {

    /** How many records a sampler reads to infer types. */
    public static final int SAMPLE_ROWS = 1000;

    private final FileDatasourcePlan ds;
    private final List<String> extensions;
    private final Function<Path, List<ColumnMeta>> sampler;

    /**
     * @param ds         the datasource
     * @param extensions what a table name may leave out, in the order tried ({@code .csv}, ...)
     * @param sampler    the columns of one data file (throws {@code SyncException} naming it when unreadable)
     */
    public FileTables(FileDatasourcePlan ds, List<String> extensions, Function<Path, List<ColumnMeta>> sampler) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.extensions = List.copyOf(extensions);
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /** The datasource's path; with {@code ${parameters}} the newest path they match ({@link Partitions#newest}). */
    private Path root() {
        return Partitions.newest(ds.path());
    }

    /** The data files and folders directly under the datasource path, or the file it names. */
    @Override
    public List<String> tables(String schema) {
        Path root = root();
        if (Files.isRegularFile(root)) {
            return List.of(root.getFileName().toString());
        }
        if (!Files.isDirectory(root)) {
            throw SyncException.configurationOf("path " + root + " does not exist");
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(DataFiles::isData).sorted().toList();
        } catch (IOException e) {
            throw SyncException.configurationOf("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TableMeta> table(String schema, String table) {
        Optional<Path> found = locate(table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path first = firstFile(found.get())
                .orElseThrow(() -> SyncException.configurationOf("folder " + found.get() + " holds no data file"
                        + " (markers such as _SUCCESS, .crc checksums and hidden files are not data)"));
        String name = Files.isRegularFile(root()) ? found.get().getFileName().toString()
                : root().relativize(found.get()).toString();
        List<ColumnMeta> columns = SampledColumns.of(ds, first, sampler);
        if (Files.isDirectory(found.get())) {
            Partitions.Layout layout;
            try {
                layout = Partitions.scan(found.get());
            } catch (IOException e) {
                throw SyncException.configurationOf("cannot list " + found.get() + ": " + e.getMessage(), e);
            }
            if (!layout.keys().isEmpty()) {
                List<ColumnMeta> all = new java.util.ArrayList<>(columns);
                all.addAll(Partitions.columns(layout));
                return Optional.of(new TableMeta(null, name, all, null, -1, layout.keys()));
            }
        }
        return Optional.of(new TableMeta(null, name, columns));
    }

    /** The file or folder a table name refers to, relative to the datasource path's folder. */
    Optional<Path> locate(String table) {
        Path root = root();
        if (Files.isRegularFile(root)) {
            String file = root.getFileName().toString();
            return file.equals(table) || stem(file).equals(table) ? Optional.of(root) : Optional.empty();
        }
        Path direct = root.resolve(table);
        if (Files.exists(direct)) {
            return Optional.of(direct);
        }
        for (String ext : extensions) {
            Path p = root.resolve(table + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The file whose first records describe the table: the file itself, or the first data file of
     * a folder (the files the runtime reads, {@link DataFiles}) that is not empty.
     */
    static Optional<Path> firstFile(Path p) {
        if (Files.isRegularFile(p)) {
            return Optional.of(p);
        }
        try {
            List<Path> files = DataFiles.list(p);
            for (Path f : files) {
                if (Files.size(f) > 0) {
                    return Optional.of(f);
                }
            }
            return files.stream().findFirst();
        } catch (IOException e) {
            throw SyncException.configurationOf("cannot list " + p + ": " + e.getMessage(), e);
        }
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
