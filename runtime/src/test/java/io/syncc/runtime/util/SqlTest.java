package io.syncc.runtime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SqlText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void identifiersAreAlwaysQuoted() {
        assertEquals("\"order\"", Sql.quoteIdent("order"));
        assertEquals("\"Mixed Case\"", Sql.quoteIdent("Mixed Case"));
        assertEquals("\"a\"\"; drop table x; --\"", Sql.quoteIdent("a\"; drop table x; --"));
        assertEquals("\"s\".\"t\"", Sql.qualified("s", "t"));
        assertEquals("\"a\", \"b\"", Sql.identList(List.of("a", "b")));
    }

    @Test
    void parameterValuesAreLookedUpInOrderAndMissingOnesNamed() {
        SqlText sql = new SqlText("dt = ? AND region = ?", List.of("bizdate", "region"));
        assertArrayEquals(new Object[] {"20240101", "eu'"}, Sql.values(sql, Map.of("bizdate", "20240101", "region", "eu'")));
        SyncException e = assertThrows(SyncException.class, () -> Sql.values(sql, Map.of("bizdate", "x")));
        assertEquals("parameter ${region} has no value: pass --param region=...", e.getMessage());
    }

    /** A ? inside a string literal or a quoted identifier (doubled quotes included) is not a placeholder. */
    @Test
    void placeholdersAreTheQuestionMarksOutsideQuotes() {
        String sql = "a = ? AND b = '?' AND \"c?\" = ? AND d = 'it''s ?' AND e = ?";
        assertArrayEquals(new int[] {4, sql.indexOf("= ? AND d") + 2, sql.length() - 1}, Sql.placeholders(sql));
        assertEquals("a = 1 AND b = '?' AND \"c?\" = 'x' AND d = 'it''s ?' AND e = NULL",
                Sql.inline(sql, List.of("1", "'x'", "NULL")));
        assertEquals(0, Sql.openQuote(sql, sql.length()));
        assertEquals('\'', Sql.openQuote("x = 'it''s", 10));
        assertArrayEquals(new int[0], Sql.placeholders("'?' \"?\""));
        assertEquals("more placeholders than values", assertThrows(IllegalArgumentException.class,
                () -> Sql.inline(sql, List.of("1", "2"))).getMessage());
        assertEquals("4 values for 3 placeholders", assertThrows(IllegalArgumentException.class,
                () -> Sql.inline(sql, List.of("1", "2", "3", "4"))).getMessage());
    }
}
