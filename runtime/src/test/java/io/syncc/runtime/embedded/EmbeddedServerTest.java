package io.syncc.runtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedServerTest {

    @Test
    void startsARealServerAndAnswersQueries() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTemporary();
             Connection c = DriverManager.getConnection(server.jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("select 40 + 2")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }
}
