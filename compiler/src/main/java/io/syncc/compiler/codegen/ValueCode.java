package io.syncc.compiler.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.JdbcValues;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.types.SqlType.Kind;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.UUID;

/**
 * The per-type pieces of generated code: Java field types, reads, conversions, COPY writes,
 * JDBC binds and text renderings. Every method dispatches on the type once, at generation
 * time, so the generated code has no per-row type switch.
 */
final class ValueCode {

    private static final ClassName CONV = ClassName.get(Conversions.class);
    private static final ClassName JDBC = ClassName.get(JdbcValues.class);

    private ValueCode() {
    }

    static TypeName javaType(SqlType t) {
        return switch (t.kind().repr()) {
            case BOOLEAN -> TypeName.BOOLEAN;
            case SHORT -> TypeName.SHORT;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case STRING -> ClassName.get(String.class);
            case BYTES -> ArrayTypeName.of(TypeName.BYTE);
            case UUID -> ClassName.get(UUID.class);
        };
    }

    /** A type syncc does not decode is only ever carried as bytes: no code reads, converts or writes its values. */
    private static IllegalStateException bytesOnly() {
        return new IllegalStateException("a value of a type syncc does not decode is carried as its bytes only");
    }

    static boolean primitive(SqlType t) {
        return t.kind().repr().primitive();
    }

    /** A CSV field read straight into {@code t}: {@code r.int32(3, "age")}. */
    static CodeBlock csvRead(String record, int field, String column, SqlType t, String format) {
        String fmt = format == null ? "null" : format;
        CodeBlock read = switch (t.kind()) {
            case BOOLEAN -> CodeBlock.of("$L.bool($L, $S)", record, field, column);
            case SMALLINT -> CodeBlock.of("$L.int16($L, $S)", record, field, column);
            case INTEGER -> CodeBlock.of("$L.int32($L, $S)", record, field, column);
            case BIGINT -> CodeBlock.of("$L.int64($L, $S)", record, field, column);
            case REAL -> CodeBlock.of("$L.float32($L, $S)", record, field, column);
            case DOUBLE -> CodeBlock.of("$L.float64($L, $S)", record, field, column);
            case NUMERIC -> CodeBlock.of("$L.decimal($L, $S)", record, field, column);
            case TEXT, VARCHAR, CHAR, JSON, JSONB -> CodeBlock.of("$L.text($L, $S)", record, field, column);
            case DATE -> CodeBlock.of("$L.date($L, $S, $L)", record, field, column, fmt);
            case TIMESTAMP -> CodeBlock.of("$L.timestamp($L, $S, $L)", record, field, column, fmt);
            case TIMESTAMPTZ -> CodeBlock.of("$L.timestamptz($L, $S, $L)", record, field, column, fmt);
            case TIME -> CodeBlock.of("$L.time($L, $S, $L)", record, field, column, fmt);
            case UUID -> CodeBlock.of("$L.uuid($L, $S)", record, field, column);
            case BYTEA -> CodeBlock.of("$T.parseBytea($L.text($L, $S), $S)", CONV, record, field, column, column);
            case OTHER -> throw bytesOnly();
        };
        return fit(read, t, column);
    }

    /** The JDBC getter for a stored type, and the Java type it returns. */
    record JdbcRead(TypeName type, CodeBlock get, boolean primitive) {
    }

    static JdbcRead jdbcRead(String rs, int index, SqlType stored) {
        return switch (stored.kind()) {
            case BOOLEAN -> new JdbcRead(TypeName.BOOLEAN, CodeBlock.of("$L.getBoolean($L)", rs, index), true);
            case SMALLINT -> new JdbcRead(TypeName.SHORT, CodeBlock.of("$L.getShort($L)", rs, index), true);
            case INTEGER -> new JdbcRead(TypeName.INT, CodeBlock.of("$L.getInt($L)", rs, index), true);
            case BIGINT -> new JdbcRead(TypeName.LONG, CodeBlock.of("$L.getLong($L)", rs, index), true);
            case REAL -> new JdbcRead(TypeName.FLOAT, CodeBlock.of("$L.getFloat($L)", rs, index), true);
            case DOUBLE -> new JdbcRead(TypeName.DOUBLE, CodeBlock.of("$L.getDouble($L)", rs, index), true);
            // numeric, date and time values are read as the server's text: NaN, ±infinity, BC and 24:00 have no JDBC object
            case NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ, TIME -> new JdbcRead(ClassName.get(String.class), CodeBlock.of("$L.getString($L)", rs, index), false);
            case TEXT, VARCHAR, CHAR, JSON, JSONB -> new JdbcRead(ClassName.get(String.class), CodeBlock.of("$L.getString($L)", rs, index), false);
            case UUID -> new JdbcRead(ClassName.get(UUID.class), CodeBlock.of("$L.getObject($L, $T.class)", rs, index, UUID.class), false);
            case BYTEA -> new JdbcRead(ArrayTypeName.of(TypeName.BYTE), CodeBlock.of("$L.getBytes($L)", rs, index), false);
            case OTHER -> throw bytesOnly();
        };
    }

    /**
     * The read of a non-null field of a binary COPY tuple ({@code PgBinaryRecord}), already in the
     * row representation of its stored type (as {@link #fromJdbc} gives from a JDBC read).
     */
    static CodeBlock binaryRead(String r, int field, SqlType stored, String column) {
        return switch (stored.kind()) {
            case BOOLEAN -> CodeBlock.of("$L.bool($L)", r, field);
            case SMALLINT -> CodeBlock.of("$L.int16($L)", r, field);
            case INTEGER -> CodeBlock.of("$L.int32($L)", r, field);
            case BIGINT -> CodeBlock.of("$L.int64($L)", r, field);
            case REAL -> CodeBlock.of("$L.float32($L)", r, field);
            case DOUBLE -> CodeBlock.of("$L.float64($L)", r, field);
            case NUMERIC -> CodeBlock.of("$L.numeric($L)", r, field);
            case TEXT, VARCHAR, CHAR, JSON -> CodeBlock.of("$L.text($L)", r, field);
            case JSONB -> CodeBlock.of("$L.jsonb($L)", r, field);
            case DATE -> CodeBlock.of("$L.date($L)", r, field);
            case TIMESTAMP -> CodeBlock.of("$L.timestamp($L, $S)", r, field, column);
            case TIMESTAMPTZ -> CodeBlock.of("$L.timestamptz($L, $S)", r, field, column);
            case TIME -> CodeBlock.of("$L.time($L)", r, field);
            case UUID -> CodeBlock.of("$L.uuid($L)", r, field);
            case BYTEA -> CodeBlock.of("$L.bytea($L)", r, field);
            case OTHER -> throw bytesOnly();
        };
    }

    /** A JDBC value (non-null) in the row representation of its stored type. */
    static CodeBlock fromJdbc(String v, SqlType stored, String column) {
        return switch (stored.kind()) {
            case NUMERIC -> CodeBlock.of("$T.decimal($L)", CONV, v);
            case DATE -> CodeBlock.of("$T.epochDays($L)", CONV, v);
            case TIMESTAMP -> CodeBlock.of("$T.epochMicros($L, false, $S)", CONV, v, column);
            case TIMESTAMPTZ -> CodeBlock.of("$T.epochMicros($L, true, $S)", CONV, v, column);
            case TIME -> CodeBlock.of("$T.microsOfDay($L)", CONV, v);
            default -> CodeBlock.of("$L", v);
        };
    }

    /**
     * Converts a non-null value held in {@code from}'s representation to {@code to}'s (checked
     * conversions throw ConversionException naming {@code column}).
     */
    static CodeBlock convert(CodeBlock e, SqlType from, SqlType to, String column, String format) {
        Kind f = from.kind();
        Kind t = to.kind();
        String fmt = format == null ? "null" : format;
        if (f == t && from.precision() == to.precision() && from.scale() == to.scale()) {
            return e;
        }
        if (f == Kind.CHAR && t != Kind.CHAR) {
            // char(n) to text, varchar or any type goes through text as the server casts it: trailing spaces dropped
            return fit(parseText(CodeBlock.of("$T.charToText($L)", CONV, e), to, column, fmt), to, column);
        }
        if (f.isText() || f == Kind.JSON || f == Kind.JSONB) {
            return fit(parseText(e, to, column, fmt), to, column);
        }
        if (t.isText() || t == Kind.JSON || t == Kind.JSONB) {
            return fit(text(e, from), to, column);
        }
        if (f.isInteger()) {
            return switch (t) {
                case SMALLINT -> f == Kind.SMALLINT ? e : CodeBlock.of("$T.toInt16((long) ($L), $S)", CONV, e, column);
                case INTEGER -> f == Kind.BIGINT ? CodeBlock.of("$T.toInt32($L, $S)", CONV, e, column) : CodeBlock.of("(int) ($L)", e);
                case BIGINT -> CodeBlock.of("(long) ($L)", e);
                case REAL -> CodeBlock.of("(float) ($L)", e);
                case DOUBLE -> CodeBlock.of("(double) ($L)", e);
                case NUMERIC -> fit(CodeBlock.of("$T.decimal((long) ($L))", CONV, e), to, column);
                case BOOLEAN -> CodeBlock.of("(($L) != 0)", e);
                case DATE, TIMESTAMP, TIMESTAMPTZ, TIME -> parseText(CodeBlock.of("$T.text((long) ($L))", CONV, e), to, column, fmt);
                default -> unsupported(from, to);
            };
        }
        if (f == Kind.REAL || f == Kind.DOUBLE) {
            return switch (t) {
                case REAL -> f == Kind.REAL ? e : CodeBlock.of("$T.toFloat32((double) ($L), $S)", CONV, e, column);
                case DOUBLE -> CodeBlock.of("(double) ($L)", e);
                case BIGINT -> CodeBlock.of("$T.toInt64((double) ($L), $S)", CONV, e, column);
                case INTEGER -> CodeBlock.of("$T.toInt32($T.toInt64((double) ($L), $S), $S)", CONV, CONV, e, column, column);
                case SMALLINT -> CodeBlock.of("$T.toInt16($T.toInt64((double) ($L), $S), $S)", CONV, CONV, e, column, column);
                case NUMERIC -> fit(f == Kind.REAL ? CodeBlock.of("$T.decimal32($L, $S)", CONV, e, column)
                        : CodeBlock.of("$T.decimal((double) ($L), $S)", CONV, e, column), to, column);
                default -> unsupported(from, to);
            };
        }
        if (f == Kind.NUMERIC) {
            return switch (t) {
                case BIGINT -> CodeBlock.of("$T.toInt64($L, $S)", CONV, e, column);
                case INTEGER -> CodeBlock.of("$T.toInt32($T.toInt64($L, $S), $S)", CONV, CONV, e, column, column);
                case SMALLINT -> CodeBlock.of("$T.toInt16($T.toInt64($L, $S), $S)", CONV, CONV, e, column, column);
                case REAL -> CodeBlock.of("$T.toFloat32($L, $S)", CONV, e, column);
                case DOUBLE -> CodeBlock.of("$T.toFloat64($L, $S)", CONV, e, column);
                case NUMERIC -> fit(e, to, column);
                default -> unsupported(from, to);
            };
        }
        return switch (f) {
            case DATE -> switch (t) {
                case TIMESTAMP, TIMESTAMPTZ -> CodeBlock.of("$T.dateToTimestamp($L, $S)", CONV, e, column);
                default -> unsupported(from, to);
            };
            case TIMESTAMP, TIMESTAMPTZ -> switch (t) {
                case TIMESTAMP, TIMESTAMPTZ -> e;
                case DATE -> CodeBlock.of("$T.timestampToDate($L)", CONV, e);
                default -> unsupported(from, to);
            };
            default -> unsupported(from, to);
        };
    }

    /** Parses text into {@code to} (the conversions of {@code as} and of literals). */
    static CodeBlock parseText(CodeBlock e, SqlType to, String column, String fmt) {
        return switch (to.kind()) {
            case BOOLEAN -> CodeBlock.of("$T.parseBool($L, $S)", CONV, e, column);
            case SMALLINT -> CodeBlock.of("$T.parseInt16($L, $S)", CONV, e, column);
            case INTEGER -> CodeBlock.of("$T.parseInt32($L, $S)", CONV, e, column);
            case BIGINT -> CodeBlock.of("$T.parseInt64($L, $S)", CONV, e, column);
            case REAL -> CodeBlock.of("$T.parseFloat32($L, $S)", CONV, e, column);
            case DOUBLE -> CodeBlock.of("$T.parseFloat64($L, $S)", CONV, e, column);
            case NUMERIC -> CodeBlock.of("$T.parseDecimal($L, $S)", CONV, e, column);
            case TEXT, VARCHAR, CHAR, JSON, JSONB -> e;
            case DATE -> CodeBlock.of("$T.parseDate($L, $S, $L)", CONV, e, column, fmt);
            case TIMESTAMP -> CodeBlock.of("$T.parseTimestamp($L, $S, $L)", CONV, e, column, fmt);
            case TIMESTAMPTZ -> CodeBlock.of("$T.parseTimestamptz($L, $S, $L)", CONV, e, column, fmt);
            case TIME -> CodeBlock.of("$T.parseTime($L, $S, $L)", CONV, e, column, fmt);
            case UUID -> CodeBlock.of("$T.parseUuid($L, $S)", CONV, e, column);
            case BYTEA -> CodeBlock.of("$T.parseBytea($L, $S)", CONV, e, column);
            case OTHER -> throw bytesOnly();
        };
    }

    /** Text form of a non-null value (renderers and conversions to text). */
    static CodeBlock text(CodeBlock e, SqlType from) {
        return switch (from.kind()) {
            case TEXT, VARCHAR, CHAR, JSON, JSONB -> e;
            case BOOLEAN -> CodeBlock.of("$T.text($L)", CONV, e);
            case SMALLINT, INTEGER, BIGINT -> CodeBlock.of("$T.text((long) ($L))", CONV, e);
            case REAL -> CodeBlock.of("$T.realText($L)", CONV, e);
            case DOUBLE -> CodeBlock.of("$T.text((double) ($L))", CONV, e);
            case NUMERIC, UUID, BYTEA -> CodeBlock.of("$T.text($L)", CONV, e);
            case DATE -> CodeBlock.of("$T.dateText($L)", CONV, e);
            case TIMESTAMP -> CodeBlock.of("$T.timestampText($L)", CONV, e);
            case TIMESTAMPTZ -> CodeBlock.of("$T.timestamptzText($L)", CONV, e);
            case TIME -> CodeBlock.of("$T.timeText($L)", CONV, e);
            case OTHER -> throw bytesOnly();
        };
    }

    /** Length / precision checks of the target type. */
    static CodeBlock fit(CodeBlock e, SqlType to, String column) {
        if ((to.kind() == Kind.VARCHAR || to.kind() == Kind.CHAR) && to.precision() > 0) {
            return CodeBlock.of("$T.fitText($L, $L, $S)", CONV, e, to.precision(), column);
        }
        if (to.kind() == Kind.NUMERIC && to.precision() > 0) {
            return CodeBlock.of("$T.fitDecimal($L, $L, $L, $S)", CONV, e, to.precision(), to.scale(), column);
        }
        return e;
    }

    /** One binary COPY write of a non-null value. */
    static CodeBlock copyWrite(String out, CodeBlock e, SqlType t) {
        String method = switch (t.kind()) {
            case BOOLEAN -> "writeBool";
            case SMALLINT -> "writeInt16";
            case INTEGER -> "writeInt32";
            case BIGINT -> "writeInt64";
            case REAL -> "writeFloat32";
            case DOUBLE -> "writeFloat64";
            case NUMERIC -> "writeNumeric";
            case TEXT, VARCHAR, CHAR, JSON -> "writeText";
            case JSONB -> "writeJsonb";
            case DATE -> "writeDate";
            case TIMESTAMP, TIMESTAMPTZ -> "writeTimestamp";
            case TIME -> "writeTime";
            case UUID -> "writeUuid";
            case BYTEA -> "writeBytes";
            case OTHER -> throw bytesOnly();
        };
        return CodeBlock.of("$L.$L($L)", out, method, e);
    }

    /** One JDBC bind of a non-null value. */
    static CodeBlock bind(String ps, CodeBlock index, CodeBlock e, SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> CodeBlock.of("$L.setBoolean($L, $L)", ps, index, e);
            case SMALLINT -> CodeBlock.of("$L.setShort($L, $L)", ps, index, e);
            case INTEGER -> CodeBlock.of("$L.setInt($L, $L)", ps, index, e);
            case BIGINT -> CodeBlock.of("$L.setLong($L, $L)", ps, index, e);
            case REAL -> CodeBlock.of("$L.setFloat($L, $L)", ps, index, e);
            case DOUBLE -> CodeBlock.of("$L.setDouble($L, $L)", ps, index, e);
            case NUMERIC -> CodeBlock.of("$T.bindNumeric($L, $L, $L)", JDBC, ps, index, e);
            case TEXT, VARCHAR, CHAR -> CodeBlock.of("$L.setString($L, $L)", ps, index, e);
            case JSON, JSONB -> CodeBlock.of("$L.setObject($L, $L, $T.OTHER)", ps, index, e, Types.class);
            // dates and times are bound as the server's own text (infinity, BC, 24:00 included), typed by the column
            case DATE -> CodeBlock.of("$L.setObject($L, $T.dateText($L), $T.OTHER)", ps, index, CONV, e, Types.class);
            case TIMESTAMP -> CodeBlock.of("$L.setObject($L, $T.timestampText($L), $T.OTHER)", ps, index, CONV, e, Types.class);
            case TIMESTAMPTZ -> CodeBlock.of("$L.setObject($L, $T.timestamptzText($L), $T.OTHER)", ps, index, CONV, e, Types.class);
            case TIME -> CodeBlock.of("$L.setObject($L, $T.timeText($L), $T.OTHER)", ps, index, CONV, e, Types.class);
            case UUID -> CodeBlock.of("$L.setObject($L, $L)", ps, index, e);
            case BYTEA -> CodeBlock.of("$L.setBytes($L, $L)", ps, index, e);
            case OTHER -> throw bytesOnly();
        };
    }

    /** The java.sql.Types constant for setNull. */
    static String sqlTypesName(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE";
            case NUMERIC -> "NUMERIC";
            case TEXT, VARCHAR -> "VARCHAR";
            case CHAR -> "CHAR";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMP_WITH_TIMEZONE";
            case TIME -> "TIME";
            case BYTEA -> "BINARY";
            case UUID, JSON, JSONB, OTHER -> "OTHER";
        };
    }

    private static CodeBlock unsupported(SqlType from, SqlType to) {
        throw new IllegalStateException("no conversion from " + from + " to " + to + " (the checker should have refused it)");
    }
}
