package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * How a connector's source hands rows to the code generated for a job: the generator emits the
 * matching decoder and nothing else.
 *
 * @param shape      what a record is
 * @param utf8Fields for {@link Shape#FIELDS}: whether the fields are UTF-8 bytes, so a text column
 *                   that goes unchanged into an unbounded text column may be copied as bytes,
 *                   never decoded into a String
 */
public record SourceCodec(Shape shape, boolean utf8Fields) {

    /** What a record is. */
    public enum Shape {
        /** Records of text fields (CSV, JSON Lines): {@code GeneratedJob#csvDecoder}. */
        FIELDS,
        /** Database rows of a JDBC result set: {@code GeneratedJob#jdbcDecoder}. */
        ROWS,
        /**
         * Tuples of PostgreSQL's binary COPY ({@code codegen.PgBinaryRecord}): {@code GeneratedJob#jdbcDecoder}
         * returns a {@code codegen.PgRowDecoder}, and a column that goes unchanged into a column of the
         * same type of a sink that {@linkplain Connector#takesPgBinary takes PostgreSQL binary} is
         * forwarded as its bytes.
         */
        PG_BINARY
    }

    /** Database rows. */
    public static final SourceCodec ROWS = new SourceCodec(Shape.ROWS, false);

    /** PostgreSQL binary COPY tuples. */
    public static final SourceCodec PG_BINARY = new SourceCodec(Shape.PG_BINARY, false);

    public SourceCodec {
        Objects.requireNonNull(shape, "shape");
        if (utf8Fields && shape != Shape.FIELDS) {
            throw new IllegalArgumentException("utf8Fields applies to records of fields only");
        }
    }

    /** Records of text fields, UTF-8 bytes or not. */
    public static SourceCodec fields(boolean utf8) {
        return new SourceCodec(Shape.FIELDS, utf8);
    }
}
