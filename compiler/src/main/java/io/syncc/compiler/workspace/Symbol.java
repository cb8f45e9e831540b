package io.syncc.compiler.workspace;

import io.syncc.compiler.diag.SourceRange;
import java.net.URI;
import java.util.Objects;

/**
 * A name declared in a workspace, or a use of one: the targets of go to definition, references and rename.
 *
 * @param kind  what is named
 * @param name  the name as written (parameters without {@code ${ }})
 * @param uri   the document
 * @param range where the name itself is (for a parameter inside a string: the {@code ${name}})
 */
public record Symbol(Kind kind, String name, URI uri, SourceRange range) {

    /** What a name names. */
    public enum Kind { DATASOURCE, JOB, PARAMETER }

    public Symbol {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(range, "range");
    }

    /** Names compare as the language does: case-insensitively (quoted names are exact elsewhere; datasources and jobs are not quoted). */
    public boolean sameName(Symbol other) {
        return kind == other.kind && name.equalsIgnoreCase(other.name);
    }
}
