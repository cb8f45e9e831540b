package io.syncc.runtime.jsonl;

import io.syncc.runtime.files.TextRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.csv.CsvSplit;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.SplitReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the lines of one byte range of a JSON Lines file (every line that starts before the
 * range's end). Each line is one JSON object: keys the job uses become fields (scalars as their
 * JSON text, nested objects and arrays as compact JSON), missing keys are NULL, other keys are
 * skipped. A line that is not a JSON object, or not valid UTF-8, is a dirty row with its reason.
 */
final class JsonlReader<S> implements SplitReader<S> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int BUFFER = 1 << 20;

    private final CsvSplit split;
    private final io.syncc.runtime.files.FileInput channel;
    private final CsvRowDecoder<S> decoder;
    private final DirtyListener dirty;
    private final Map<String, Integer> fields;
    private final TextRecord record;
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();

    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    private long line;
    private long recordLine;
    private long records;
    private long bytes;

    /** Where the partition values go in the record: after the file's fields. */
    private final int partitionAt;

    /** @param fileFields the fields of the file's objects; partition values follow them */
    JsonlReader(CsvSplit split, Map<String, Integer> fields, int fieldCount, int fileFields, CsvRowDecoder<S> decoder, DirtyListener dirty)
            throws IOException {
        this.partitionAt = fileFields;
        this.split = split;
        this.fields = fields;
        this.decoder = decoder;
        this.dirty = dirty;
        this.record = new TextRecord(fieldCount);
        this.channel = io.syncc.runtime.files.FileInput.open(split.file());
        this.bufOffset = split.start();
        this.line = split.firstLine();
    }

    @Override
    public boolean next(S row) throws IOException {
        while (true) {
            if (bufOffset + pos >= split.end()) {
                return false;
            }
            int nl;
            while ((nl = newline()) < 0 && !eof) {
                fill();
            }
            if (nl < 0 && pos == limit) {
                return false;
            }
            int end = nl < 0 ? limit : nl;
            int next = nl < 0 ? limit : nl + 1;
            int start = pos;
            crc.update(buf, start, next - start);
            bytes += next - start;
            pos = next;
            recordLine = line++;
            int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            if (blank(start, stop)) {
                continue;
            }
            records++;
            try {
                parse(start, stop);
                decoder.decode(record, row);
                return true;
            } catch (JsonProcessingException e) {
                dirty.dirty(split.id(), location(), null, new String[] {text(start, stop)},
                        "not a JSON object: " + e.getOriginalMessage());
            } catch (ConversionException e) {
                dirty.dirty(split.id(), location(), null, record.values(), e.getMessage());
            }
        }
    }

    private int newline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean blank(int start, int stop) {
        for (int i = start; i < stop; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private String text(int start, int stop) {
        return new String(buf, start, Math.min(stop - start, 4096), StandardCharsets.UTF_8);
    }

    /** One line into the record: the keys the job reads, by position. */
    private void parse(int start, int stop) throws IOException {
        record.clear(recordLine);
        try (JsonParser p = JSON.createParser(buf, start, stop - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseProblem(p, "the line starts with " + p.currentToken() + ", not an object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Integer field = fields.get(p.currentName());
                JsonToken v = p.nextToken();
                if (field == null) {
                    p.skipChildren();
                    continue;
                }
                record.set(field, value(p, v));
            }
            for (int i = 0; i < split.partition().size() && partitionAt + i < record.fieldCount(); i++) {
                record.set(partitionAt + i, split.partition().get(i)); // the folder's value, whatever the object holds
            }
            if (t != JsonToken.END_OBJECT) {
                throw new JsonParseProblem(p, "unexpected " + t);
            }
            if (p.nextToken() != null) {
                throw new JsonParseProblem(p, "more than one JSON value on the line");
            }
        }
    }

    private static String value(JsonParser p, JsonToken v) throws IOException {
        switch (v) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case START_OBJECT:
            case START_ARRAY:
                StringWriter w = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(w)) {
                    g.copyCurrentStructure(p);
                }
                return w.toString();
            default:
                return p.getText();
        }
    }

    /** A line that parses as JSON but is not one object. */
    private static final class JsonParseProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(JsonParser p, String message) {
            super(message, p.currentLocation());
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            bufOffset += pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit), bufOffset + limit);
        if (n <= 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public String location() {
        return split.name() + " line " + recordLine;
    }

    @Override
    public String signature() {
        return io.syncc.runtime.csv.CsvSource.signature(split.start(), bytes, crc.getValue());
    }

    @Override
    public long recordsRead() {
        return records;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
