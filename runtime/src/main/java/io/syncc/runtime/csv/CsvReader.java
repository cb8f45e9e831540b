package io.syncc.runtime.csv;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.SplitReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one {@link CsvSplit} with large positional reads into a byte buffer that
 * grows only for records longer than it. Records are found with the same quote-parity rule as the
 * boundary scan; a trailing {@code \r} is dropped; empty lines are skipped.
 */
final class CsvReader<S> implements SplitReader<S> {

    private static final int BUFFER = 1 << 20;

    private final CsvSplit split;
    private final FileChannel channel;
    private final CsvRowDecoder<S> decoder;
    private final DirtyListener dirty;
    private final int fieldCount;
    private final byte quote;
    private final ByteCsvRecord record;

    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    private long recordNumber;
    private boolean headerPending;
    private long records;
    private long bytes;

    CsvReader(CsvSplit split, CsvFormat format, CsvRowDecoder<S> decoder, int fieldCount, DirtyListener dirty)
            throws IOException {
        this.split = split;
        this.channel = FileChannel.open(split.file(), StandardOpenOption.READ);
        this.decoder = decoder;
        this.dirty = dirty;
        this.fieldCount = fieldCount;
        this.quote = format.quote();
        this.record = new ByteCsvRecord(format);
        this.bufOffset = split.start();
        this.recordNumber = split.firstRecord() - 1;
        this.headerPending = split.skipHeader();
        this.utf8 = format.charset().name().equals("UTF-8");
    }

    private final boolean utf8;
    private boolean bomChecked;

    @Override
    public boolean next(S row) throws IOException {
        while (true) {
            if (bufOffset + pos >= split.end()) {
                return false;
            }
            int end = findEnd();
            if (end < 0) {
                return false;
            }
            if (!bomChecked) {
                bomChecked = true;
                if (utf8 && bufOffset == 0 && pos == 0 && end >= 3
                        && buf[0] == (byte) 0xef && buf[1] == (byte) 0xbb && buf[2] == (byte) 0xbf) {
                    pos = 3; // a UTF-8 byte order mark is not data
                    bytes += 3;
                }
            }
            int start = pos;
            int next = end < limit ? end + 1 : end;
            bytes += next - start;
            pos = next;
            recordNumber++;
            int contentEnd = end;
            if (contentEnd > start && buf[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            if (contentEnd == start && fieldCount != 1) {
                continue;
            }
            records++;
            record.parse(buf, start, contentEnd, recordNumber);
            if (record.fieldCount() != fieldCount) {
                dirty.dirty(split.id(), location(), null, record.rawFields(),
                        "expected " + fieldCount + " fields but the record has " + record.fieldCount());
                continue;
            }
            try {
                decoder.decode(record, row);
                return true;
            } catch (ConversionException e) {
                dirty.dirty(split.id(), location(), null, record.rawFields(), e.getMessage());
            }
        }
    }

    /** Index of the record's terminating newline, {@code limit} for a last record without one, -1 at the end. */
    private int findEnd() throws IOException {
        int i = pos;
        boolean inQ = false;
        byte q = quote;
        while (true) {
            byte[] b = buf;
            int lim = limit;
            for (; i < lim; i++) {
                byte c = b[i];
                if (c == q) {
                    inQ = !inQ;
                } else if (c == '\n' && !inQ) {
                    return i;
                }
            }
            if (eof) {
                return pos < limit ? limit : -1;
            }
            int scanned = i - pos;
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
            i = pos + scanned;
        }
    }

    @Override
    public String location() {
        return split.name() + " record " + recordNumber;
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
