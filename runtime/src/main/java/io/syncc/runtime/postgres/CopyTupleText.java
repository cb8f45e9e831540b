package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.Utf8Text;
import io.syncc.runtime.types.SqlType;
import java.util.List;

/**
 * Reads a binary COPY tuple back as text, the way the generated sink renderer writes values: how
 * a row the server rejected is written to the dirty-record file without keeping every row of the
 * batch as an object: each value as {@link PgBinaryRecord#text} gives it.
 */
final class CopyTupleText {

    private final List<SqlType> types;

    CopyTupleText(List<SqlType> types) {
        this.types = List.copyOf(types);
    }

    /** The values of the tuple at {@code offset} of {@code b}; null for SQL NULL. */
    String[] render(byte[] b, int offset) {
        int p = offset;
        int n = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        p += 2;
        String[] out = new String[n];
        Utf8Text field = new Utf8Text();
        for (int i = 0; i < n; i++) {
            int len = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            p += 4;
            if (len >= 0) {
                field.view(b, p, len);
                out[i] = PgBinaryRecord.text(types.get(i).kind(), field);
                p += len;
            }
        }
        return out;
    }
}
