package io.syncc.runtime.csv;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.files.FileTables;
import io.syncc.runtime.files.TypeVotes;
import io.syncc.runtime.types.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Metadata of delimited files: the tables are files with one of {@link #EXTENSIONS} or folders of
 * them ({@link FileTables}). Column names come from the header (or {@code c1, c2, ...} without
 * one); types are inferred from the first {@value FileTables#SAMPLE_ROWS} records
 * ({@link TypeVotes}: the narrowest of integer, bigint, double precision, boolean, date,
 * timestamp that every non-null value fits, else text).
 */
public final class CsvMetadata {

    /** What a table name may leave out, in the order tried. */
    public static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".txt");

    private CsvMetadata() {
    }

    /** The tables of a CSV datasource. */
    public static FileTables of(CsvDatasourcePlan ds) {
        return new FileTables(ds, EXTENSIONS, file -> columns(ds, file));
    }

    /** A header's column names: stripped, a UTF-8 byte order mark left out, an empty one {@code cN}. */
    static List<String> headerNames(List<String> fields) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String n = fields.get(i).strip();
            if (i == 0 && n.startsWith("\uFEFF")) {
                n = n.substring(1);
            }
            names.add(n.isEmpty() ? "c" + (i + 1) : n);
        }
        return names;
    }

    /** The column names of a file's header (its first record), as {@link #columns} names them. */
    static List<String> header(Path file, char delimiter, char quote, java.nio.charset.Charset charset) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(io.syncc.runtime.files.FileInput.stream(file), charset))) {
            CsvSampler.Record first = new CsvSampler(r, delimiter, quote).next();
            return first == null ? List.of() : headerNames(first.fields());
        }
    }

    /** The columns of one CSV file: names from its header (or {@code c1, c2, ...}), types from its first records. */
    public static List<ColumnMeta> columns(CsvDatasourcePlan ds, Path file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(io.syncc.runtime.files.FileInput.stream(file), Charset.forName(ds.encoding())))) {
            CsvSampler sampler = new CsvSampler(r, ds.delimiter(), ds.quote());
            CsvSampler.Record first = sampler.next();
            if (first == null) {
                throw SyncException.configurationOf("file " + file + " is empty");
            }
            List<String> names = new ArrayList<>();
            List<CsvSampler.Record> sample = new ArrayList<>();
            if (ds.header()) {
                names.addAll(headerNames(first.fields()));
            } else {
                for (int i = 0; i < first.fields().size(); i++) {
                    names.add("c" + (i + 1));
                }
                sample.add(first);
            }
            CsvSampler.Record rec;
            while (sample.size() < FileTables.SAMPLE_ROWS && (rec = sampler.next()) != null) {
                sample.add(rec);
            }
            List<ColumnMeta> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                TypeVotes votes = inferColumn(sample, i, ds.nullMarker());
                SqlType type = votes.type();
                columns.add(new ColumnMeta(names.get(i), type.sql(), type, true, false, 0, "inferred: " + votes.explain()));
            }
            return columns;
        } catch (SyncException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw SyncException.configurationOf("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static TypeVotes inferColumn(List<CsvSampler.Record> sample, int index, String nullMarker) {
        TypeVotes votes = new TypeVotes();
        for (CsvSampler.Record r : sample) {
            if (index >= r.fields().size()) {
                continue;
            }
            String v = r.fields().get(index);
            if (!r.quoted().get(index) && v.equals(nullMarker)) {
                continue;
            }
            votes.addText(v);
        }
        return votes;
    }
}
