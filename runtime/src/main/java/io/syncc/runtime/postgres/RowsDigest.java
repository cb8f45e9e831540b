package io.syncc.runtime.postgres;

import java.util.zip.CRC32C;

/**
 * What a split's rows were, as COPY text rows: their count, and the sum and the exclusive or of
 * each row's CRC-32C. Order does not matter (a scan may return rows in another order, e.g. a
 * synchronised sequential scan), any change to one row changes both checksums.
 */
final class RowsDigest {

    static final String PREFIX = "rows ";

    private final CRC32C crc = new CRC32C();
    private long rows;
    private long sum;
    private long xor;

    void add(byte[] row) {
        crc.reset();
        crc.update(row, 0, row.length);
        long v = crc.getValue();
        rows++;
        sum += v;
        xor ^= v;
    }

    long rows() {
        return rows;
    }

    /** {@code rows N crc32c-sum HEX xor HEX}. */
    String signature() {
        return PREFIX + rows + " crc32c-sum " + Long.toHexString(sum) + " xor " + Long.toHexString(xor);
    }

    /** The row count of a {@link #signature()}. */
    static long rows(String signature) {
        String[] p = signature.split(" ");
        return Long.parseLong(p[1]);
    }
}
