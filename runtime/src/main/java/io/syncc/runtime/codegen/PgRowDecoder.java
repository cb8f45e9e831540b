package io.syncc.runtime.codegen;

/**
 * The decoder of a PostgreSQL source: the generated {@code jdbcDecoder()} returns one when the
 * source's codec is {@link io.syncc.runtime.spi.SourceCodec.Shape#PG_BINARY}, and the source reads
 * every split by {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} (see
 * {@code postgres.PostgresSource}). Columns forwarded unchanged are viewed as their bytes; the
 * others are decoded from binary into their row representation. Its JDBC {@code decode} is not
 * used (it refuses).
 */
public interface PgRowDecoder<S> extends JdbcRowDecoder<S> {

    void decodeBinary(PgBinaryRecord record, S row) throws ConversionException;
}
