package io.syncc.runtime.codegen;

import java.util.Map;

/**
 * The class the compiler generates for one job implements this. The runtime instantiates it
 * through its public no-argument constructor, calls {@link #init} once, then shares the decoders,
 * mapper and encoders between all worker threads: they hold no per-row state and are thread-safe.
 * Rows are plain mutable objects with one field per column (primitives plus a null flag).
 *
 * @param <S> the generated source row (columns as read, after {@code as} conversions)
 * @param <T> the generated sink row (columns as written)
 */
public interface GeneratedJob<S, T> {

    /**
     * Binds run-time parameters (values of {@code ${name}}) used as constant columns.
     *
     * @throws ConversionException when a parameter value cannot be converted to its column's type
     */
    void init(Map<String, String> params) throws ConversionException;

    /**
     * The plan this class was generated for, built by generated code (job jars start from it
     * without parsing JSON).
     *
     * @throws IllegalStateException when the plan holds a literal password, which is never compiled in
     */
    io.syncc.runtime.plan.JobPlan plan();

    S newSourceRow();

    T newSinkRow();

    /** The decoder for CSV sources; {@code null} when the source is not CSV. */
    CsvRowDecoder<S> csvDecoder();

    /** The decoder for SQL sources; {@code null} when the source is not SQL. */
    JdbcRowDecoder<S> jdbcDecoder();

    RowMapper<S, T> mapper();

    CopyEncoder<T> copyEncoder();

    InsertBinder<T> insertBinder();

    /** Renders source rows as text (dirty-record file). */
    RowRenderer<S> sourceRenderer();

    /** Renders sink rows as text (dirty-record file, preview). */
    RowRenderer<T> sinkRenderer();
}
