package io.syncc.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.types.SqlType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A type syncc does not decode keeps its PostgreSQL name through the plan's JSON form; the others write no name. */
class UndecodedTypePlanTest {

    @Test
    void theNameOfAnUndecodedTypeTravelsInThePlanAndOtherTypesHaveNone() throws Exception {
        PostgresDatasourcePlan pg = new PostgresDatasourcePlan("pg", "postgres", null, null, null, Map.of());
        SqlType inet = SqlType.other("inet");
        SqlType moods = SqlType.other("character varying(10)[]");
        SourcePlan source = new SourcePlan(pg, "public", "src", List.of(new SourceColumn("addr", inet, inet, null, 0),
                new SourceColumn("tags", moods, moods, null, 1), new SourceColumn("n", SqlType.of(SqlType.Kind.BIGINT),
                SqlType.of(SqlType.Kind.BIGINT), null, 2)), null, null, 0);
        SinkPlan sink = new SinkPlan(pg, "public", "dst", List.of(new SinkColumn("addr", inet, true), new SinkColumn("tags", moods, true),
                new SinkColumn("n", SqlType.of(SqlType.Kind.BIGINT), true)), List.of(), SinkPlan.WriteMethod.COPY,
                SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of());
        JobPlan plan = new JobPlan("j", "j.sync", source, sink, new ChannelPlan(1, 0, 0, 0, 0, 3), List.of(), "io.syncc.generated.J");
        String json = PlanJson.write(plan);
        assertTrue(json.contains("\"name\" : \"character varying(10)[]\"") || json.contains("\"name\":\"character varying(10)[]\""), json);
        assertFalse(json.contains("\"name\" : null") || json.contains("\"name\":null"), "types syncc decodes write no name");
        assertEquals(plan, PlanJson.read(json));
        assertEquals("inet", inet.sql());
        assertThrows(IllegalArgumentException.class, () -> new SqlType(SqlType.Kind.OTHER, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SqlType(SqlType.Kind.TEXT, 0, 0, "text"));
    }
}
