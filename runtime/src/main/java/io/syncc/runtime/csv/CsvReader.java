package io.syncc.runtime.csv;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SyncException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the records of one {@link CsvSplit} with large positional reads into a byte buffer that
 * grows only for records longer than it. Records are found with the same quote-parity rule as the
 * boundary scan; a trailing {@code \r} is dropped; empty lines are skipped.
 */
final class CsvReader<S> implements SplitReader<S> {

    static final int BUFFER = 1 << 20;

    private final CsvSplit split;
    private final io.syncc.runtime.files.FileInput channel;
    private final CsvRowDecoder<S> decoder;
    private final DirtyListener dirty;
    private final int fieldCount;
    private final ByteCsvRecord record;
    private final CsvFormat format;

    private byte[] buf;
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    private long line;          // the line where the next record starts
    private long recordLine;    // the line where the last record started
    private long recordEndLine; // the line where it ended
    private boolean headerPending;
    private long records;
    private long bytes;
    /** CRC-32C of the bytes consumed: with their offset and length, the split's {@link #signature()}. */
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    /** Consumed bytes from here to {@code pos} are not in {@link #crc} yet (it is updated a buffer at a time). */
    private int crcFrom;

    CsvReader(CsvSplit split, CsvFormat format, CsvRowDecoder<S> decoder, int fieldCount, DirtyListener dirty)
            throws IOException {
        this(split, format, decoder, fieldCount, dirty, BUFFER);
    }

    /** @param bufferSize the initial read buffer (tests use tiny ones to cross buffer ends often) */
    CsvReader(CsvSplit split, CsvFormat format, CsvRowDecoder<S> decoder, int fieldCount, DirtyListener dirty, int bufferSize)
            throws IOException {
        this(split, format, decoder, fieldCount, dirty, bufferSize, null);
    }

    /** @param order where this file holds each of the table's columns (its header orders them otherwise), or {@code null} */
    CsvReader(CsvSplit split, CsvFormat format, CsvRowDecoder<S> decoder, int fieldCount, DirtyListener dirty, int bufferSize,
              int[] order)
            throws IOException {
        this.buf = new byte[bufferSize];
        this.split = split;
        this.channel = io.syncc.runtime.files.FileInput.open(split.file());
        this.decoder = decoder;
        this.dirty = dirty;
        this.fieldCount = fieldCount;
        this.record = new ByteCsvRecord(format);
        this.format = format;
        this.bufOffset = split.start();
        this.line = split.firstLine();
        this.headerPending = split.skipHeader();
        this.utf8 = format.charset().name().equals("UTF-8");
        this.partitioned = split.partition().isEmpty() && order == null ? null
                : new io.syncc.runtime.files.PartitionedRecord(fieldCount, order, split.partition());
    }

    private final boolean utf8;
    private boolean bomChecked;
    /** The file's records with its partition's values after their fields, or {@code null} outside partitions. */
    private final io.syncc.runtime.files.PartitionedRecord partitioned;

    @Override
    public boolean next(S row) throws IOException {
        while (true) {
            if (bufOffset + pos >= split.end()) {
                return false;
            }
            if (!bomChecked) {
                skipByteOrderMark();
            }
            int end;
            while ((end = pos == limit && eof ? -2 : record.parse(buf, pos, limit, eof, line)) == -1) {
                fill();
            }
            if (end == -2) {
                return false;
            }
            if (end == ByteCsvRecord.UNTERMINATED || end == ByteCsvRecord.TOO_LONG) {
                throw runawayQuote(end == ByteCsvRecord.UNTERMINATED);
            }
            int start = pos;
            int next = end < limit ? end + 1 : end;
            bytes += next - start;
            pos = next;
            recordLine = line;
            recordEndLine = line + record.innerNewlines();
            line = recordEndLine + 1;
            if (headerPending) {
                headerPending = false;
                continue;
            }
            if (record.emptyLine() && fieldCount != 1) {
                continue;
            }
            records++;
            String stray = record.strayQuote();
            if (stray != null) {
                if (record.innerNewlines() > 0) { // it took a quote of a later line as its closing one
                    lastStrayQuote = record.strayQuoteAt();
                }
                dirty.dirty(split.id(), location(), null, record.rawFields(), stray);
                continue;
            }
            if (record.fieldCount() != fieldCount) {
                dirty.dirty(split.id(), location(), null, record.rawFields(),
                        "expected " + fieldCount + " fields but the record has " + record.fieldCount());
                continue;
            }
            try {
                decoder.decode(partitioned == null ? record : partitioned.of(record), row);
                return true;
            } catch (ConversionException e) {
                dirty.dirty(split.id(), location(), null, partitioned == null ? record.rawFields() : partitioned.rawFields(record.rawFields()),
                        e.getMessage());
            }
        }
    }

    /** Where the last record with a quote inside unquoted text had it, or {@code null}. */
    private String lastStrayQuote;

    /**
     * A quoted field that never closes would swallow every record after it into one field: the
     * job stops with where the quote opened instead of reporting fewer records than the file has.
     */
    private SyncException runawayQuote(boolean atEnd) {
        String where = split.name() + " line " + line;
        String quote = "the quote at " + ByteCsvRecord.lineAndColumn(buf, pos, line, record.quoteOpen(), format.charset());
        // an earlier stray quote takes the next quote as its closing one: the quote left open may be a right one
        String earlier = lastStrayQuote == null ? "" : " (the quote inside unquoted text at " + lastStrayQuote
                + ", a dirty record, took a later quote as its closing one and may have left this one open)";
        return new SyncException(SyncException.Kind.DATA, atEnd
                ? where + ": " + quote + " is never closed, so the rest of the file would be one field" + earlier + "; "
                        + "a stray quote? Fix the file or choose a quote character the data does not use"
                : where + ": " + quote + " opens a field longer than max_field_size (" + format.maxFieldBytes()
                        + " bytes); a stray quote? Fix the file, or raise max_field_size of the datasource if the field is real");
    }

    /** A UTF-8 byte order mark at the start of a file is not data. */
    private void skipByteOrderMark() throws IOException {
        bomChecked = true;
        while (limit - pos < 3 && !eof) {
            fill();
        }
        if (utf8 && bufOffset == 0 && pos == 0 && limit >= 3
                && buf[0] == (byte) 0xef && buf[1] == (byte) 0xbb && buf[2] == (byte) 0xbf) {
            pos = 3;
            bytes += 3;
        }
    }

    /**
     * Reads more of the file after the unconsumed bytes: moves them to the front of the buffer
     * (doubling it only when one record is longer than the whole buffer) and fills the rest.
     */
    private void fill() throws IOException {
        crc.update(buf, crcFrom, pos - crcFrom);
        crcFrom = pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            bufOffset += pos;
            pos = 0;
            crcFrom = 0;
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

    /** {@code data.csv line 12}, or {@code data.csv lines 12-14} for a record with quoted newlines. */
    @Override
    public String location() {
        return split.name() + (recordEndLine == recordLine ? " line " + recordLine : " lines " + recordLine + "-" + recordEndLine);
    }

    /** {@code bytes START+LENGTH crc32c HEX}: where the records read are in the file, and their checksum. */
    @Override
    public String signature() {
        crc.update(buf, crcFrom, pos - crcFrom);
        crcFrom = pos;
        return signature(split.start(), bytes, crc.getValue());
    }

    static String signature(long start, long length, long crc32c) {
        return "bytes " + start + "+" + length + " crc32c " + Long.toHexString(crc32c);
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
