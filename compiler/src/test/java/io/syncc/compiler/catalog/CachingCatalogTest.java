package io.syncc.compiler.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.TestDb;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's metadata cache against a real PostgreSQL, on a clock the test moves. */
class CachingCatalogTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong();
    private static final CachingCatalog.Limits LIMITS = new CachingCatalog.Limits(TimeUnit.MINUTES.toNanos(10), TimeUnit.SECONDS.toNanos(15), 30_000);

    @BeforeEach
    void tables() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS cc_a, cc_later", "CREATE TABLE cc_a (id int)");
    }

    private static PostgresDatasourcePlan plan(String applicationName) {
        return new PostgresDatasourcePlan("dw", "postgres", TestDb.server().jdbcUrl(), new SecretRef(SecretRef.Kind.LITERAL, "postgres"), null,
                Map.of("ApplicationName", applicationName));
    }

    private static <T> T fetched(java.util.function.Supplier<CachingCatalog.Cached<T>> ask) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            CachingCatalog.Cached<T> c = ask.get();
            if (!c.loading()) {
                return c.value().orElseThrow();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never fetched");
    }

    @Test
    void answersLiveForTheirTimeAndAbsentTablesOnlyBriefly() throws Exception {
        PostgresDatasourcePlan ds = plan("cc-ttl");
        try (CachingCatalog catalog = new CachingCatalog(dir, LIMITS, now::get, null, d -> { })) {
            assertEquals(1, catalog.table(ds, "public", "cc_a").orElseThrow().columns().size());
            assertEquals(Optional.empty(), catalog.table(ds, "public", "cc_later"));
            TestDb.exec("ALTER TABLE cc_a ADD COLUMN v text", "CREATE TABLE cc_later (id int)");
            now.addAndGet(TimeUnit.SECONDS.toNanos(14));
            assertEquals(1, catalog.table(ds, "public", "cc_a").orElseThrow().columns().size(), "cached");
            assertEquals(Optional.empty(), catalog.table(ds, "public", "cc_later"), "still the cached absence");
            now.addAndGet(TimeUnit.SECONDS.toNanos(2));
            assertTrue(catalog.table(ds, "public", "cc_later").isPresent(), "an absence is kept 15 s, not for ever");
            assertEquals(1, catalog.table(ds, "public", "cc_a").orElseThrow().columns().size(), "an answer is kept 10 minutes");
            now.addAndGet(TimeUnit.MINUTES.toNanos(10));
            assertEquals(2, catalog.table(ds, "public", "cc_a").orElseThrow().columns().size(), "then asked again");
        }
    }

    @Test
    void refreshForgetsAndCachedAnswersNeverWait() throws Exception {
        PostgresDatasourcePlan ds = plan("cc-refresh");
        try (CachingCatalog catalog = new CachingCatalog(dir, LIMITS, now::get, null, d -> { })) {
            CachingCatalog.Cached<Optional<TableInfo>> first = catalog.cachedTable(ds, "public", "cc_a");
            assertTrue(first.loading() && first.value().isEmpty(), "nothing cached yet: a fetch starts, the answer says so");
            assertEquals(1, fetched(() -> catalog.cachedTable(ds, "public", "cc_a")).orElseThrow().columns().size());
            TestDb.exec("ALTER TABLE cc_a ADD COLUMN v text");
            assertEquals(1, catalog.cachedTable(ds, "public", "cc_a").value().orElseThrow().orElseThrow().columns().size());
            catalog.refresh("DW");
            assertEquals(2, fetched(() -> catalog.cachedTable(ds, "public", "cc_a")).orElseThrow().columns().size());
            assertTrue(catalog.cachedTables(ds, "public").loading());
            assertTrue(fetched(() -> catalog.cachedTables(ds, "public")).contains("cc_a"));
        }
    }

    @Test
    void aFailedFetchIsReportedAndTheSnapshotAnswersWhenItKnows() throws Exception {
        PostgresDatasourcePlan down = new PostgresDatasourcePlan("dw", "postgres", "jdbc:postgresql://127.0.0.1:1/nothing",
                new SecretRef(SecretRef.Kind.LITERAL, "postgres"), null, Map.of());
        SnapshotCatalog.Snapshot known = SnapshotCatalog.with(new SnapshotCatalog.Snapshot(1, Map.of()), "dw", "public", "cc_a",
                Optional.of(new TableInfo("public", "cc_a", java.util.List.of())), java.util.List.of("cc_a"));
        Path file = dir.resolve(SnapshotCatalog.FILE_NAME);
        SnapshotCatalog.write(file, known);
        try (CachingCatalog catalog = new CachingCatalog(dir, LIMITS, now::get, SnapshotCatalog.load(file), d -> { })) {
            assertTrue(catalog.table(down, "public", "cc_a").isPresent(), "the snapshot answers");
            MetadataException e = org.junit.jupiter.api.Assertions.assertThrows(MetadataException.class, () -> catalog.table(down, "public", "cc_other"));
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
            CachingCatalog.Cached<Optional<TableInfo>> c = catalog.cachedTable(down, "public", "cc_other");
            assertFalse(c.loading());
            assertTrue(c.problem().orElseThrow().contains("127.0.0.1:1"), c.problem().toString());
        }
    }
}
