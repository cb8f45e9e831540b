package io.syncc.runtime.csv;

import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SplitSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Splits files by file and large files by byte ranges. The planned ranges depend only on the file
 * sizes and the chunk size (so ids and the fingerprint are known before any byte is read); their
 * starts are aligned to record boundaries by one sequential quote-parity scan per file, which runs
 * inside {@link #next()} just far enough to hand out the next split: readers start on the first
 * chunks while later boundaries are still being found.
 *
 * <p>Parity rule (shared with {@link CsvReader}): a newline ends a record when an even number of
 * quote characters has been seen since the record began. A doubled quote inside quotes toggles
 * twice, so it needs no special case.
 */
public final class CsvSplitSource implements SplitSource {

    /**
     * A file of the table.
     *
     * @param partition the values of the partition it is in, empty when the table is not partitioned
     */
    public record CsvFile(Path path, String name, long size, List<String> partition) {

        public CsvFile(Path path, String name, long size) {
            this(path, name, size, List.of());
        }
    }

    private final List<CsvFile> files;
    private final long chunk;
    private final CsvFormat format;
    private final String fingerprint;
    private final int expected;
    private final long totalBytes;

    private int fileIndex;
    private int chunkIndex;
    private Scan scan;

    public CsvSplitSource(List<CsvFile> files, long chunk, CsvFormat format) {
        this.files = List.copyOf(files);
        this.chunk = chunk;
        this.format = format;
        long total = 0;
        int n = 0;
        StringBuilder plan = new StringBuilder("csv;chunk=").append(chunk);
        for (CsvFile f : this.files) {
            total += f.size();
            n += chunks(f);
            plan.append(';').append(f.name()).append('=').append(f.size());
        }
        this.totalBytes = total;
        this.expected = n;
        this.fingerprint = io.syncc.runtime.util.Hashing.sha(plan.toString());
    }

    /** Byte ranges of a file: one for a compressed file (it cannot be entered in the middle). */
    private int chunks(CsvFile f) {
        return io.syncc.runtime.files.FileInput.compressed(f.path()) ? 1 : (int) Math.max(1, (f.size() + chunk - 1) / chunk);
    }

    @Override
    public synchronized Split next() throws IOException {
        while (fileIndex < files.size()) {
            CsvFile f = files.get(fileIndex);
            int n = chunks(f);
            if (chunkIndex >= n) {
                closeScan();
                fileIndex++;
                chunkIndex = 0;
                continue;
            }
            int k = chunkIndex++;
            long nominal = k * chunk;
            long end = k == n - 1 ? Long.MAX_VALUE : (k + 1) * chunk;
            long start;
            long line;
            if (k == 0) {
                closeScan();
                start = 0;
                line = 1;
            } else {
                if (scan == null) {
                    scan = new Scan(f.path(), format.quote());
                }
                scan.advanceTo(nominal);
                start = scan.recordStart;
                line = scan.recordLine;
            }
            long nominalEnd = end == Long.MAX_VALUE ? Math.max(f.size(), nominal) : end;
            return new CsvSplit(f.path(), f.name(), start, end, nominal, nominalEnd, line, format.header() && k == 0, f.partition());
        }
        return null;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int expectedSplits() {
        return expected;
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        closeScan();
    }

    private void closeScan() throws IOException {
        if (scan != null) {
            scan.channel.close();
            scan = null;
        }
    }

    /** Sequential boundary scan of one file; remembers where it stopped. */
    private static final class Scan {
        final FileChannel channel;
        final byte quote;
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long offset;            // file offset of the next unscanned byte
        boolean inQuotes;
        long recordStart;       // start of the most recent record boundary seen
        long lineBreaks;        // newlines seen so far (inside quoted fields too)
        long recordLine = 1;    // the 1-based line where the record at recordStart begins
        boolean eof;

        Scan(Path path, byte quote) throws IOException {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.quote = quote;
        }

        /**
         * Moves to the first record boundary at or after {@code target} (or the end of the file).
         * Eight bytes at a time: a word without quote or newline bytes costs a few instructions;
         * newlines before the target are only counted (line numbers), never visited one by one.
         */
        void advanceTo(long target) throws IOException {
            if (recordStart >= target) {
                return;
            }
            byte[] a = buffer.array();
            long quotes = Swar.broadcast(quote);
            long newlines = Swar.broadcast((byte) '\n');
            while (!eof) {
                buffer.clear();
                int n = channel.read(buffer, offset);
                if (n <= 0) {
                    eof = true;
                    break;
                }
                boolean q = inQuotes;
                for (int i = 0; i < n; i += 8) {
                    long w = Swar.wordAt(a, i, n);
                    long valid = Swar.valid(i, n);
                    long qm = Swar.eq(w, quotes) & valid;
                    long nm = Swar.eq(w, newlines) & valid;
                    if (qm == 0) {
                        if (q || nm == 0) {
                            lineBreaks += Long.bitCount(nm);
                            continue; // nothing, or newlines inside a quoted field
                        }
                        if (offset + i + 8 < target) {
                            // every boundary in this word is before the target: count them, remember the last
                            lineBreaks += Long.bitCount(nm);
                            recordLine = lineBreaks + 1;
                            recordStart = offset + i + (63 - Long.numberOfLeadingZeros(nm) >>> 3) + 1;
                            continue;
                        }
                    }
                    for (long m = qm | nm; m != 0; m &= m - 1) {
                        int k = i + Swar.first(m);
                        if (a[k] == quote) {
                            q = !q;
                        } else {
                            lineBreaks++;
                            if (!q && boundary(offset + k + 1, target)) {
                                return;
                            }
                        }
                    }
                }
                inQuotes = q;
                offset += n;
            }
            recordStart = Math.max(recordStart, offset);
            if (recordStart < target) {
                recordStart = Math.max(target, offset);
            }
        }

        /** A record starts at {@code at}; true (and the scan stops there) when it is the one wanted. */
        private boolean boundary(long at, long target) {
            recordStart = at;
            recordLine = lineBreaks + 1;
            if (at >= target) {
                inQuotes = false;
                offset = at;
                return true;
            }
            return false;
        }
    }
}
