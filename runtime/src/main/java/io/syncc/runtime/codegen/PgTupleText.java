package io.syncc.runtime.codegen;

import io.syncc.runtime.types.SqlType;
import java.util.List;

/**
 * Reads a binary COPY tuple back as text, the way the generated renderers write values: each value
 * as {@link PgBinaryRecord#text} gives it, null for SQL NULL. The PostgreSQL sink writes a row the
 * server rejected to the dirty-record file with it (the batch keeps tuples, not row objects), and a
 * job that forwards whole tuples renders its rows with it (they hold no column of their own).
 */
public final class PgTupleText {

    private final SqlType.Kind[] kinds;

    /** The kinds of the tuple's fields, in order. */
    public PgTupleText(SqlType.Kind... kinds) {
        this.kinds = kinds.clone();
    }

    public static PgTupleText of(List<SqlType> types) {
        return new PgTupleText(types.stream().map(SqlType::kind).toArray(SqlType.Kind[]::new));
    }

    /** The values of a tuple viewed as its bytes (field count, then each field's length and bytes). */
    public String[] render(Utf8Text tuple) {
        return render(tuple.bytes(), tuple.offset());
    }

    /** The values of the tuple at {@code offset} of {@code b}. */
    public String[] render(byte[] b, int offset) {
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
                out[i] = PgBinaryRecord.text(kinds[i], field);
                p += len;
            }
        }
        return out;
    }
}
