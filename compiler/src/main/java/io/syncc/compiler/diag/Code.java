package io.syncc.compiler.diag;

/**
 * Stable diagnostic codes. Never renumber: editors, CI logs and quick fixes refer to them.
 * SYN1xx syntax, SYN2xx names and references, SYN3xx types and mapping, SYN4xx sink rules,
 * SYN5xx channel and schedule, SYN6xx datasources and security, SYN9xx environment.
 */
public enum Code {
    SYNTAX("SYN100", "syntax error"),
    UNTERMINATED_STRING("SYN101", "unterminated string"),
    UNRECOGNIZED_CHARACTER("SYN102", "unrecognized character"),

    UNKNOWN_DATASOURCE("SYN201", "unknown datasource"),
    UNKNOWN_TABLE("SYN202", "unknown table"),
    UNKNOWN_COLUMN("SYN203", "unknown column"),
    DUPLICATE_NAME("SYN204", "duplicate name"),
    UNKNOWN_PARAMETER("SYN205", "unknown parameter"),
    UNKNOWN_JOB("SYN206", "unknown job"),
    UNKNOWN_PROPERTY("SYN207", "unknown or misplaced property"),
    MISSING_BLOCK("SYN208", "missing block"),
    DUPLICATE_SETTING("SYN209", "setting given twice"),
    AMBIGUOUS_COLUMN("SYN210", "ambiguous column name"),

    COLUMN_MAPPED_TWICE("SYN301", "sink column mapped twice"),
    NOT_NULL_WITHOUT_VALUE("SYN302", "NOT NULL sink column without a value"),
    INCOMPATIBLE_TYPES("SYN303", "incompatible types"),
    UNKNOWN_TYPE("SYN304", "unknown type"),
    UNSUPPORTED_CONVERSION("SYN305", "unsupported conversion"),
    BAD_FORMAT("SYN306", "invalid time format"),
    BAD_LITERAL("SYN307", "invalid literal"),
    UNMAPPED_SOURCE_COLUMN("SYN308", "source column not mapped"),
    EMPTY_MAPPING("SYN309", "no column is mapped"),

    CONFLICT_WITHOUT_KEY("SYN401", "on conflict needs a primary key"),
    SINK_NOT_WRITABLE("SYN402", "sink datasource cannot be written"),
    UNSAFE_SQL_PARAMETER("SYN403", "parameter inside a SQL string literal"),
    SPLIT_NOT_SUPPORTED("SYN404", "split by not supported here"),
    BAD_SQL("SYN405", "SQL the database refuses"),
    INCREMENTAL_NOT_SUPPORTED("SYN406", "incremental by not supported here"),
    INCREMENTAL_APPENDS_UPDATES("SYN407", "incremental by without on conflict replace"),
    PARTITION_RULE("SYN408", "a partitioned sink's rule"),
    SINK_IS_SOURCE("SYN409", "the sink is the source table"),

    BAD_PARALLELISM("SYN501", "invalid parallelism"),
    BAD_RATE("SYN502", "invalid rate"),
    BAD_ERROR_BUDGET("SYN503", "invalid error budget"),
    BAD_CRON("SYN504", "invalid cron expression"),
    UNREACHABLE_JOB("SYN505", "unreachable after job"),
    DEPENDENCY_CYCLE("SYN506", "dependency cycle"),
    BAD_TIME_EXPRESSION("SYN507", "invalid time expression"),
    BAD_RETRIES("SYN508", "invalid retry count"),

    LITERAL_PASSWORD("SYN601", "literal password"),
    BAD_DATASOURCE("SYN602", "invalid datasource"),
    MISSING_PROPERTY("SYN603", "missing property"),

    METADATA_UNAVAILABLE("SYN901", "metadata unavailable"),
    IO("SYN902", "cannot read file");

    private final String id;
    private final String title;

    Code(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** SYN9xx: the environment (a database, a file) failed, not the text; the CLI exits with 2. */
    public boolean isEnvironment() {
        return id.startsWith("SYN9");
    }
}
