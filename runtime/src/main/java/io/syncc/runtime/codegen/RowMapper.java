package io.syncc.runtime.codegen;

/** Maps a source row to a sink row: renames, defaults, constants and widening conversions inlined. */
@FunctionalInterface
public interface RowMapper<S, T> {
    void map(S in, T out) throws ConversionException;
}
