package io.syncc.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.types.SqlType.Kind;
import io.syncc.runtime.util.Hashing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mapping fingerprint is spelled out by hand (no record toString at job start): it must stay
 * the hash of the columns' record text, or runs recorded by earlier builds would not resume.
 */
class MappingFingerprintTest {

    private static JobPlan plan(List<SourceColumn> in, List<SinkColumn> out) {
        CsvDatasourcePlan csv = new CsvDatasourcePlan("lake", "/tmp/lake", true, ',', '"', "", "UTF-8");
        PostgresDatasourcePlan pg = new PostgresDatasourcePlan("pg", "postgres", "jdbc:postgresql://127.0.0.1:1/x", null, null, Map.of());
        SourcePlan source = new SourcePlan(csv, null, "t.csv", in, null, null, 7);
        SinkPlan sink = new SinkPlan(pg, "public", "t", out, List.of("id"), SinkPlan.WriteMethod.COPY,
                SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of());
        return new JobPlan("j", "j.sync", source, sink, new ChannelPlan(2, 0, 0, 0, -1), List.of(), "io.syncc.generated.JJob");
    }

    /** What the fingerprint hashed before it was spelled out: the records' own text. */
    private static String recordText(JobPlan plan) {
        return Hashing.sha(plan.source().columns() + "\0" + plan.sink().columns() + "\0" + plan.generatedClass());
    }

    @Test
    void sameHashAsTheRecordsText() {
        List<SourceColumn> in = List.of(
                new SourceColumn("id", SqlType.of(Kind.BIGINT), SqlType.of(Kind.BIGINT), null, 0),
                new SourceColumn("na, me]", new SqlType(Kind.VARCHAR, 20, 0), SqlType.of(Kind.TEXT), null, 3),
                new SourceColumn("amount", new SqlType(Kind.NUMERIC, 12, 2), new SqlType(Kind.NUMERIC, 12, 0), null, 1),
                new SourceColumn("day", SqlType.of(Kind.TEXT), SqlType.of(Kind.DATE), "dd.MM.uuuu", 2));
        List<SinkColumn> out = List.of(
                new SinkColumn("id", SqlType.of(Kind.BIGINT), false),
                new SinkColumn("Name", new SqlType(Kind.CHAR, 3, 0), true),
                new SinkColumn("amount", SqlType.of(Kind.NUMERIC), true),
                new SinkColumn("day", SqlType.of(Kind.DATE), true));
        JobPlan p = plan(in, out);
        assertEquals(recordText(p), JobExecution.mappingFingerprint(p));
        JobPlan one = plan(in.subList(0, 1), out.subList(0, 1));
        assertEquals(recordText(one), JobExecution.mappingFingerprint(one));
        JobPlan none = plan(List.of(), List.of());
        assertEquals(recordText(none), JobExecution.mappingFingerprint(none));
        assertNotEquals(JobExecution.mappingFingerprint(p), JobExecution.mappingFingerprint(one));
    }
}
