package io.syncc.runtime.codegen;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds one sink row's columns to consecutive parameters of a (multi-row) INSERT. */
@FunctionalInterface
public interface InsertBinder<T> {
    /**
     * @param firstParameter 1-based index of the row's first column
     */
    void bind(T row, PreparedStatement statement, int firstParameter) throws SQLException;
}
