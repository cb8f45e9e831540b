package io.syncc.runtime.postgres;

import static io.syncc.runtime.testing.Fixtures.connect;
import static io.syncc.runtime.testing.Fixtures.exec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.testing.ServerTest;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@link CopyMessages} hands over exactly the messages pgjdbc's {@code readFromCopy} does (the
 * oracle: the same COPY read through the driver on another connection), of every size around its
 * buffers' (8 KB, grown, more than the 1 MB it keeps), reads them from the protocol stream without an
 * array per row, and a connection lost part-way is an SQL error after which the connection can still
 * be closed (the driver does not keep it for the COPY).
 */
class CopyMessagesTest extends ServerTest {

    /** The byte lengths of the rows' bytea: around the buffer's sizes, and larger than it keeps. */
    static final int[] SIZES = {0, 1, 8_150, 8_160, 8_200, 16_000, 300_000, 10, 1_048_600, 2_500_000, 3, 900_000, 7};

    @BeforeAll
    static void data() throws SQLException {
        exec(server, "DROP TABLE IF EXISTS cm_sizes, cm_many",
                "CREATE TABLE cm_sizes (n int, b bytea)",
                "CREATE TABLE cm_many AS SELECT g AS id, md5(g::text) AS t, g * 1.5 AS x FROM generate_series(1, 200000) g");
        StringBuilder insert = new StringBuilder("INSERT INTO cm_sizes VALUES ");
        for (int i = 0; i < SIZES.length; i++) {
            insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", (SELECT coalesce(string_agg(set_byte('\\x00'::bytea, 0, (g * 7 + ")
                    .append(i).append(") % 256), ''), '') FROM generate_series(1, ").append(SIZES[i]).append(") g))");
        }
        exec(server, insert.toString());
    }

    static List<byte[]> viaDriver(String sql) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = connect(server)) {
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            byte[] m;
            while ((m = copy.readFromCopy()) != null) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void messagesOfEverySizeAreTheDriversBytes() throws SQLException {
        for (String sql : List.of("COPY (SELECT n, b FROM cm_sizes ORDER BY n) TO STDOUT (FORMAT binary)",
                "COPY (SELECT n, b FROM cm_sizes ORDER BY n) TO STDOUT")) {
            List<byte[]> expected = viaDriver(sql);
            assertEquals(SIZES.length + (sql.contains("binary") ? 1 : 0), expected.size(), "a message per row (and the binary trailer)");
            try (Connection c = connect(server)) {
                CopyMessages copy = CopyMessages.start(c, sql);
                assertTrue(copy.direct(), "read from the protocol stream");
                int i = 0;
                while (copy.next()) {
                    byte[] want = expected.get(i++);
                    assertEquals(want.length, copy.length());
                    assertArrayEquals(want, Arrays.copyOf(copy.buffer(), copy.length()), "message " + i);
                }
                assertEquals(expected.size(), i);
                assertFalse(copy.isActive());
                assertEquals(1, count(c, "SELECT 1"), "the connection is usable after the COPY");
            }
            // into the caller's array at an offset, as the sequential scan reads them
            try (Connection c = connect(server)) {
                CopyMessages copy = CopyMessages.start(c, sql);
                int i = 0;
                int n;
                while ((n = copy.nextLength()) >= 0) {
                    byte[] into = new byte[n + 13];
                    copy.readBody(into, 13);
                    assertArrayEquals(expected.get(i++), Arrays.copyOfRange(into, 13, 13 + n));
                }
                assertEquals(expected.size(), i);
            }
        }
    }

    @Test
    void rowsCostNoArrayEach() throws SQLException {
        String sql = "COPY cm_many TO STDOUT (FORMAT binary)";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        try (Connection c = connect(server)) {
            // the driver: an array per message, at least the messages' bytes
            CopyOut driver = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            long before = threads.getThreadAllocatedBytes(id);
            long bytes = 0;
            byte[] m;
            while ((m = driver.readFromCopy()) != null) {
                bytes += m.length;
            }
            long byDriver = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(byDriver >= bytes, "the driver allocates " + byDriver + " bytes for " + bytes + " bytes of messages");

            CopyMessages copy = CopyMessages.start(c, sql);
            before = threads.getThreadAllocatedBytes(id);
            long rows = 0;
            long read = 0;
            while (copy.next()) {
                rows++;
                read += copy.length();
            }
            long direct = threads.getThreadAllocatedBytes(id) - before;
            assertEquals(200_001, rows);
            assertEquals(bytes, read);
            assertTrue(direct < 2_000_000, "200,001 messages (" + bytes + " bytes) read with " + direct + " bytes allocated");
        }
    }

    @Test
    @Timeout(120) // a connection kept by the driver for a COPY it never ended would hang rollback and close
    void aConnectionLostPartWayIsAnSqlErrorAndTheConnectionCloses() throws Exception {
        Connection c = connect(server);
        c.setAutoCommit(false);
        CopyMessages copy = CopyMessages.start(c, "COPY (SELECT * FROM cm_many, generate_series(1, 20)) TO STDOUT (FORMAT binary)");
        for (int i = 0; i < 1000; i++) {
            assertTrue(copy.next());
        }
        CopyMessages.stream(c).getSocket().shutdownInput(); // the connection is lost: reads end
        SQLException e = assertThrows(SQLException.class, () -> {
            while (copy.next()) {
                // the rows the socket still held
            }
        });
        assertEquals("08006", e.getSQLState());
        assertEquals("Database connection failed when reading from copy", e.getMessage());
        assertFalse(copy.isActive(), "the driver no longer keeps the connection for the COPY");
        assertThrows(SQLException.class, c::rollback);
        c.close();
        assertTrue(c.isClosed());
        // the server ends the COPY's backend (its cancel request, or the closed socket)
        try (Connection check = connect(server)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (count(check, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT * FROM cm_many%'") > 0) {
                assertTrue(System.nanoTime() < deadline, "the COPY's backend is gone within a minute");
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aTerminatedBackendIsTheServersError() throws Exception {
        try (Connection c = connect(server)) {
            c.setAutoCommit(false);
            int pid = (int) count(c, "SELECT pg_backend_pid()");
            CopyMessages copy = CopyMessages.start(c, "COPY (SELECT * FROM cm_many, generate_series(1, 20)) TO STDOUT (FORMAT binary)");
            assertTrue(copy.next());
            try (Connection other = connect(server)) {
                count(other, "SELECT pg_terminate_backend(" + pid + ")::int");
            }
            SQLException e = assertThrows(SQLException.class, () -> {
                while (copy.next()) {
                    // the rows sent before the server ended the backend
                }
            });
            assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
            assertFalse(copy.isActive());
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
