package io.syncc.runtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's durability settings, both ways, as the server itself reports them. */
class DurableServerTest {

    @TempDir
    Path home;

    private static String settings(EmbeddedServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_settings"
                     + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aScratchServerTradesDurabilityForSpeedAndADurableOneKeepsPostgresDefaults() throws Exception {
        try (EmbeddedServer scratch = EmbeddedServer.start(home.resolve("pg"), false)) {
            assertEquals("fsync=off,full_page_writes=off,synchronous_commit=off", settings(scratch));
        }
        // the same data folder started again, durable: the settings are the server's command line, not the folder's
        try (EmbeddedServer durable = EmbeddedServer.start(home.resolve("pg"), false, true)) {
            assertEquals("fsync=on,full_page_writes=on,synchronous_commit=on", settings(durable));
        }
    }
}
