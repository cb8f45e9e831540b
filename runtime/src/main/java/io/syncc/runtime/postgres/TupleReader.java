package io.syncc.runtime.postgres;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.PgRowDecoder;
import io.syncc.runtime.codegen.Utf8Text;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.spi.DirtyListener;
import io.syncc.runtime.spi.SplitReader;
import io.syncc.runtime.spi.SyncException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a split's binary COPY tuples into rows: counts them, adds each to the split's signature as
 * the server sent it ({@link RowsDigest}), and hands it to the generated decoder; a row it cannot
 * decode is dirty, with the server's text of its values. Where the tuples come from is the
 * subclass's: one COPY of the split ({@code PostgresSource.CopyReader}) or the split's share of
 * one sequential scan of the table ({@link SharedScan}).
 */
abstract class TupleReader<S> implements SplitReader<S> {

    private final PostgresSplit split;
    private final DirtyListener dirty;
    private final PgRowDecoder<S> decoder;
    private final List<SourceColumn> columns;
    private final String table;
    private final int columnCount;
    private final PgBinaryRecord record = new PgBinaryRecord();
    private final RowsDigest digest = RowsDigest.binary();
    private long records;
    private long bytes;

    /** @param columns the source's columns in the order of the tuple's fields */
    TupleReader(PostgresSplit split, DirtyListener dirty, PgRowDecoder<S> decoder, List<SourceColumn> columns, String table) {
        this.split = split;
        this.dirty = dirty;
        this.decoder = decoder;
        this.columns = columns;
        this.table = table;
        this.columnCount = Math.max(1, columns.size());
    }

    /** Points {@code record} at the split's next tuple; {@code false} when the split has no more. */
    abstract boolean nextTuple(PgBinaryRecord record) throws SQLException;

    @Override
    public final boolean next(S row) throws SQLException {
        while (nextTuple(record)) {
            records++;
            bytes += 8L * columnCount;
            byte[] b = record.message();
            digest.add(b, record.tupleStart(), record.tupleEnd() - record.tupleStart());
            if (record.fieldCount() != columnCount) {
                throw new SyncException(SyncException.Kind.INTERNAL, "COPY sent " + record.fieldCount() + " fields, expected " + columnCount);
            }
            try {
                decoder.decodeBinary(record, row);
                return true;
            } catch (ConversionException e) {
                String[] values = new String[columnCount];
                List<String> names = new ArrayList<>();
                Utf8Text field = new Utf8Text();
                for (int i = 0; i < columns.size(); i++) {
                    names.add(columns.get(i).name());
                    if (!record.isNull(i)) {
                        record.view(i, field);
                        values[i] = PgBinaryRecord.text(columns.get(i).type().kind(), field);
                    }
                }
                dirty.dirty(split.id(), location(), names, values, e.getMessage());
            }
        }
        return false;
    }

    @Override
    public final String location() {
        return table + " split " + split.id() + " row " + records;
    }

    /** The rows read so far as the server sent them: their count and an order-independent checksum. */
    @Override
    public final String signature() {
        return digest.signature();
    }

    @Override
    public final long recordsRead() {
        return records;
    }

    @Override
    public final long bytesRead() {
        return bytes;
    }
}
