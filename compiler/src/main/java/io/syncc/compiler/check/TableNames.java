package io.syncc.compiler.check;

import io.syncc.compiler.ast.Name;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.FileDatasourcePlan;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the name parts of a table reference mean to the catalog: the checker and the editor ask it the same question. */
public final class TableNames {

    private TableNames() {
    }

    /**
     * [schema, table]: schema {@code public} by default for databases, null for files (whose dotted
     * name is one file name); empty when a database name has more than two parts.
     */
    public static Optional<String[]> of(List<Name> parts, DatasourcePlan ds) {
        if (ds instanceof FileDatasourcePlan) {
            return Optional.of(new String[] {null, parts.stream().map(Name::text).collect(Collectors.joining("."))});
        }
        if (parts.size() > 2 || parts.isEmpty()) {
            return Optional.empty();
        }
        String schema = parts.size() == 2 ? parts.get(0).key() : "public";
        return Optional.of(new String[] {schema, parts.get(parts.size() - 1).key()});
    }
}
