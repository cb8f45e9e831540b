package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.PgTextRecord;
import io.syncc.runtime.spi.SyncException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * One row of {@code COPY ... TO STDOUT} in text format, viewed in place: fields are separated by
 * tabs, {@code \N} is NULL, and backslash escapes ({@code \b \f \n \r \t \v \\}, octal {@code \ooo},
 * hex {@code \xhh}, any other escaped byte as itself) are undone only when a field is read, into a
 * reused scratch buffer. {@link #reset} allocates nothing once the field arrays are big enough;
 * numeric getters parse the bytes without making Strings. The server sends one row per CopyData
 * message, ending in a newline (raw tabs and newlines in values are always escaped).
 */
final class CopyTextRecord implements PgTextRecord {

    private byte[] row;
    private int fields;
    private int[] start = new int[16];
    private int[] end = new int[16];
    private boolean[] escaped = new boolean[16];
    private byte[] scratch = new byte[256];

    /** Views {@code b[0, len)}, one row with its trailing newline; the array must not change until the next reset. */
    void reset(byte[] b, int len) {
        if (len == 0 || b[len - 1] != '\n') {
            throw new SyncException(SyncException.Kind.INTERNAL, "COPY text row does not end with a newline");
        }
        row = b;
        int limit = len - 1;
        int n = 0;
        int s = 0;
        boolean esc = false;
        for (int i = 0; i <= limit; i++) {
            if (i == limit || b[i] == '\t') {
                if (n == start.length) {
                    grow();
                }
                start[n] = s;
                end[n] = i;
                escaped[n] = esc;
                n++;
                s = i + 1;
                esc = false;
            } else if (b[i] == '\\') {
                esc = true;
                i++; // the escaped byte is never a delimiter
            }
        }
        fields = n;
    }

    private void grow() {
        int size = start.length * 2;
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        escaped = Arrays.copyOf(escaped, size);
    }

    @Override
    public int fieldCount() {
        return fields;
    }

    @Override
    public boolean isNull(int field) {
        return end[field] - start[field] == 2 && row[start[field]] == '\\' && row[start[field] + 1] == 'N';
    }

    /** Undoes the escapes of {@code field} into {@code scratch}; returns the length. */
    private int unescape(int field) {
        int s = start[field];
        int e = end[field];
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        byte[] b = row;
        int o = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 >= e) {
                scratch[o++] = c;
                continue;
            }
            byte x = b[++i];
            switch (x) {
                case 'b' -> scratch[o++] = '\b';
                case 'f' -> scratch[o++] = '\f';
                case 'n' -> scratch[o++] = '\n';
                case 'r' -> scratch[o++] = '\r';
                case 't' -> scratch[o++] = '\t';
                case 'v' -> scratch[o++] = 0x0B;
                case 'x' -> {
                    if (i + 1 < e && hex(b[i + 1]) >= 0) {
                        int v = hex(b[++i]);
                        if (i + 1 < e && hex(b[i + 1]) >= 0) {
                            v = v * 16 + hex(b[++i]);
                        }
                        scratch[o++] = (byte) v;
                    } else {
                        scratch[o++] = 'x';
                    }
                }
                default -> {
                    if (x >= '0' && x <= '7') {
                        int v = x - '0';
                        for (int k = 0; k < 2 && i + 1 < e && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) {
                            v = v * 8 + (b[++i] - '0');
                        }
                        scratch[o++] = (byte) v;
                    } else {
                        scratch[o++] = x;
                    }
                }
            }
        }
        return o;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public String text(int field) {
        if (!escaped[field]) {
            return new String(row, start[field], end[field] - start[field], StandardCharsets.UTF_8);
        }
        int n = unescape(field);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /** The field's text, or null for NULL (dirty-record files). */
    String raw(int field) {
        return isNull(field) ? null : text(field);
    }

    @Override
    public boolean bool(int field) {
        int s = start[field];
        if (end[field] - s == 1) {
            if (row[s] == 't') {
                return true;
            }
            if (row[s] == 'f') {
                return false;
            }
        }
        throw malformed(field, "boolean");
    }

    @Override
    public short int16(int field) {
        return (short) int64(field);
    }

    @Override
    public int int32(int field) {
        return (int) int64(field);
    }

    /** Integer output text: an optional minus and digits (accumulated negatively, so the minimum fits). */
    @Override
    public long int64(int field) {
        int i = start[field];
        int e = end[field];
        boolean negative = i < e && row[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= e || e - i > 19) {
            throw malformed(field, "integer");
        }
        long v = 0;
        for (; i < e; i++) {
            int d = row[i] - '0';
            if (d < 0 || d > 9) {
                throw malformed(field, "integer");
            }
            v = v * 10 - d;
        }
        if (!negative && v == Long.MIN_VALUE) {
            throw malformed(field, "integer");
        }
        return negative ? v : -v;
    }

    /** As pgjdbc's text {@code getFloat}: {@link Float#parseFloat} of the server's shortest exact text. */
    @Override
    public float float32(int field) {
        return Float.parseFloat(ascii(field));
    }

    /** As pgjdbc's text {@code getDouble}: {@link Double#parseDouble} ("NaN", "Infinity", "-Infinity", "-0" included). */
    @Override
    public double float64(int field) {
        return Double.parseDouble(ascii(field));
    }

    @Override
    public UUID uuid(int field) {
        return UUID.fromString(ascii(field));
    }

    /** Hex output ({@code bytea_output = hex}): {@code \x} then two digits a byte; COPY doubles the backslash. */
    @Override
    public byte[] bytea(int field) {
        int n = unescape(field);
        if (n < 2 || scratch[0] != '\\' || scratch[1] != 'x' || (n & 1) != 0) {
            throw malformed(field, "bytea");
        }
        byte[] out = new byte[(n - 2) / 2];
        for (int i = 0, j = 2; i < out.length; i++, j += 2) {
            int hi = hex(scratch[j]);
            int lo = hex(scratch[j + 1]);
            if (hi < 0 || lo < 0) {
                throw malformed(field, "bytea");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private String ascii(int field) {
        return new String(row, start[field], end[field] - start[field], StandardCharsets.ISO_8859_1);
    }

    private SyncException malformed(int field, String type) {
        return new SyncException(SyncException.Kind.INTERNAL, "COPY text field " + (field + 1) + " is not " + type + " output: "
                + raw(field));
    }
}
