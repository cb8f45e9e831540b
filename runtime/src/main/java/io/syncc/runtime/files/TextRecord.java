package io.syncc.runtime.files;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.TimeFormat;
import io.syncc.runtime.codegen.Utf8Text;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

/**
 * A record whose fields are already text (or null): what a JSON object becomes, field by field,
 * for the generated field decoder. Typed getters parse as the CSV path does (the server's input
 * rules, {@link Conversions}); also the partition values of a partitioned file dataset
 * ({@link PartitionedRecord}).
 */
public final class TextRecord implements CsvRecord {

    private final String[] values;
    private long line;

    public TextRecord(int fields) {
        this.values = new String[fields];
    }

    public void clear(long line) {
        Arrays.fill(values, null);
        this.line = line;
    }

    public void set(int field, String value) {
        values[field] = value;
    }

    public String[] values() {
        return values.clone();
    }

    @Override
    public int fieldCount() {
        return values.length;
    }

    @Override
    public boolean isNull(int field) {
        return values[field] == null;
    }

    @Override
    public String text(int field, String column) {
        return values[field];
    }

    @Override
    public void utf8(int field, String column, Utf8Text into) throws ConversionException {
        String v = values[field];
        if (v.indexOf('\0') >= 0) {
            throw new ConversionException("column " + column + ": invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        into.set(v);
    }

    @Override
    public boolean bool(int field, String column) throws ConversionException {
        return Conversions.parseBool(values[field], column);
    }

    @Override
    public short int16(int field, String column) throws ConversionException {
        return Conversions.parseInt16(values[field], column);
    }

    @Override
    public int int32(int field, String column) throws ConversionException {
        return Conversions.parseInt32(values[field], column);
    }

    @Override
    public long int64(int field, String column) throws ConversionException {
        return Conversions.parseInt64(values[field], column);
    }

    @Override
    public float float32(int field, String column) throws ConversionException {
        return Conversions.parseFloat32(values[field], column);
    }

    @Override
    public double float64(int field, String column) throws ConversionException {
        return Conversions.parseFloat64(values[field], column);
    }

    @Override
    public BigDecimal decimal(int field, String column) throws ConversionException {
        return Conversions.parseDecimal(values[field], column);
    }

    @Override
    public int date(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseDate(values[field], column, format);
    }

    @Override
    public long timestamp(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseTimestamp(values[field], column, format);
    }

    @Override
    public long timestamptz(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseTimestamptz(values[field], column, format);
    }

    @Override
    public long time(int field, String column, TimeFormat format) throws ConversionException {
        return Conversions.parseTime(values[field], column, format);
    }

    @Override
    public UUID uuid(int field, String column) throws ConversionException {
        return Conversions.parseUuid(values[field], column);
    }

    @Override
    public String raw(int field) {
        return values[field];
    }

    @Override
    public long line() {
        return line;
    }
}
