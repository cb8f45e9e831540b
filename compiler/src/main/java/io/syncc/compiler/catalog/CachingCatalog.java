package io.syncc.compiler.catalog;

import io.syncc.runtime.meta.QueryProblem;
import io.syncc.runtime.plan.DatasourcePlan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Metadata for a long-lived process (the language server): live answers cached per datasource
 * <em>settings</em> (an edited url is another datasource) with a time to live, answers that said
 * "no such table" or failed kept only briefly (a table created meanwhile is seen), explicit
 * {@link #refresh}, and fetching on background threads. One metadata session per datasource, each
 * used by one thread at a time, so a stalled database delays only questions about itself.
 *
 * <p>Two ways to ask: the {@link Catalog} methods (used by the checker) wait at most {@code wait} for
 * an answer and then report the metadata as still being fetched (the fetch goes on, and
 * {@code onFetched} is told when it ends, so the caller checks again); the {@code cached} methods
 * (used by completion and hover) never wait: they return what is cached, starting a fetch when
 * nothing fresh is.
 *
 * <p>When a live fetch fails and a snapshot ({@code syncc.catalog.json}) knows the table, the
 * snapshot answers.
 */
public final class CachingCatalog implements Catalog, AutoCloseable {

    /** Time limits of the cache, in nanoseconds of {@code clock}. */
    public record Limits(long ttlNanos, long negativeTtlNanos, long waitMillis) {
        public static Limits defaults() {
            return new Limits(TimeUnit.MINUTES.toNanos(10), TimeUnit.SECONDS.toNanos(15), 3_000);
        }
    }

    /**
     * A non-waiting answer.
     *
     * @param value   the answer when one is cached (possibly stale: a refresh is then under way)
     * @param loading a fetch is under way
     * @param problem why the last fetch failed, when it did
     */
    public record Cached<T>(Optional<T> value, boolean loading, Optional<String> problem) {
    }

    private record Entry(Object value, MetadataException error, long fetchedAt) {
    }

    private final Path workDir;
    private final Limits limits;
    private final LongSupplier clock;
    private final Catalog snapshot;
    private final Consumer<DatasourcePlan> onFetched;
    private final ExecutorService fetchers;
    private final Map<DatasourcePlan, LiveCatalog> sessions = new ConcurrentHashMap<>();
    private final Map<List<Object>, Entry> entries = new ConcurrentHashMap<>();
    private final Map<List<Object>, CompletableFuture<Entry>> inflight = new ConcurrentHashMap<>();

    /**
     * @param workDir   where the embedded server is looked up
     * @param snapshot  answers when the live fetch fails ({@code null}: none)
     * @param onFetched told (on a fetcher thread) when a background fetch of a datasource ended
     */
    public CachingCatalog(Path workDir, Limits limits, LongSupplier clock, Catalog snapshot, Consumer<DatasourcePlan> onFetched) {
        this.workDir = workDir;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = clock;
        this.snapshot = snapshot;
        this.onFetched = onFetched == null ? ds -> { } : onFetched;
        this.fetchers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "syncc-metadata");
            t.setDaemon(true);
            return t;
        });
    }

    public CachingCatalog(Path workDir, Catalog snapshot, Consumer<DatasourcePlan> onFetched) {
        this(workDir, Limits.defaults(), System::nanoTime, snapshot, onFetched);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException {
        return (Optional<TableInfo>) await(tableKey(datasource, schema, table), () -> liveOrSnapshotTable(datasource, schema, table));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> tables(DatasourcePlan datasource, String schema) throws MetadataException {
        return (List<String>) await(tablesKey(datasource, schema), () -> liveOrSnapshotTables(datasource, schema));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<QueryProblem> checkQuery(DatasourcePlan datasource, String sql) throws MetadataException {
        return (Optional<QueryProblem>) await(Arrays.asList(datasource, "query", sql), () -> session(datasource).checkQuery(datasource, sql));
    }

    /** The table as cached, never waiting; starts a fetch when nothing fresh is cached. */
    @SuppressWarnings("unchecked")
    public Cached<Optional<TableInfo>> cachedTable(DatasourcePlan datasource, String schema, String table) {
        return (Cached<Optional<TableInfo>>) (Cached<?>) peek(tableKey(datasource, schema, table), () -> liveOrSnapshotTable(datasource, schema, table));
    }

    /** The table names as cached, never waiting; starts a fetch when nothing fresh is cached. */
    @SuppressWarnings("unchecked")
    public Cached<List<String>> cachedTables(DatasourcePlan datasource, String schema) {
        return (Cached<List<String>>) (Cached<?>) peek(tablesKey(datasource, schema), () -> liveOrSnapshotTables(datasource, schema));
    }

    /** Forgets everything cached about the datasource (any settings with this name) and closes its session. */
    public void refresh(String datasourceName) {
        entries.keySet().removeIf(k -> ((DatasourcePlan) k.get(0)).name().equalsIgnoreCase(datasourceName));
        sessions.entrySet().removeIf(e -> {
            if (e.getKey().name().equalsIgnoreCase(datasourceName)) {
                closeQuietly(e.getValue());
                return true;
            }
            return false;
        });
    }

    /** Runs a {@code CREATE TABLE} on the datasource and forgets what was cached about it. */
    public void createTable(DatasourcePlan datasource, String ddl) throws MetadataException {
        LiveCatalog live = session(datasource);
        synchronized (live) {
            live.createTable(datasource, ddl);
        }
        entries.keySet().removeIf(k -> k.get(0).equals(datasource));
    }

    private static List<Object> tableKey(DatasourcePlan datasource, String schema, String table) {
        return Arrays.asList(datasource, "table", schema, table);
    }

    private static List<Object> tablesKey(DatasourcePlan datasource, String schema) {
        return Arrays.asList(datasource, "tables", schema);
    }

    private interface Fetch {
        Object get() throws MetadataException;
    }

    private Optional<TableInfo> liveOrSnapshotTable(DatasourcePlan ds, String schema, String table) throws MetadataException {
        try {
            LiveCatalog live = session(ds);
            synchronized (live) {
                live.forgetTables(); // this cache decides what is fresh
                return live.table(ds, schema, table);
            }
        } catch (MetadataException e) {
            if (snapshot != null) {
                try {
                    Optional<TableInfo> known = snapshot.table(ds, schema, table);
                    if (known.isPresent()) {
                        return known;
                    }
                } catch (MetadataException notInSnapshot) {
                    // the live problem is the one to report
                }
            }
            throw e;
        }
    }

    private List<String> liveOrSnapshotTables(DatasourcePlan ds, String schema) throws MetadataException {
        try {
            LiveCatalog live = session(ds);
            synchronized (live) {
                return List.copyOf(live.tables(ds, schema));
            }
        } catch (MetadataException e) {
            if (snapshot != null) {
                List<String> known = snapshot.tables(ds, schema);
                if (!known.isEmpty()) {
                    return known;
                }
            }
            throw e;
        }
    }

    /** A session of its own per datasource settings; the cache above it keeps the answers. */
    private LiveCatalog session(DatasourcePlan ds) {
        return sessions.computeIfAbsent(ds, d -> new LiveCatalog(workDir));
    }

    private Object await(List<Object> key, Fetch fetch) throws MetadataException {
        Entry e = fresh(key);
        if (e == null) {
            CompletableFuture<Entry> f = start(key, fetch);
            try {
                e = f.get(limits.waitMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                throw new MetadataException("still being fetched (the database is slow to answer); checked again when it answers");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new MetadataException("interrupted");
            } catch (ExecutionException impossible) {
                throw new MetadataException(String.valueOf(impossible.getCause()));
            }
        }
        if (e.error() != null) {
            throw e.error();
        }
        return e.value();
    }

    private Cached<Object> peek(List<Object> key, Fetch fetch) {
        Entry e = fresh(key);
        boolean loading = false;
        if (e == null) {
            start(key, fetch);
            loading = true;
            e = entries.get(key); // stale, or nothing
        }
        if (e == null) {
            return new Cached<>(Optional.empty(), true, Optional.empty());
        }
        return new Cached<>(Optional.ofNullable(e.value()), loading, Optional.ofNullable(e.error()).map(Throwable::getMessage));
    }

    /** The cached entry while it is fresh: answers for the time to live, "absent" and failures for less. */
    private Entry fresh(List<Object> key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        boolean negative = e.error() != null || e.value() instanceof Optional<?> o && o.isEmpty();
        long age = clock.getAsLong() - e.fetchedAt();
        return age < (negative ? limits.negativeTtlNanos() : limits.ttlNanos()) ? e : null;
    }

    /** One fetch per key at a time, on a fetcher thread. */
    private CompletableFuture<Entry> start(List<Object> key, Fetch fetch) {
        synchronized (inflight) {
            CompletableFuture<Entry> running = inflight.get(key);
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<Entry> result = new CompletableFuture<>();
            inflight.put(key, result);
            fetchers.execute(() -> {
                Entry e;
                try {
                    e = new Entry(fetch.get(), null, clock.getAsLong());
                } catch (MetadataException | RuntimeException failed) {
                    MetadataException m = failed instanceof MetadataException me ? me
                            : new MetadataException(failed.getMessage() == null ? failed.toString() : failed.getMessage(), failed);
                    e = new Entry(null, m, clock.getAsLong());
                }
                entries.put(key, e);
                result.complete(e);
                onFetched.accept((DatasourcePlan) key.get(0));
            });
            return result;
        }
    }

    private static void closeQuietly(LiveCatalog live) {
        try {
            live.close();
        } catch (RuntimeException ignored) {
            // a session whose connection is gone
        }
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
        sessions.values().forEach(CachingCatalog::closeQuietly);
        sessions.clear();
    }
}
