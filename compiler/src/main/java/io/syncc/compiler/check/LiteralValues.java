package io.syncc.compiler.check;

import io.syncc.compiler.ast.Literal;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.types.SqlType;
import java.util.Optional;

/** Compile-time validation of literals against column types, with the runtime's own parsers. */
final class LiteralValues {

    private LiteralValues() {
    }

    /** Why the literal does not fit the type, or empty when it does (parameters are checked at run time). */
    static Optional<String> problem(Literal literal, SqlType type, String column) {
        if (literal instanceof Literal.Param || literal instanceof Literal.Null) {
            return Optional.empty();
        }
        String text = literal instanceof Literal.Text t ? t.value()
                : literal instanceof Literal.Number n ? n.text()
                : literal instanceof Literal.Bool b ? Boolean.toString(b.value()) : "";
        try {
            switch (type.kind()) {
                case BOOLEAN -> Conversions.parseBool(text, column);
                case SMALLINT -> Conversions.parseInt16(text, column);
                case INTEGER -> Conversions.parseInt32(text, column);
                case BIGINT -> Conversions.parseInt64(text, column);
                case REAL -> Conversions.parseFloat32(text, column);
                case DOUBLE -> Conversions.parseFloat64(text, column);
                case NUMERIC -> Conversions.fitDecimal(Conversions.parseDecimal(text, column), type.precision(), type.scale(), column);
                case TEXT, VARCHAR, CHAR, JSON, JSONB -> Conversions.fitText(text, type.precision(), column);
                case DATE -> Conversions.parseDate(text, column, null);
                case TIMESTAMP -> Conversions.parseTimestamp(text, column, null);
                case TIMESTAMPTZ -> Conversions.parseTimestamptz(text, column, null);
                case TIME -> Conversions.parseTime(text, column, null);
                case UUID -> Conversions.parseUuid(text, column);
                case BYTEA -> {
                    // any text is valid bytes (UTF-8)
                }
            }
            return Optional.empty();
        } catch (ConversionException e) {
            String m = e.getMessage();
            String prefix = "column " + column + ": ";
            return Optional.of(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
    }

    /** The type a constant gets in a table created from the mapping. */
    static SqlType naturalType(Literal literal) {
        if (literal instanceof Literal.Number n) {
            return n.text().contains(".") ? SqlType.of(SqlType.Kind.NUMERIC)
                    : (fitsInt(n.text()) ? SqlType.of(SqlType.Kind.INTEGER) : SqlType.of(SqlType.Kind.BIGINT));
        }
        if (literal instanceof Literal.Bool) {
            return SqlType.of(SqlType.Kind.BOOLEAN);
        }
        return SqlType.of(SqlType.Kind.TEXT);
    }

    private static boolean fitsInt(String digits) {
        try {
            Integer.parseInt(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
