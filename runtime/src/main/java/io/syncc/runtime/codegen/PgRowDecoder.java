package io.syncc.runtime.codegen;

/**
 * A decoder for PostgreSQL sources that reads both a JDBC result set and a row of
 * {@code COPY ... TO STDOUT} text: the generated {@code jdbcDecoder()} returns one, and the source
 * reads by COPY when it can (see {@code postgres.PostgresSource}). Both produce the same values.
 */
public interface PgRowDecoder<S> extends JdbcRowDecoder<S> {

    void decodeText(PgTextRecord record, S row) throws ConversionException;
}
