package io.syncc.runtime.csv;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.meta.TableMeta;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.types.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Metadata of delimited files: a table is a file under the datasource path ({@code bank_data}
 * finds {@code bank_data.csv}, {@code .tsv} or {@code .txt}) or a sub-folder of such files (its data
 * files as the runtime reads them: {@link DataFiles}).
 * Column names come from the header (or {@code c1, c2, ...} without one); types are inferred
 * from the first {@value #SAMPLE_ROWS} records: the narrowest of integer, bigint, double
 * precision, boolean, date, timestamp that every non-null value fits, else text.
 */
public final class CsvMetadata {

    public static final int SAMPLE_ROWS = 1000;
    private static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".txt");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    /** The file or folder a table name refers to, relative to the datasource path's folder. */
    public Optional<Path> locate(FileDatasourcePlan ds, String table) {
        Path root = Path.of(ds.path());
        if (Files.isRegularFile(root)) {
            String file = root.getFileName().toString();
            return file.equals(table) || stem(file).equals(table) ? Optional.of(root) : Optional.empty();
        }
        Path direct = root.resolve(table);
        if (Files.exists(direct)) {
            return Optional.of(direct);
        }
        for (String ext : ds instanceof CsvDatasourcePlan ? EXTENSIONS : List.of(ds.extension())) {
            Path p = root.resolve(table + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<TableMeta> table(CsvDatasourcePlan ds, String table) {
        Optional<Path> found = locate(ds, table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path first = firstFile(found.get())
                .orElseThrow(() -> SyncException.configurationOf("folder " + found.get() + " holds no data file"
                        + " (markers such as _SUCCESS, .crc checksums and hidden files are not data)"));
        String name = Files.isRegularFile(Path.of(ds.path())) ? found.get().getFileName().toString()
                : Path.of(ds.path()).relativize(found.get()).toString();
        return Optional.of(new TableMeta(null, name, infer(ds, first)));
    }

    public List<String> tables(FileDatasourcePlan ds) {
        Path root = Path.of(ds.path());
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

    /**
     * The file whose header and first records describe the table: the file itself, or the first
     * data file of a folder (the files the runtime reads, {@link DataFiles}) that is not empty.
     */
    public static Optional<Path> firstFile(Path p) {
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

    private static List<ColumnMeta> infer(CsvDatasourcePlan ds, Path file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), Charset.forName(ds.encoding())))) {
            CsvSampler sampler = new CsvSampler(r, ds.delimiter(), ds.quote());
            CsvSampler.Record first = sampler.next();
            if (first == null) {
                throw SyncException.configurationOf("file " + file + " is empty");
            }
            List<String> names = new ArrayList<>();
            List<CsvSampler.Record> sample = new ArrayList<>();
            if (ds.header()) {
                for (int i = 0; i < first.fields().size(); i++) {
                    String n = first.fields().get(i).strip();
                    if (i == 0 && n.startsWith("\uFEFF")) {
                        n = n.substring(1);
                    }
                    names.add(n.isEmpty() ? "c" + (i + 1) : n);
                }
            } else {
                for (int i = 0; i < first.fields().size(); i++) {
                    names.add("c" + (i + 1));
                }
                sample.add(first);
            }
            CsvSampler.Record rec;
            while (sample.size() < SAMPLE_ROWS && (rec = sampler.next()) != null) {
                sample.add(rec);
            }
            List<ColumnMeta> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                SqlType type = inferColumn(sample, i, ds.nullMarker());
                columns.add(new ColumnMeta(names.get(i), type.sql(), type, true, false, 0));
            }
            return columns;
        } catch (SyncException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw SyncException.configurationOf("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SqlType inferColumn(List<CsvSampler.Record> sample, int index, String nullMarker) {
        boolean integer = true;
        boolean bigint = true;
        boolean decimal = true;
        boolean bool = true;
        boolean date = true;
        boolean timestamp = true;
        int seen = 0;
        for (CsvSampler.Record r : sample) {
            if (index >= r.fields().size()) {
                continue;
            }
            String v = r.fields().get(index);
            if (!r.quoted().get(index) && v.equals(nullMarker)) {
                continue;
            }
            seen++;
            String t = v.strip();
            boolean isInt = INTEGER.matcher(t).matches();
            if (isInt) {
                long l = Long.parseLong(t);
                integer &= l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            } else {
                integer = false;
                bigint = false;
            }
            decimal &= isInt || DECIMAL.matcher(t).matches();
            String lower = t.toLowerCase(Locale.ROOT);
            bool &= lower.equals("true") || lower.equals("false");
            date &= DATE.matcher(t).matches();
            timestamp &= TIMESTAMP.matcher(t).matches() || DATE.matcher(t).matches();
        }
        if (seen == 0) {
            return SqlType.of(SqlType.Kind.TEXT);
        }
        if (integer) {
            return SqlType.of(SqlType.Kind.INTEGER);
        }
        if (bigint) {
            return SqlType.of(SqlType.Kind.BIGINT);
        }
        if (decimal) {
            return SqlType.of(SqlType.Kind.DOUBLE);
        }
        if (bool) {
            return SqlType.of(SqlType.Kind.BOOLEAN);
        }
        if (date) {
            return SqlType.of(SqlType.Kind.DATE);
        }
        if (timestamp) {
            return SqlType.of(SqlType.Kind.TIMESTAMP);
        }
        return SqlType.of(SqlType.Kind.TEXT);
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
