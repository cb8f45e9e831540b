package io.syncc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The acceptor every phase reports into. Not thread-safe: one per check run. */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();
    private int errors; // counted as they come: checkers ask after every job, so counting must not scan

    public void error(Code code, SourceRange range, String message) {
        add(new Diagnostic(Severity.ERROR, code, range, message, List.of()));
    }

    public void error(Code code, SourceRange range, String message, List<String> expected) {
        add(new Diagnostic(Severity.ERROR, code, range, message, expected));
    }

    public void warning(Code code, SourceRange range, String message) {
        add(new Diagnostic(Severity.WARNING, code, range, message, List.of()));
    }

    public void add(Diagnostic d) {
        items.add(d);
        if (d.isError()) {
            errors++;
        }
    }

    public void addAll(List<Diagnostic> ds) {
        ds.forEach(this::add);
    }

    public int errorCount() {
        return errors;
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** Whether an error with {@code code} was reported. */
    public boolean hasErrors(Code code) {
        return items.stream().anyMatch(d -> d.isError() && d.code() == code);
    }

    /** All findings, ordered by file and position. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.range().file())
                .thenComparingInt(d -> d.range().line())
                .thenComparingInt(d -> d.range().column()));
        return List.copyOf(copy);
    }
}
