package io.syncc.runtime.files;

import io.syncc.runtime.plan.SinkColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV with a header, as {@code psql \copy ... (FORMAT csv, HEADER true)} reads it back:
 * NULL is an empty unquoted field, the empty string is {@code ""}; fields holding the delimiter, a
 * quote, CR or LF are quoted (quotes doubled), and so is {@code \.}, which psql would take for the
 * end of the data.
 */
public final class CsvRowFormat implements RowFormat {

    private final char delimiter;
    private final char quote;

    public CsvRowFormat(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    public String header(List<SinkColumn> columns) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            b.append(i == 0 ? "" : String.valueOf(delimiter)).append(field(columns.get(i).name()));
        }
        return b.append('\n').toString();
    }

    @Override
    public void write(Writer out, List<SinkColumn> columns, String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            if (values[i] != null) {
                out.write(field(values[i]));
            }
        }
        out.write('\n');
    }

    private String field(String v) {
        boolean quoted = v.isEmpty() || v.equals("\\.");
        for (int i = 0; i < v.length() && !quoted; i++) {
            char c = v.charAt(i);
            quoted = c == delimiter || c == quote || c == '\n' || c == '\r';
        }
        if (!quoted) {
            return v;
        }
        String q = String.valueOf(quote);
        return q + v.replace(q, q + q) + q;
    }
}
