package io.syncc.runtime.types;

import java.util.Objects;

/**
 * A column type as syncc understands it: a kind plus optional length/precision/scale.
 * The same model is used by the checker (compatibility), the plan, the code generator
 * (which Java field and which codec) and the runtime (COPY/INSERT encoding).
 *
 * @param kind      the kind of value
 * @param precision varchar/char length or numeric precision; 0 when not given
 * @param scale     numeric scale; 0 when not given
 * @param name      for {@link Kind#OTHER} only: the type as PostgreSQL's {@code format_type} names it
 *                  ({@code inet}, {@code integer[]}, {@code mood}); {@code null} for every other kind
 */
public record SqlType(Kind kind, int precision, int scale,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String name) {

    public SqlType {
        Objects.requireNonNull(kind, "kind");
        if (precision < 0 || scale < 0) {
            throw new IllegalArgumentException("negative precision/scale");
        }
        if ((kind == Kind.OTHER) != (name != null)) {
            throw new IllegalArgumentException(kind == Kind.OTHER ? "a type of kind other needs its name" : "only a type of kind other has a name");
        }
    }

    public SqlType(Kind kind, int precision, int scale) {
        this(kind, precision, scale, null);
    }

    public static SqlType of(Kind kind) {
        return new SqlType(kind, 0, 0);
    }

    /** A PostgreSQL type syncc carries without decoding it ({@link Kind#OTHER}), named as {@code format_type} names it. */
    public static SqlType other(String pgType) {
        return new SqlType(Kind.OTHER, 0, 0, Objects.requireNonNull(pgType, "pgType"));
    }

    /** How a value of a kind is held in generated rows (one field per column, no boxing for primitives). */
    public enum JavaRepr {
        BOOLEAN("boolean"), SHORT("short"), INT("int"), LONG("long"), FLOAT("float"), DOUBLE("double"),
        DECIMAL("java.math.BigDecimal"), STRING("java.lang.String"), BYTES("byte[]"), UUID("java.util.UUID");

        private final String javaName;

        JavaRepr(String javaName) {
            this.javaName = javaName;
        }

        public String javaName() {
            return javaName;
        }

        public boolean primitive() {
            return this != DECIMAL && this != STRING && this != BYTES && this != UUID;
        }
    }

    /**
     * The kinds. Temporal values are held as primitives: DATE as days since 1970-01-01,
     * TIMESTAMP/TIMESTAMPTZ as microseconds since 1970-01-01T00:00 (UTC for TIMESTAMPTZ),
     * TIME as microseconds since midnight.
     */
    public enum Kind {
        BOOLEAN("boolean", JavaRepr.BOOLEAN, 16),
        SMALLINT("smallint", JavaRepr.SHORT, 21),
        INTEGER("integer", JavaRepr.INT, 23),
        BIGINT("bigint", JavaRepr.LONG, 20),
        REAL("real", JavaRepr.FLOAT, 700),
        DOUBLE("double precision", JavaRepr.DOUBLE, 701),
        NUMERIC("numeric", JavaRepr.DECIMAL, 1700),
        TEXT("text", JavaRepr.STRING, 25),
        VARCHAR("varchar", JavaRepr.STRING, 1043),
        CHAR("char", JavaRepr.STRING, 1042),
        DATE("date", JavaRepr.INT, 1082),
        TIMESTAMP("timestamp", JavaRepr.LONG, 1114),
        TIMESTAMPTZ("timestamptz", JavaRepr.LONG, 1184),
        TIME("time", JavaRepr.LONG, 1083),
        BYTEA("bytea", JavaRepr.BYTES, 17),
        UUID("uuid", JavaRepr.UUID, 2950),
        JSON("json", JavaRepr.STRING, 114),
        JSONB("jsonb", JavaRepr.STRING, 3802),
        /**
         * Any other PostgreSQL type (interval, timetz, inet, cidr, macaddr, money, arrays, enums,
         * domains over them, ranges, bit, varbit, tsvector, xml, point, ...): never decoded, carried as
         * the bytes of its binary COPY form, so only from a PostgreSQL source into a column of the
         * same type of a PostgreSQL table, unchanged.
         */
        OTHER("other", JavaRepr.BYTES, 0);

        private final String sqlName;
        private final JavaRepr repr;
        private final int oid;

        Kind(String sqlName, JavaRepr repr, int oid) {
            this.sqlName = sqlName;
            this.repr = repr;
            this.oid = oid;
        }

        public String sqlName() {
            return sqlName;
        }

        public JavaRepr repr() {
            return repr;
        }

        /** PostgreSQL type OID. */
        public int oid() {
            return oid;
        }

        public boolean isInteger() {
            return this == SMALLINT || this == INTEGER || this == BIGINT;
        }

        public boolean isNumeric() {
            return isInteger() || this == REAL || this == DOUBLE || this == NUMERIC;
        }

        public boolean isText() {
            return this == TEXT || this == VARCHAR || this == CHAR;
        }

        public boolean isTemporal() {
            return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ || this == TIME;
        }
    }

    /** The type as PostgreSQL DDL spells it, e.g. {@code varchar(20)} or {@code numeric(10,2)}. */
    public String sql() {
        return switch (kind) {
            case VARCHAR, CHAR -> precision > 0 ? kind.sqlName() + "(" + precision + ")" : kind.sqlName();
            case NUMERIC -> precision > 0
                    ? (scale > 0 ? "numeric(" + precision + "," + scale + ")" : "numeric(" + precision + ")")
                    : "numeric";
            case OTHER -> name;
            default -> kind.sqlName();
        };
    }

    @Override
    public String toString() {
        return sql();
    }
}
