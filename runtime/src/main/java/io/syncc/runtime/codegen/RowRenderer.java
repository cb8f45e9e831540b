package io.syncc.runtime.codegen;

import java.util.List;

/** Renders a row as text for people: dirty-record files and previews. {@code null} stays {@code null}. */
public interface RowRenderer<R> {
    List<String> columnNames();

    String[] render(R row);
}
