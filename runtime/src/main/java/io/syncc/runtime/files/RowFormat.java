package io.syncc.runtime.files;

import io.syncc.runtime.plan.SinkColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** How a file sink writes rows whose values are already the server's text forms ({@code null}: NULL). */
public interface RowFormat {

    /** Written once at the start of the file ({@code ""} for none). */
    String header(List<SinkColumn> columns);

    void write(Writer out, List<SinkColumn> columns, String[] values) throws IOException;
}
