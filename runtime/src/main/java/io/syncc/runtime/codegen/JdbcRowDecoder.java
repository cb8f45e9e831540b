package io.syncc.runtime.codegen;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Decodes the current row of a result set (columns in {@code SourceColumn.position} order, 1-based in JDBC). */
@FunctionalInterface
public interface JdbcRowDecoder<S> {
    void decode(ResultSet resultSet, S row) throws SQLException, ConversionException;
}
