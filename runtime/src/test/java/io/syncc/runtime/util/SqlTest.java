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
}
