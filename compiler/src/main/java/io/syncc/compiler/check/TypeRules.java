package io.syncc.compiler.check;

import io.syncc.compiler.diag.Suggestions;
import io.syncc.compiler.ast.TypeRef;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.types.SqlType.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which types syncc knows, which values flow into which columns implicitly (widening, like
 * PostgreSQL's implicit and assignment casts that cannot lose data), and which need an explicit
 * {@code as} conversion (parsing text, narrowing numbers: failures become dirty rows).
 */
public final class TypeRules {

    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("boolean", Kind.BOOLEAN), Map.entry("bool", Kind.BOOLEAN),
            Map.entry("smallint", Kind.SMALLINT), Map.entry("int2", Kind.SMALLINT),
            Map.entry("integer", Kind.INTEGER), Map.entry("int", Kind.INTEGER), Map.entry("int4", Kind.INTEGER),
            Map.entry("bigint", Kind.BIGINT), Map.entry("int8", Kind.BIGINT), Map.entry("long", Kind.BIGINT),
            Map.entry("real", Kind.REAL), Map.entry("float4", Kind.REAL), Map.entry("float", Kind.DOUBLE),
            Map.entry("double", Kind.DOUBLE), Map.entry("double precision", Kind.DOUBLE), Map.entry("float8", Kind.DOUBLE),
            Map.entry("numeric", Kind.NUMERIC), Map.entry("decimal", Kind.NUMERIC),
            Map.entry("text", Kind.TEXT), Map.entry("string", Kind.TEXT),
            Map.entry("varchar", Kind.VARCHAR), Map.entry("character varying", Kind.VARCHAR),
            Map.entry("char", Kind.CHAR), Map.entry("character", Kind.CHAR), Map.entry("bpchar", Kind.CHAR),
            Map.entry("date", Kind.DATE),
            Map.entry("timestamp", Kind.TIMESTAMP), Map.entry("timestamp without time zone", Kind.TIMESTAMP),
            Map.entry("datetime", Kind.TIMESTAMP),
            Map.entry("timestamptz", Kind.TIMESTAMPTZ), Map.entry("timestamp with time zone", Kind.TIMESTAMPTZ),
            Map.entry("time", Kind.TIME), Map.entry("time without time zone", Kind.TIME),
            Map.entry("bytea", Kind.BYTEA), Map.entry("uuid", Kind.UUID),
            Map.entry("json", Kind.JSON), Map.entry("jsonb", Kind.JSONB));

    private TypeRules() {
    }

    /** Names accepted in {@code as} and {@code columns { }}, for messages. */
    public static List<String> knownNames() {
        return NAMES.keySet().stream().filter(n -> !n.contains(" ") || n.equals("double precision")).sorted().toList();
    }

    /** Resolves a written type; empty when unknown or when precision/scale make no sense. */
    public static Optional<SqlType> resolve(TypeRef ref) {
        Kind kind = NAMES.get(ref.name().toLowerCase(Locale.ROOT));
        if (kind == null) {
            return Optional.empty();
        }
        int p = ref.precision();
        int s = ref.scale();
        boolean sized = kind == Kind.VARCHAR || kind == Kind.CHAR;
        if (kind == Kind.NUMERIC) {
            if (p > 1000 || s > p) {
                return Optional.empty();
            }
            return Optional.of(new SqlType(kind, p, s));
        }
        if (sized) {
            if (s != 0 || p > 10_485_760) {
                return Optional.empty();
            }
            return Optional.of(new SqlType(kind, p, 0));
        }
        return p == 0 && s == 0 ? Optional.of(SqlType.of(kind)) : Optional.empty();
    }

    /** Resolves a written type, reporting an unknown one (with a suggestion) to {@code diagnostics}. */
    static Optional<SqlType> resolve(TypeRef ref, io.syncc.compiler.diag.Diagnostics diagnostics) {
        Optional<SqlType> t = resolve(ref);
        if (t.isEmpty()) {
            diagnostics.error(io.syncc.compiler.diag.Code.UNKNOWN_TYPE, ref.range(), "unknown type '" + ref.name() + "'"
                    + Suggestions.didYouMean(ref.name(), knownNames()), knownNames());
        }
        return t;
    }

    /** Whether a {@code from} value may be written to a {@code to} column without an {@code as}. */
    public static boolean assignable(SqlType from, SqlType to) {
        Kind f = from.kind();
        Kind t = to.kind();
        if (f == Kind.OTHER || t == Kind.OTHER) {
            return from.equals(to); // carried unchanged into the same type only
        }
        if (f == t) {
            return true;
        }
        if (t.isText()) {
            // every value has a text form; lengths are checked per row
            return true;
        }
        return switch (f) {
            case SMALLINT -> t == Kind.INTEGER || t == Kind.BIGINT || t == Kind.NUMERIC || t == Kind.REAL || t == Kind.DOUBLE;
            case INTEGER -> t == Kind.BIGINT || t == Kind.NUMERIC || t == Kind.DOUBLE;
            case BIGINT -> t == Kind.NUMERIC;
            case REAL -> t == Kind.DOUBLE;
            case TEXT, VARCHAR, CHAR -> t == Kind.JSON || t == Kind.JSONB;
            case JSON -> t == Kind.JSONB;
            case JSONB -> t == Kind.JSON;
            case DATE -> t == Kind.TIMESTAMP || t == Kind.TIMESTAMPTZ;
            case TIMESTAMP -> t == Kind.TIMESTAMPTZ;
            case TIMESTAMPTZ -> t == Kind.TIMESTAMP;
            default -> false;
        };
    }

    /**
     * Whether text whose values were inferred as {@code inferred} can be parsed straight into
     * {@code to} without an {@code as}: file values are text, so any numeric target holds numbers
     * (except fractions into integers), and dates fit timestamps. Out-of-range values are dirty rows.
     */
    public static boolean readableFromText(SqlType inferred, SqlType to) {
        if (assignable(inferred, to)) {
            return true;
        }
        Kind f = inferred.kind();
        Kind t = to.kind();
        if (f.isInteger() && t.isNumeric()) {
            return true;
        }
        if ((f == Kind.REAL || f == Kind.DOUBLE || f == Kind.NUMERIC) && (t == Kind.REAL || t == Kind.DOUBLE || t == Kind.NUMERIC)) {
            return true;
        }
        return f == Kind.DATE && (t == Kind.TIMESTAMP || t == Kind.TIMESTAMPTZ);
    }

    /**
     * Whether an explicit {@code as to} can read a {@code from} value (values that do not convert
     * become dirty rows at run time).
     */
    public static boolean convertible(SqlType from, SqlType to) {
        if (assignable(from, to)) {
            return true;
        }
        Kind f = from.kind();
        Kind t = to.kind();
        if (f == Kind.OTHER || t == Kind.OTHER) {
            return false;
        }
        if (f.isText()) {
            return true; // parse
        }
        if (f.isNumeric() && t.isNumeric()) {
            return true; // narrowing with range checks
        }
        if (f.isTemporal() && t.isTemporal()) {
            return !(f == Kind.TIME || t == Kind.TIME) || f == t;
        }
        if (f.isInteger() && t == Kind.BOOLEAN) {
            return true;
        }
        return false;
    }

    /** Whether a format pattern means something for a conversion to {@code to}. */
    public static boolean takesFormat(SqlType to) {
        return to.kind().isTemporal();
    }
}
