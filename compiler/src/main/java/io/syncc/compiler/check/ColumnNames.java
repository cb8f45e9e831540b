package io.syncc.compiler.check;

import io.syncc.compiler.ast.Name;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.SourceRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How names written in a job find columns: the column of exactly that name first; ignoring case
 * only when that picks one column. Columns that differ only in case ({@code "Name"}, {@code "name"})
 * are different columns, and a name that could be either is an error, never a guess.
 */
final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * The column {@code name} refers to in {@code table}; reports SYN210 when it is ambiguous.
     * Empty, without a report, when no column matches (callers word that message).
     */
    static Optional<List<ColumnInfo>> lookup(Diagnostics diagnostics, TableInfo table, Name name, String tableDescription) {
        List<ColumnInfo> found = table.matches(name.text());
        if (found.size() > 1) {
            ambiguous(diagnostics, name.range(), name.text(), found, tableDescription,
                    "write the name with its exact case");
            return Optional.empty();
        }
        return Optional.of(found);
    }

    static void ambiguous(Diagnostics diagnostics, SourceRange at, String wanted, List<ColumnInfo> found, String tableDescription,
                          String remedy) {
        diagnostics.error(Code.AMBIGUOUS_COLUMN, at, "'" + wanted + "' matches " + found.size() + " columns of " + tableDescription
                + " that differ only in case: " + found.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", "))
                + "; " + remedy);
    }

    /** Reports SYN210 for every name a table's columns repeat (a file header may); true when there is none. */
    static boolean distinct(Diagnostics diagnostics, TableInfo table, SourceRange at, String tableDescription, boolean file) {
        Map<String, List<Integer>> duplicates = table.duplicateNames();
        duplicates.forEach((name, positions) -> diagnostics.error(Code.AMBIGUOUS_COLUMN, at, table.partitionKeys().contains(name)
                ? "'" + name + "' is both a field of the files of " + tableDescription + " and one of its partition keys (folders "
                + name + "=...); rename the field or the folders"
                : (file ? "the header of " : "")
                + tableDescription + " names column '" + name + "' " + (positions.size() == 2 ? "twice" : positions.size() + " times")
                + " (" + (file ? "fields " : "columns ") + and(positions) + "); give every column its own name" + (file ? " in the file" : "")));
        return duplicates.isEmpty();
    }

    private static String and(List<Integer> items) {
        List<String> s = items.stream().map(String::valueOf).toList();
        return String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }
}
