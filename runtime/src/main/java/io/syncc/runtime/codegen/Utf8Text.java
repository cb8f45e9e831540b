package io.syncc.runtime.codegen;

import java.nio.charset.StandardCharsets;

/**
 * A text value held as validated UTF-8 bytes: how generated rows carry a text column that goes from
 * a UTF-8 file straight into a text column of a binary COPY. A source row's value is a view of the
 * reader's buffer ({@link #view}); the sink row copies it into a buffer of its own, reused from row
 * to row ({@link #set}); the COPY encoder writes the bytes as they are. A String is made only when
 * something asks for one ({@link #toString}: INSERT binds, dirty-row and
 * preview renderings). Mutable and owned by one row; not thread-safe.
 */
public final class Utf8Text {

    /** Buffers grown past this for one huge value are released by the next ordinary value. */
    private static final int KEEP = 1 << 16;

    private static final byte[] EMPTY = new byte[0];

    private byte[] own = EMPTY;
    private byte[] bytes = EMPTY;
    private int offset;
    private int length;
    private String string;

    /** Copies {@code src[off, off + len)}, which the caller has validated as UTF-8. */
    public void set(byte[] src, int off, int len) {
        if (len > own.length || (own.length > KEEP && len <= KEEP)) {
            own = new byte[Math.max(len, 32)];
        }
        System.arraycopy(src, off, own, 0, len);
        bytes = own;
        offset = 0;
        length = len;
        string = null;
    }

    /**
     * Points at {@code src[off, off + len)} without copying: the value is valid only while the
     * caller leaves those bytes alone (a source row over the reader's buffer, until the next record).
     */
    public void view(byte[] src, int off, int len) {
        bytes = src;
        offset = off;
        length = len;
        string = null;
    }

    /**
     * Points at another value's bytes without copying: for a sink row that is encoded before the
     * source row's next record (a COPY writer), where a copy would be thrown away at once.
     */
    public void view(Utf8Text other) {
        bytes = other.bytes;
        offset = other.offset;
        length = other.length;
        string = other.string;
    }

    /** Copies another value into this one's own buffer. */
    public void set(Utf8Text other) {
        set(other.bytes, other.offset, other.length);
        string = other.string;
    }

    /** Replaces the value with the UTF-8 encoding of {@code s}. */
    public void set(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        set(b, 0, b.length);
        string = s;
    }

    /** The buffer; bytes {@code [offset(), offset() + length())} are the value. */
    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = new String(bytes, offset, length, StandardCharsets.UTF_8);
            string = s;
        }
        return s;
    }

    /**
     * Why {@code b[off, off + len)} is not text PostgreSQL accepts, or null when it is: well-formed
     * UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) without NUL bytes.
     */
    public static String invalidUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                return "a NUL byte at byte " + (i - off) + " of the field (PostgreSQL text cannot hold one)";
            }
            int lead = c & 0xff;
            int need;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return invalidAt(b, off, i, end);
            }
            if (i + need >= end) {
                return invalidAt(b, off, i, end);
            }
            int cp = lead & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int t = b[i + k] & 0xff;
                if ((t & 0xc0) != 0x80) {
                    return invalidAt(b, off, i, end);
                }
                cp = (cp << 6) | (t & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return invalidAt(b, off, i, end);
            }
            i += need + 1;
        }
        return null;
    }

    private static String invalidAt(byte[] b, int off, int i, int end) {
        return invalidAt("UTF8", b, off, i, Math.min(end, i + 4));
    }

    /** The server's wording ({@code invalid byte sequence for encoding "UTF8": 0xc0 0xaf}) and where the bytes are. */
    private static String invalidAt(String encoding, byte[] b, int off, int i, int end) {
        StringBuilder sb = new StringBuilder("invalid byte sequence for encoding \"").append(encoding).append("\":");
        for (int k = i; k < end; k++) {
            sb.append(" 0x").append(String.format("%02x", b[k] & 0xff));
        }
        return sb.append(" at byte ").append(i - off).append(" of the field").toString();
    }

    /**
     * Why {@code b[off, off + len)} does not decode in {@code charset} (or holds a NUL byte), or null
     * when it decodes: the message names the bytes and their offset.
     */
    public static String undecodable(byte[] b, int off, int len, java.nio.charset.Charset charset) {
        java.nio.charset.CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, off, len);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, (int) (len * (double) d.maxCharsPerByte()) + 1));
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            return invalidAt(charset.name(), b, off, at, Math.min(off + len, at + r.length()));
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                return "a NUL byte at byte " + (i - off) + " of the field (PostgreSQL text cannot hold one)";
            }
        }
        return null;
    }
}
