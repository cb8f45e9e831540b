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
 * @param comment the datasource's comment on the table, or {@code null}
 * @param estimatedRows the datasource's estimate of its rows, -1 when unknown
 * @param partitionKeys the partition keys of a partitioned file dataset (the last columns); empty otherwise
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, String comment, long estimatedRows,
                        List<String> partitionKeys) {

    /** A table without a comment or an estimate. */
    public TableInfo(String schema, String name, List<ColumnInfo> columns) {
        this(schema, name, columns, null, -1);
    }

    /** A table that is not a partitioned file dataset. */
    public TableInfo(String schema, String name, List<ColumnInfo> columns, String comment, long estimatedRows) {
        this(schema, name, columns, comment, estimatedRows, List.of());
    }

    public TableInfo {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
    }

    /** The number of columns the data files hold (the partition keys' columns follow them). */
    public int fileColumns() {
        return columns.size() - partitionKeys.size();
    }

    /**
     * The columns a name refers to: the column of exactly that name when there is one, else every
     * column whose name equals it ignoring case. More than one is an ambiguous name (columns that
     * differ only in case, e.g. {@code "Name"} and {@code "name"}).
     */
    public List<ColumnInfo> matches(String wanted) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(wanted)) {
                return List.of(c);
            }
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
    }

    /** The column a name refers to (see {@link #matches}); empty when none or when the name is ambiguous. */
    public Optional<ColumnInfo> column(String wanted) {
        List<ColumnInfo> found = matches(wanted);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Names given to more than one column (a file header may repeat a name), with their 1-based positions. */
    public java.util.Map<String, List<Integer>> duplicateNames() {
        java.util.Map<String, List<Integer>> positions = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positions.computeIfAbsent(columns.get(i).name(), n -> new java.util.ArrayList<>()).add(i + 1);
        }
        positions.values().removeIf(p -> p.size() < 2);
        return positions;
    }

    /** The position of a column of this table (by identity: two columns may look alike). */
    public int indexOf(ColumnInfo column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == column) {
                return i;
            }
        }
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
