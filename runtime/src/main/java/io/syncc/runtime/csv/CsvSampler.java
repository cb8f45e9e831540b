package io.syncc.runtime.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first records of a delimited file for schema inference (RFC 4180: quoted fields may
 * hold delimiters, doubled quotes and newlines). Not the runtime reader: this one favours
 * simplicity over speed and stops after a few records.
 */
final class CsvSampler {

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private int pending = -2;

    CsvSampler(Reader in, char delimiter, char quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** The next record as fields, {@code quoted[i]} telling whether field i was quoted; null at end of input. */
    Record next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                quoted.add(wasQuoted);
                return new Record(fields, quoted);
            }
            char ch = (char) c;
            if (inQuotes) {
                if (ch == quote) {
                    int n = read();
                    if (n == quote) {
                        field.append(quote);
                    } else {
                        inQuotes = false;
                        unread(n);
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == quote && field.length() == 0) {
                inQuotes = true;
                wasQuoted = true;
            } else if (ch == delimiter) {
                fields.add(field.toString());
                quoted.add(wasQuoted);
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                fields.add(field.toString());
                quoted.add(wasQuoted);
                return new Record(fields, quoted);
            } else {
                field.append(ch);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int p = pending;
            pending = -2;
            return p;
        }
        return in.read();
    }

    private void unread(int c) {
        pending = c;
    }

    record Record(List<String> fields, List<Boolean> quoted) {
    }
}
