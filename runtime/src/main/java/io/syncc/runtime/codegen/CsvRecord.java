package io.syncc.runtime.codegen;

import java.math.BigDecimal;

/**
 * One record of a delimited file, as the generated decoder sees it. Implementations parse
 * fields lazily from the reader's buffer: numeric getters do not allocate Strings. Field
 * indexes are 0-based. Every getter names the column in its {@link ConversionException}.
 * A field is null when it is unquoted and equals the datasource's null marker.
 */
public interface CsvRecord {

    int fieldCount();

    boolean isNull(int field);

    String text(int field, String column) throws ConversionException;

    /**
     * The field's text as UTF-8 bytes copied into {@code into}, without making a String (files in
     * UTF-8: the bytes are validated, not decoded; other encodings are transcoded). Invalid UTF-8
     * and NUL bytes are conversion errors, so the row is dirty here rather than rejected by the server.
     */
    void utf8(int field, String column, Utf8Text into) throws ConversionException;

    boolean bool(int field, String column) throws ConversionException;

    short int16(int field, String column) throws ConversionException;

    int int32(int field, String column) throws ConversionException;

    long int64(int field, String column) throws ConversionException;

    float float32(int field, String column) throws ConversionException;

    double float64(int field, String column) throws ConversionException;

    BigDecimal decimal(int field, String column) throws ConversionException;

    /** ISO {@code yyyy-MM-dd}, or {@code format} when not null; days since 1970-01-01. */
    int date(int field, String column, TimeFormat format) throws ConversionException;

    /** ISO local date-time ({@code T} or space), or {@code format}; microseconds since the epoch (no zone). */
    long timestamp(int field, String column, TimeFormat format) throws ConversionException;

    /** As {@link #timestamp}, with an offset if present (else UTC); microseconds since the epoch, UTC. */
    long timestamptz(int field, String column, TimeFormat format) throws ConversionException;

    /** ISO local time, or {@code format}; microseconds since midnight. */
    long time(int field, String column, TimeFormat format) throws ConversionException;

    java.util.UUID uuid(int field, String column) throws ConversionException;

    /** The raw text of the field (quotes removed), for messages and dirty files. */
    String raw(int field);

    /** The 1-based line of its file where the record starts (the header is line 1), for messages. */
    long line();
}
