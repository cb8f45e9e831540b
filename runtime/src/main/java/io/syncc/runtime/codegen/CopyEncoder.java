package io.syncc.runtime.codegen;

/** Encodes one sink row as a PostgreSQL binary COPY tuple. */
@FunctionalInterface
public interface CopyEncoder<T> {
    void encode(T row, BinaryCopyOut out);
}
