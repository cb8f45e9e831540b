package io.syncc.runtime.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.syncc.runtime.plan.SinkColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JSON Lines: one object per row, keys in column order. Numbers are JSON numbers (NaN and
 * infinities, which JSON cannot hold, are strings), booleans are booleans, {@code json}/{@code jsonb}
 * values are embedded as JSON, NULL is {@code null}, everything else is a string in the server's
 * text form.
 */
public final class JsonlRowFormat implements RowFormat {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String header(List<SinkColumn> columns) {
        return "";
    }

    @Override
    public void write(Writer out, List<SinkColumn> columns, String[] values) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            g.writeFieldName(columns.get(i).name());
            String v = values[i];
            if (v == null) {
                g.writeNull();
                continue;
            }
            switch (columns.get(i).type().kind()) {
                case SMALLINT, INTEGER, BIGINT -> g.writeNumber(v);
                case REAL, DOUBLE, NUMERIC -> {
                    if (v.equals("NaN") || v.endsWith("Infinity")) {
                        g.writeString(v);
                    } else {
                        g.writeNumber(v);
                    }
                }
                case BOOLEAN -> g.writeBoolean(v.equals("true") || v.equals("t"));
                case JSON, JSONB -> g.writeRawValue(v);
                default -> g.writeString(v);
            }
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }
}
