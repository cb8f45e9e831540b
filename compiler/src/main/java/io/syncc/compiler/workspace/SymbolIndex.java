package io.syncc.compiler.workspace;

import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.SyncFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Declarations and references of a workspace's documents: datasources (declared in any file of the
 * folder, used by {@code source}/{@code sink}), jobs (used by {@code after}), and parameters of a job
 * (declared by its schedule's {@code param}, used as {@code ${name}} in SQL and values). Built from
 * the ASTs, so it holds what parsed even in a document with syntax errors.
 *
 * @param declarations every declaration
 * @param references   every use, with the declaration it resolves to (empty when unknown)
 */
public record SymbolIndex(List<Symbol> declarations, List<Reference> references) {

    /** A use of a name. Parameters resolve within their job. */
    public record Reference(Symbol use, Optional<Symbol> declaration) {
    }

    public SymbolIndex {
        declarations = List.copyOf(declarations);
        references = List.copyOf(references);
    }

    /** The declaration or reference at {@code offset} (0-based, in the document's code points) of {@code uri}. */
    public Optional<Symbol> at(URI uri, int offset) {
        return Stream.concat(declarations.stream(), references.stream().map(Reference::use))
                .filter(s -> s.uri().equals(uri) && s.range().startOffset() <= offset
                        && offset < Math.max(s.range().endOffset(), s.range().startOffset() + 1))
                .findFirst();
    }

    /** Where the symbol (a declaration or a use) is declared. */
    public Optional<Symbol> definition(Symbol symbol) {
        if (declarations.contains(symbol)) {
            return Optional.of(symbol);
        }
        return references.stream().filter(r -> r.use().equals(symbol)).findFirst().flatMap(Reference::declaration);
    }

    /** The uses of a declaration. */
    public List<Symbol> uses(Symbol declaration) {
        return references.stream().filter(r -> r.declaration().filter(declaration::equals).isPresent()).map(Reference::use).toList();
    }

    /** Builds the index of documents (URI → AST). */
    static SymbolIndex of(Map<URI, SyncFile> files) {
        List<Symbol> declarations = new ArrayList<>();
        List<Symbol> jobs = new ArrayList<>();
        List<Symbol> datasources = new ArrayList<>();
        files.forEach((uri, f) -> {
            for (DatasourceDecl d : f.datasources()) {
                Symbol s = new Symbol(Symbol.Kind.DATASOURCE, d.name().text(), uri, d.name().range());
                declarations.add(s);
                datasources.add(s);
            }
            for (JobDecl j : f.jobs()) {
                Symbol s = new Symbol(Symbol.Kind.JOB, j.name().text(), uri, j.name().range());
                declarations.add(s);
                jobs.add(s);
            }
        });
        List<Reference> references = new ArrayList<>();
        files.forEach((uri, f) -> {
            for (JobDecl j : f.jobs()) {
                List<Symbol> params = new ArrayList<>();
                for (ScheduleBlock s : j.schedules()) {
                    for (ScheduleBlock.Item item : s.items()) {
                        if (item instanceof ScheduleBlock.Param p) {
                            Symbol decl = new Symbol(Symbol.Kind.PARAMETER, p.name().text(), uri, p.name().range());
                            declarations.add(decl);
                            params.add(decl);
                        } else if (item instanceof ScheduleBlock.After a) {
                            a.jobs().forEach(n -> references.add(resolve(new Symbol(Symbol.Kind.JOB, n.text(), uri, n.range()), jobs)));
                        }
                    }
                }
                List<Symbol> uses = new ArrayList<>();
                for (SourceBlock s : j.sources()) {
                    uses.add(new Symbol(Symbol.Kind.DATASOURCE, s.table().datasource().text(), uri, s.table().datasource().range()));
                }
                for (SinkBlock s : j.sinks()) {
                    uses.add(new Symbol(Symbol.Kind.DATASOURCE, s.table().datasource().text(), uri, s.table().datasource().range()));
                }
                j.parameterUses().forEach(p -> uses.add(new Symbol(Symbol.Kind.PARAMETER, p.name(), uri, p.range())));
                for (Symbol u : uses) {
                    references.add(resolve(u, u.kind() == Symbol.Kind.PARAMETER ? params : datasources));
                }
            }
        });
        return new SymbolIndex(declarations, references);
    }

    private static Reference resolve(Symbol use, List<Symbol> candidates) {
        return new Reference(use, candidates.stream().filter(use::sameName).findFirst());
    }
}
