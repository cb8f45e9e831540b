package io.syncc.compiler.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.syncc.runtime.plan.DatasourcePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog snapshot file ({@code syncc.catalog.json}) committed beside the {@code .sync} files,
 * like a lock file: {@code syncc catalog pull} writes it from live metadata, {@code --offline}
 * reads only it. Sorted keys, so diffs stay small.
 */
public final class SnapshotCatalog implements Catalog {

    public static final String FILE_NAME = "syncc.catalog.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The file's shape. */
    public record Snapshot(int version, Map<String, DatasourceEntry> datasources) {
        public Snapshot {
            datasources = new TreeMap<>(datasources == null ? Map.of() : datasources);
        }
    }

    public record DatasourceEntry(List<String> tableNames, Map<String, TableInfo> tables) {
        public DatasourceEntry {
            tableNames = tableNames == null ? List.of() : List.copyOf(tableNames);
            tables = new TreeMap<>(tables == null ? Map.of() : tables);
        }
    }

    private final Path file;
    private final Snapshot snapshot;

    private SnapshotCatalog(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /** Reads the snapshot; a missing file is an empty snapshot. */
    public static SnapshotCatalog load(Path file) throws MetadataException {
        if (!Files.exists(file)) {
            return new SnapshotCatalog(file, new Snapshot(1, Map.of()));
        }
        try {
            return new SnapshotCatalog(file, JSON.readValue(file.toFile(), Snapshot.class));
        } catch (IOException e) {
            throw new MetadataException("cannot read catalog snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    static String key(String schema, String table) {
        return schema == null ? table : schema + "." + table;
    }

    @Override
    public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) throws MetadataException {
        DatasourceEntry entry = snapshot.datasources().get(datasource.name());
        if (entry == null) {
            throw new MetadataException("the catalog snapshot " + file.getFileName() + " has no datasource '"
                    + datasource.name() + "': run `syncc catalog pull` with access to it");
        }
        TableInfo t = entry.tables().get(key(schema, table));
        if (t == null && !entry.tableNames().contains(key(schema, table))) {
            return Optional.empty();
        }
        if (t == null) {
            throw new MetadataException("the catalog snapshot lists table " + key(schema, table)
                    + " without its columns: run `syncc catalog pull`");
        }
        return Optional.of(t);
    }

    @Override
    public List<String> tables(DatasourcePlan datasource, String schema) {
        DatasourceEntry entry = snapshot.datasources().get(datasource.name());
        return entry == null ? List.of() : entry.tableNames();
    }

    /** A copy of {@code snapshot} with a table (or its absence) recorded. */
    public static Snapshot with(Snapshot snapshot, String datasource, String schema, String table, Optional<TableInfo> info,
                                List<String> tableNames) {
        Map<String, DatasourceEntry> all = new TreeMap<>(snapshot.datasources());
        DatasourceEntry old = all.getOrDefault(datasource, new DatasourceEntry(List.of(), Map.of()));
        Map<String, TableInfo> tables = new TreeMap<>(old.tables());
        info.ifPresent(t -> tables.put(key(schema, table), t));
        List<String> names = new ArrayList<>(tableNames.isEmpty() ? old.tableNames() : tableNames);
        all.put(datasource, new DatasourceEntry(names.stream().distinct().sorted().toList(), tables));
        return new Snapshot(1, all);
    }

    public static void write(Path file, Snapshot snapshot) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(snapshot) + "\n");
    }

    public Snapshot snapshot() {
        return snapshot;
    }
}
