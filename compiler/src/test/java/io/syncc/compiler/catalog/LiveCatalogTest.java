package io.syncc.compiler.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.TestDb;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live metadata as a long-lived editor needs it: answers per datasource settings, and no dead connections kept. */
class LiveCatalogTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS lc_a, lc_b", "CREATE TABLE lc_a (id int)", "CREATE TABLE lc_b (id int, v text)");
        if (TestDb.longValue("SELECT count(*) FROM pg_database WHERE datname = 'lc_other'") == 0) {
            TestDb.exec("CREATE DATABASE lc_other");
        }
    }

    private static PostgresDatasourcePlan plan(String database, String applicationName) {
        String url = TestDb.server().jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        return new PostgresDatasourcePlan("dw", "postgres", url, new SecretRef(SecretRef.Kind.LITERAL, "postgres"), null,
                Map.of("ApplicationName", applicationName));
    }

    @Test
    void aLostConnectionIsReplacedAndTheQuestionAnswered() throws Exception {
        PostgresDatasourcePlan ds = plan("postgres", "lc-test-lost");
        try (LiveCatalog catalog = new LiveCatalog(dir)) {
            assertTrue(catalog.table(ds, "public", "lc_a").isPresent());
            assertEquals(1, TestDb.longValue("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = 'lc-test-lost'"), "the catalog's one connection is terminated");
            assertEquals(2, catalog.table(ds, "public", "lc_b").orElseThrow().columns().size(), "answered on a new connection");
            assertEquals(1, TestDb.longValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lc-test-lost'"));
        }
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lc-test-lost'"),
                "closed with the catalog");
    }

    @Test
    void anEditedUrlIsAnotherDatasource() throws Exception {
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(plan("lc_other", "x").url(), "postgres", "");
             java.sql.Statement s = other.createStatement()) {
            s.execute("DROP TABLE IF EXISTS lc_only_there");
            s.execute("CREATE TABLE lc_only_there (id int)");
        }
        try (LiveCatalog catalog = new LiveCatalog(dir)) {
            assertTrue(catalog.table(plan("postgres", "lc-test-url"), "public", "lc_only_there").isEmpty());
            // the same name, another url: not the cached answer of the first
            assertTrue(catalog.table(plan("lc_other", "lc-test-url"), "public", "lc_only_there").isPresent());
        }
    }
}
