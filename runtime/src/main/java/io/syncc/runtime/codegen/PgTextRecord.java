package io.syncc.runtime.codegen;

import java.util.UUID;

/**
 * One row of a PostgreSQL {@code COPY ... TO STDOUT} in text format, as the generated decoder sees
 * it: the server's own output text of each field, escapes undone. Getters read what the matching
 * JDBC getter reads from the same text ({@code getBoolean}, {@code getInt}, {@code getString},
 * {@code getBytes}, ...), so a row decoded from here holds the values the JDBC path holds. Field
 * indexes are 0-based (the column's {@code SourceColumn.position}).
 */
public interface PgTextRecord {

    int fieldCount();

    boolean isNull(int field);

    /** The field's text (escapes undone, UTF-8 decoded): what {@code ResultSet.getString} returns. */
    String text(int field);

    boolean bool(int field);

    short int16(int field);

    int int32(int field);

    long int64(int field);

    float float32(int field);

    double float64(int field);

    UUID uuid(int field);

    /** A bytea field ({@code \x...} hex output) as bytes. */
    byte[] bytea(int field);
}
