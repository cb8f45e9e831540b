package io.syncc.runtime.files;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.TimeFormat;
import io.syncc.runtime.codegen.Utf8Text;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A record of a table's file as the generated decoder sees it: the file's fields in the table's
 * order (a file whose header orders the same columns otherwise is read through {@code order}), then
 * the values of the partition the file is in (its {@code key=value} folders) as more fields, typed
 * by the same rules. So a partition key is a column like any other: mapped, converted, and a value
 * that does not fit its column makes the row dirty with the column named.
 */
public final class PartitionedRecord implements CsvRecord {

    private final int fileFields;
    private final int[] order;
    private final TextRecord partition;
    private CsvRecord file;

    /**
     * @param order  for each of the table's file columns, the field of this file that holds it, or
     *               {@code null} when the file has them in the table's order
     * @param values the partition's values (a NULL partition's value is {@code null}), empty outside partitions
     */
    public PartitionedRecord(int fileFields, int[] order, List<String> values) {
        this.fileFields = fileFields;
        this.order = order;
        this.partition = new TextRecord(values.size());
        for (int i = 0; i < values.size(); i++) {
            partition.set(i, values.get(i));
        }
    }

    /** The file record the next decode reads. */
    public PartitionedRecord of(CsvRecord record) {
        this.file = record;
        return this;
    }

    /** The file's raw fields followed by the partition values, for dirty-row files. */
    public String[] rawFields(String[] fileRaw) {
        String[] all = java.util.Arrays.copyOf(fileRaw, fileRaw.length + partition.fieldCount());
        System.arraycopy(partition.values(), 0, all, fileRaw.length, partition.fieldCount());
        return all;
    }

    private int at(int field) {
        return order == null ? field : order[field];
    }

    @Override
    public int fieldCount() {
        return fileFields + partition.fieldCount();
    }

    @Override
    public boolean isNull(int field) {
        return field < fileFields ? file.isNull(at(field)) : partition.isNull(field - fileFields);
    }

    @Override
    public String text(int field, String column) throws ConversionException {
        return field < fileFields ? file.text(at(field), column) : partition.text(field - fileFields, column);
    }

    @Override
    public void utf8(int field, String column, Utf8Text into) throws ConversionException {
        if (field < fileFields) {
            file.utf8(at(field), column, into);
        } else {
            partition.utf8(field - fileFields, column, into);
        }
    }

    @Override
    public boolean bool(int field, String column) throws ConversionException {
        return field < fileFields ? file.bool(at(field), column) : partition.bool(field - fileFields, column);
    }

    @Override
    public short int16(int field, String column) throws ConversionException {
        return field < fileFields ? file.int16(at(field), column) : partition.int16(field - fileFields, column);
    }

    @Override
    public int int32(int field, String column) throws ConversionException {
        return field < fileFields ? file.int32(at(field), column) : partition.int32(field - fileFields, column);
    }

    @Override
    public long int64(int field, String column) throws ConversionException {
        return field < fileFields ? file.int64(at(field), column) : partition.int64(field - fileFields, column);
    }

    @Override
    public float float32(int field, String column) throws ConversionException {
        return field < fileFields ? file.float32(at(field), column) : partition.float32(field - fileFields, column);
    }

    @Override
    public double float64(int field, String column) throws ConversionException {
        return field < fileFields ? file.float64(at(field), column) : partition.float64(field - fileFields, column);
    }

    @Override
    public BigDecimal decimal(int field, String column) throws ConversionException {
        return field < fileFields ? file.decimal(at(field), column) : partition.decimal(field - fileFields, column);
    }

    @Override
    public int date(int field, String column, TimeFormat format) throws ConversionException {
        return field < fileFields ? file.date(at(field), column, format) : partition.date(field - fileFields, column, format);
    }

    @Override
    public long timestamp(int field, String column, TimeFormat format) throws ConversionException {
        return field < fileFields ? file.timestamp(at(field), column, format) : partition.timestamp(field - fileFields, column, format);
    }

    @Override
    public long timestamptz(int field, String column, TimeFormat format) throws ConversionException {
        return field < fileFields ? file.timestamptz(at(field), column, format) : partition.timestamptz(field - fileFields, column, format);
    }

    @Override
    public long time(int field, String column, TimeFormat format) throws ConversionException {
        return field < fileFields ? file.time(at(field), column, format) : partition.time(field - fileFields, column, format);
    }

    @Override
    public UUID uuid(int field, String column) throws ConversionException {
        return field < fileFields ? file.uuid(at(field), column) : partition.uuid(field - fileFields, column);
    }

    @Override
    public String raw(int field) {
        return field < fileFields ? file.raw(at(field)) : partition.raw(field - fileFields);
    }

    @Override
    public long line() {
        return file.line();
    }
}
