package io.syncc.runtime.plan;

import java.util.Objects;

/**
 * A folder (or single file) of delimited text files.
 *
 * @param name       declared name
 * @param path       absolute path of the file or folder
 * @param header     whether the first record of each file is a header
 * @param delimiter  field delimiter (default {@code ,})
 * @param quote      quote character (default {@code "}); a doubled quote inside quotes is one quote
 * @param nullMarker the unquoted field text that means SQL NULL (default: the empty string)
 * @param encoding   character set name (default UTF-8); must be ASCII-compatible for byte-range splits
 * @param maxFieldBytes the longest quoted field accepted; a longer one (typically a stray quote that
 *                   swallows the following records) fails the job with its location
 */
public record CsvDatasourcePlan(
        String name,
        String path,
        boolean header,
        char delimiter,
        char quote,
        String nullMarker,
        String encoding,
        int maxFieldBytes) implements FileDatasourcePlan {

    /** The default {@code max_field_size}: 1 MiB. */
    public static final int DEFAULT_MAX_FIELD_BYTES = 1 << 20;

    public CsvDatasourcePlan(String name, String path, boolean header, char delimiter, char quote, String nullMarker, String encoding) {
        this(name, path, header, delimiter, quote, nullMarker, encoding, DEFAULT_MAX_FIELD_BYTES);
    }

    public CsvDatasourcePlan {
        if (maxFieldBytes <= 0) {
            throw new IllegalArgumentException("maxFieldBytes must be > 0");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nullMarker, "nullMarker");
        Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String type() {
        return "csv";
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String extension() {
        return ".csv";
    }
}
