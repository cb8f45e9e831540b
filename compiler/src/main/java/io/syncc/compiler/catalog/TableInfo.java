package io.syncc.compiler.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A table (or file) as metadata describes it.
 *
 * @param schema  database schema, or {@code null} for files
 * @param name    table name, or the file/folder name relative to the datasource path
 * @param columns columns in table order
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns) {

    public TableInfo {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** Case-insensitive lookup, exact match preferred. */
    public Optional<ColumnInfo> column(String wanted) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(wanted)) {
                return Optional.of(c);
            }
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    public int indexOf(ColumnInfo column) {
        return columns.indexOf(column);
    }

    public List<String> primaryKey() {
        return columns.stream().filter(c -> c.keyPosition() > 0)
                .sorted(Comparator.comparingInt(ColumnInfo::keyPosition))
                .map(ColumnInfo::name).toList();
    }

    public String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }
}
