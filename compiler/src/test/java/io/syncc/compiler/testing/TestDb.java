package io.syncc.compiler.testing;

import io.syncc.runtime.embedded.EmbeddedLocator;
import io.syncc.runtime.embedded.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL for the whole test JVM, started on first use. {@code url embedded}
 * datasources resolve to it (through the system property the CLI also uses).
 */
public final class TestDb {

    private static EmbeddedServer server;

    private TestDb() {
    }

    public static synchronized EmbeddedServer server() {
        if (server == null) {
            server = EmbeddedServer.startTemporary();
            System.setProperty(EmbeddedLocator.PROPERTY, server.jdbcUrl());
            EmbeddedServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return server;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl());
    }

    public static void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    public static long count(String table) throws SQLException {
        return longValue("SELECT count(*) FROM " + table);
    }

    public static long longValue(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rows of {@code a} missing from {@code b} plus rows of {@code b} missing from {@code a},
     * duplicates counted ({@code EXCEPT ALL} both ways): 0 when they hold the same rows. Each is a
     * table or a parenthesised query with an alias.
     */
    public static long difference(String a, String b) throws SQLException {
        return longValue("SELECT count(*) FROM ((SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ") UNION ALL"
                + " (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")) d");
    }

    public static String text(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
