package io.syncc.runtime.codegen;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds of values JDBC has no object for (generated INSERT binders call these). Dates and times
 * are bound as the server's text ({@link Conversions#dateText} and siblings), typed by the column.
 */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** Binds a numeric; NaN and ±Infinity (which BigDecimal cannot hold) as text typed by the column. */
    public static void bindNumeric(PreparedStatement ps, int index, BigDecimal v) throws SQLException {
        if (PgText.isSpecial(v)) {
            ps.setObject(index, PgText.numericText(v), Types.OTHER);
        } else {
            ps.setBigDecimal(index, v);
        }
    }
}
