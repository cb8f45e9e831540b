package io.syncc.runtime.postgres;

import java.util.zip.CRC32C;

/**
 * What a split's rows were, as the COPY tuples the server sent (binary; text in runs recorded by
 * builds before binary reads): their count, and the sum and the exclusive or of
 * each row's CRC-32C. Order does not matter (a scan may return rows in another order, e.g. a
 * synchronised sequential scan), any change to one row changes both checksums.
 */
final class RowsDigest {

    /** Signatures of COPY text rows. */
    static final String PREFIX = "rows ";
    /** Signatures of binary COPY tuples. */
    static final String BINARY_PREFIX = "binary rows ";

    private final String prefix;

    private RowsDigest(String prefix) {
        this.prefix = prefix;
    }

    static RowsDigest binary() {
        return new RowsDigest(BINARY_PREFIX);
    }

    static RowsDigest text() {
        return new RowsDigest(PREFIX);
    }

    private final CRC32C crc = new CRC32C();
    private long rows;
    private long sum;
    private long xor;

    void add(byte[] row, int offset, int length) {
        crc.reset();
        crc.update(row, offset, length);
        long v = crc.getValue();
        rows++;
        sum += v;
        xor ^= v;
    }

    long rows() {
        return rows;
    }

    /** {@code [binary ]rows N crc32c-sum HEX xor HEX}. */
    String signature() {
        return prefix + rows + " crc32c-sum " + Long.toHexString(sum) + " xor " + Long.toHexString(xor);
    }

    /** The row count of a {@link #signature()}. */
    static long rows(String signature) {
        String[] p = signature.split(" ");
        return Long.parseLong(p[signature.startsWith(BINARY_PREFIX) ? 2 : 1]);
    }
}
