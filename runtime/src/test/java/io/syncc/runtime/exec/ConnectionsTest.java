package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.meta.PostgresMetadata;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SinkPlan.ConflictStrategy;
import io.syncc.runtime.plan.SinkPlan.LoadMode;
import io.syncc.runtime.plan.SinkPlan.WriteMethod;
import io.syncc.runtime.testing.BankJob;
import io.syncc.runtime.testing.Fixtures;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets, connectivity checks, the embedded server lookup and table metadata. */
class ConnectionsTest {

    static EmbeddedServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startTemporary();
        Fixtures.writeCsv(tmp.resolve("lake/bank.csv"), Fixtures.rows(1, 10, 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void resetEnv() {
        Secrets.environmentForTesting(null);
    }

    static JobPlan planWith(PostgresDatasourcePlan sinkDs) {
        SinkPlan sink = Fixtures.sink(sinkDs, "secret_target", WriteMethod.COPY, ConflictStrategy.NONE, LoadMode.APPEND);
        return Fixtures.job("secrets", Fixtures.csvSource(tmp.resolve("lake"), "bank"), sink, Fixtures.channel(1, 0));
    }

    @Test
    void aMissingPasswordVariableIsNamedAndNoSecretIsShown() {
        PostgresDatasourcePlan ds = new PostgresDatasourcePlan("holo", "hologres", server.jdbcUrl(), new SecretRef(SecretRef.Kind.LITERAL, "postgres"),
                new SecretRef(SecretRef.Kind.ENV, "HOLO_PASSWORD_FOR_TEST"), Map.of());
        JobReport r = JobRunner.run(planWith(ds), new BankJob(), new RunOptions(Map.of(), tmp, false, false));
        assertFalse(r.succeeded());
        assertEquals("the password of datasource 'holo' comes from environment variable HOLO_PASSWORD_FOR_TEST, which is not set",
                r.failure());
    }

    @Test
    void connectionFailuresNeverShowThePassword() {
        Secrets.environmentForTesting(name -> name.equals("PW") ? "s3cr3t-value" : null);
        PostgresDatasourcePlan ds = new PostgresDatasourcePlan("ods", "postgres", "jdbc:postgresql://127.0.0.1:1/nope?password=urlsecret",
                new SecretRef(SecretRef.Kind.LITERAL, "sync"), new SecretRef(SecretRef.Kind.ENV, "PW"), Map.of());
        JobReport r = JobRunner.run(planWith(ds), new BankJob(), new RunOptions(Map.of(), tmp, false, false));
        assertFalse(r.succeeded());
        assertTrue(r.failure().startsWith("cannot connect to datasource 'ods'"), r.failure());
        assertFalse(r.failure().contains("s3cr3t-value"), r.failure());
        assertFalse(r.failure().contains("urlsecret"), r.failure());
        SyncException ping = assertThrows(SyncException.class, () -> Connectivity.ping(ds, tmp));
        assertFalse(ping.getMessage().contains("s3cr3t-value") || ping.getMessage().contains("urlsecret"), ping.getMessage());
    }

    @Test
    void filePasswordsLoseTheirTrailingNewline() throws Exception {
        Path f = tmp.resolve("pw.txt");
        Files.writeString(f, "hunter2\n");
        assertEquals("hunter2", Secrets.resolve(new SecretRef(SecretRef.Kind.FILE, f.toString()), "the password"));
        SyncException missing = assertThrows(SyncException.class,
                () -> Secrets.resolve(new SecretRef(SecretRef.Kind.FILE, tmp.resolve("none.txt").toString()), "the password of datasource 'x'"));
        assertTrue(missing.getMessage().contains("none.txt"), missing.getMessage());
    }

    @Test
    void theEmbeddedServerMustBeRunning() {
        PostgresDatasourcePlan embedded = new PostgresDatasourcePlan("local", "postgres", null, null, null, Map.of());
        SyncException e = assertThrows(SyncException.class, () -> Connectivity.ping(embedded, tmp.resolve("empty")));
        assertEquals("datasource 'local' uses the embedded PostgreSQL, which is not running: start it with `./syncc db start` or use `syncc run`",
                e.getMessage());
        System.setProperty("syncc.embedded.url", server.jdbcUrl());
        try {
            assertTrue(Connectivity.ping(embedded, tmp.resolve("empty")).startsWith("PostgreSQL 17"));
        } finally {
            System.clearProperty("syncc.embedded.url");
        }
    }

    @Test
    void pingDescribesWhatWasReached() {
        String m = Connectivity.ping(Fixtures.pg(server), tmp);
        assertTrue(m.startsWith("PostgreSQL 17"), m);
        assertTrue(m.endsWith("as postgres"), m);
        assertTrue(Connectivity.ping(new CsvDatasourcePlan("lake", tmp.resolve("lake").toString(), true, ',', '"', "", "UTF-8"), tmp)
                .startsWith("folder "));
        assertEquals("jdbc:postgresql://h/db?password=***&user=u", PgConnections.redact("jdbc:postgresql://h/db?password=abc&user=u"));
    }

    @Test
    void metadataListsTablesAndMapsColumnTypes() throws Exception {
        Fixtures.exec(server, "CREATE SCHEMA meta", "CREATE TABLE meta.t (a int, b varchar(20) NOT NULL, c numeric(10,3), "
                + "d timestamptz, e inet, f jsonb, PRIMARY KEY (b, a))", "CREATE VIEW meta.v AS SELECT a FROM meta.t");
        try (PostgresMetadata meta = PostgresMetadata.connect(Fixtures.pg(server), tmp)) {
            assertEquals(List.of(new PostgresMetadata.Table("meta", "t", "table"), new PostgresMetadata.Table("meta", "v", "view")),
                    meta.tables("meta"));
            List<PostgresMetadata.Column> cols = meta.columns("meta", "t");
            assertEquals(6, cols.size());
            assertEquals(new PostgresMetadata.Column("a", Optional.of(SqlType.of(SqlType.Kind.INTEGER)), "integer", false, 2, false), cols.get(0));
            assertEquals(new PostgresMetadata.Column("b", Optional.of(new SqlType(SqlType.Kind.VARCHAR, 20, 0)), "character varying(20)", false, 1, false),
                    cols.get(1));
            assertEquals(Optional.of(new SqlType(SqlType.Kind.NUMERIC, 10, 3)), cols.get(2).type());
            assertTrue(cols.get(2).nullable());
            assertEquals(0, cols.get(2).primaryKeyPosition());
            assertEquals(Optional.of(SqlType.of(SqlType.Kind.TIMESTAMPTZ)), cols.get(3).type());
            assertEquals(Optional.empty(), cols.get(4).type());
            assertEquals("inet", cols.get(4).pgType());
            assertEquals(Optional.of(SqlType.of(SqlType.Kind.JSONB)), cols.get(5).type());
            assertEquals(List.of(), meta.columns("meta", "missing"));
        }
    }

    /** A server that accepts the connection and never answers (a hung proxy, a stopped VM) makes metadata fail, not hang. */
    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (java.net.ServerSocket stalled = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(stalled.accept()); // and never a byte back
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PostgresDatasourcePlan ds = new PostgresDatasourcePlan("stalled", "postgres",
                    "jdbc:postgresql://127.0.0.1:" + stalled.getLocalPort() + "/db", new SecretRef(SecretRef.Kind.LITERAL, "u"), null, Map.of());
            SyncException e = assertThrows(SyncException.class, () -> PostgresMetadata.connect(ds, tmp).close());
            assertEquals(SyncException.Kind.TRANSIENT, e.kind(), "a connection that times out may work on a retry");
            assertTrue(e.getMessage().startsWith("cannot connect to datasource 'stalled' (jdbc:postgresql://127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out"), e.getMessage());
            assertFalse(accepted.isEmpty(), "the driver did reach the socket");
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }
}
