package io.syncc.runtime.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The COPY text record on hand-written rows, for the escapes PostgreSQL's COPY input accepts but
 * its output never writes (octal, hex, escaped ordinary bytes); what the server writes is checked
 * against the server by the end-to-end tests.
 */
class CopyTextRecordTest {

    private static CopyTextRecord record(String row) {
        byte[] b = row.getBytes(StandardCharsets.UTF_8);
        CopyTextRecord r = new CopyTextRecord();
        r.reset(b, b.length);
        return r;
    }

    @Test
    void fieldsNullsAndEscapes() {
        CopyTextRecord r = record("\\N\t\t\\\\N\ta\\tb\\nc\\\\d\t\\101\\x41\\x4a\\7\\q\t-9223372036854775808\tt\n");
        assertEquals(7, r.fieldCount());
        assertTrue(r.isNull(0));
        assertFalse(r.isNull(1));
        assertEquals("", r.text(1));
        assertFalse(r.isNull(2));
        assertEquals("\\N", r.text(2));
        assertEquals("a\tb\nc\\d", r.text(3));
        assertEquals("AAJ\u0007q", r.text(4));
        assertEquals(Long.MIN_VALUE, r.int64(5));
        assertTrue(r.bool(6));
    }

    @Test
    void byteaHexWithItsBackslashEscaped() {
        CopyTextRecord r = record("\\\\x00095c0aff\t\\\\x\n");
        assertArrayEquals(new byte[] {0, 9, 0x5c, 10, (byte) 0xff}, r.bytea(0));
        assertArrayEquals(new byte[0], r.bytea(1));
    }
}
