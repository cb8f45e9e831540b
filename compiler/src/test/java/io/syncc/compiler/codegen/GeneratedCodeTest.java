package io.syncc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SourceColumn;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The code generated for a PostgreSQL → PostgreSQL job with renames, a default, a time
 * conversion, a narrowing, a constant and a parameter: compared with a reviewed golden file,
 * then compiled in memory and executed on rows.
 */
class GeneratedCodeTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/OrdersToWarehouseJob.java");

    static final String PROJECT = """
            datasource ods { type postgres url "jdbc:postgresql://db.example/ods" user "sync" password env("ODS_PASSWORD") }
            datasource dw { type postgres url "jdbc:postgresql://db.example/dw" user "sync" password env("DW_PASSWORD") }
            job orders_to_warehouse {
              source ods.orders { where "amount > ${min_amount}"  split by order_id }
              sink dw.fact_orders { write copy  on conflict replace }
              map by name {
                customer -> customer_name
                status default "unknown"
                order_time -> ordered_at as timestamp format "yyyyMMddHHmmss"
                big_qty -> qty as int
                "pg_to_pg" -> source_system
                ${bizdate} -> load_date
                skip note
              }
              channel { parallelism 4  rate 1000 rows/s  errors 1% }
            }
            """;

    /** The catalog a snapshot would hold: no database needed. */
    static final class Snapshot implements Catalog {
        @Override
        public Optional<TableInfo> table(DatasourcePlan ds, String schema, String table) {
            if (table.equals("orders")) {
                return Optional.of(new TableInfo(schema, table, List.of(
                        col("order_id", SqlType.of(SqlType.Kind.BIGINT), false, 1),
                        col("customer", SqlType.of(SqlType.Kind.TEXT), true, 0),
                        col("status", SqlType.of(SqlType.Kind.TEXT), true, 0),
                        col("amount", new SqlType(SqlType.Kind.NUMERIC, 12, 2), true, 0),
                        col("order_time", SqlType.of(SqlType.Kind.BIGINT), true, 0),
                        col("big_qty", SqlType.of(SqlType.Kind.BIGINT), true, 0),
                        col("note", SqlType.of(SqlType.Kind.TEXT), true, 0))));
            }
            if (table.equals("fact_orders")) {
                return Optional.of(new TableInfo(schema, table, List.of(
                        col("order_id", SqlType.of(SqlType.Kind.BIGINT), false, 1),
                        col("customer_name", new SqlType(SqlType.Kind.VARCHAR, 40, 0), true, 0),
                        col("status", SqlType.of(SqlType.Kind.TEXT), false, 0),
                        col("amount", new SqlType(SqlType.Kind.NUMERIC, 14, 2), true, 0),
                        col("ordered_at", SqlType.of(SqlType.Kind.TIMESTAMPTZ), true, 0),
                        col("qty", SqlType.of(SqlType.Kind.INTEGER), true, 0),
                        col("source_system", SqlType.of(SqlType.Kind.TEXT), true, 0),
                        col("load_date", SqlType.of(SqlType.Kind.DATE), true, 0))));
            }
            return Optional.empty();
        }

        @Override
        public List<String> tables(DatasourcePlan ds, String schema) {
            return List.of("orders", "fact_orders");
        }

        static ColumnInfo col(String name, SqlType type, boolean nullable, int key) {
            return new ColumnInfo(name, type.sql(), type, nullable, false, key);
        }
    }

    static CheckedJob job() {
        Diagnostics diagnostics = new Diagnostics();
        var file = SyncSourceParser.parse("orders.sync", PROJECT).file().orElseThrow();
        List<CheckedJob> jobs = new ProjectChecker(new Snapshot()).check(List.of(new ProjectChecker.Unit(file, Path.of("."))), diagnostics);
        assertEquals(List.of(), diagnostics.sorted());
        return jobs.get(0);
    }

    @Test
    void generatedSourceMatchesTheReviewedGoldenFile() throws Exception {
        String generated = Compilation.source(job()).toString();
        if (Boolean.getBoolean("syncc.updateGolden")) {
            Files.writeString(GOLDEN, generated);
        }
        assertEquals(Files.readString(GOLDEN), generated,
                "generated code changed; review it and update with -Dsyncc.updateGolden=true");
        // secrets appear only as where they are read from (the values never reach the compiler)
        assertTrue(generated.contains("new SecretRef(SecretRef.Kind.ENV, \"ODS_PASSWORD\")"), "the password is an env() reference");
    }

    @Test
    void generatedCodeCompilesAndMapsRows() throws Exception {
        Compilation c = Compilation.of(job());
        @SuppressWarnings("unchecked")
        GeneratedJob<Object, Object> program = (GeneratedJob<Object, Object>) c.instantiate();
        assertThrows(ConversionException.class, () -> program.init(Map.of()), "a missing parameter is refused");
        program.init(Map.of("bizdate", "20260315", "min_amount", "0"));

        Object in = program.newSourceRow();
        set(in, "order_id", 7L);
        set(in, "customer", "Ann");
        set(in, "status", null);
        set(in, "amount", new BigDecimal("12.345"));
        // `as` conversions happen when reading: the source row already holds a timestamp and an int
        set(in, "order_time", io.syncc.runtime.codegen.Conversions.parseTimestamp("20260102030405", "order_time",
                io.syncc.runtime.codegen.TimeFormat.of("yyyyMMddHHmmss")));
        set(in, "big_qty", 42);
        Object out = program.newSinkRow();
        program.mapper().map(in, out);
        assertArrayEquals(new String[] {"7", "Ann", "unknown", "12.35", "2026-01-02 03:04:05+00", "42", "pg_to_pg", "2026-03-15"},
                program.sinkRenderer().render(out));
        assertEquals(List.of("order_id", "customer_name", "status", "amount", "ordered_at", "qty", "source_system", "load_date"),
                program.sinkRenderer().columnNames());

        set(in, "customer", "x".repeat(41));
        ConversionException e = assertThrows(ConversionException.class, () -> program.mapper().map(in, out));
        assertEquals("column customer_name: value of 41 characters is too long for length 40", e.getMessage());
    }

    @Test
    void thePlanIsCompiledIntoTheJobClass() {
        Compilation c = Compilation.of(job());
        assertEquals(c.plan(), c.instantiate().plan(), "the generated plan() builds the very plan it was generated from");
    }

    /**
     * 1,600 columns (PostgreSQL's most) compile both ways a PostgreSQL → PostgreSQL job can be
     * generated: forwarding whole tuples (every column the same type) and column by column (every
     * other column converted to numeric).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "whole tuples {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aPlanOfSixteenHundredColumnsStillCompiles(boolean wholeTuples) {
        JobPlan small = Compilation.of(job()).plan();
        List<SourceColumn> src = new java.util.ArrayList<>();
        List<SinkColumn> dst = new java.util.ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            src.add(new SourceColumn("column_with_a_long_name_" + i, SqlType.of(SqlType.Kind.BIGINT), SqlType.of(SqlType.Kind.BIGINT), null, i));
            dst.add(new SinkColumn("column_with_a_long_name_" + i, SqlType.of(wholeTuples || i % 2 == 1 ? SqlType.Kind.BIGINT : SqlType.Kind.NUMERIC), true));
        }
        JobPlan wide = new JobPlan("wide", "wide.sync",
                new io.syncc.runtime.plan.SourcePlan(small.source().datasource(), "public", "wide", src, null, null, 0),
                new io.syncc.runtime.plan.SinkPlan(small.sink().datasource(), "public", "wide", dst, List.of(),
                        io.syncc.runtime.plan.SinkPlan.WriteMethod.COPY, io.syncc.runtime.plan.SinkPlan.ConflictStrategy.NONE,
                        io.syncc.runtime.plan.SinkPlan.LoadMode.APPEND, null, List.of(), List.of()),
                small.channel(), List.of(), "io.syncc.generated.WideJob");
        List<JobGenerator.Value> values = new java.util.ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            values.add(new JobGenerator.Value(i, null));
        }
        JobGenerator generator = new JobGenerator(wide, values);
        assertEquals(wholeTuples, generator.forwardsWholeTuples());
        var source = generator.generate();
        Map<String, byte[]> classes = InMemoryCompiler.compile(List.of(source));
        Compilation c = new Compilation(wide, values, classes);
        assertEquals(wide, c.instantiate().plan());
    }

    /**
     * Sets the source-row field of a column (fields are named s{index}_{column}); a column forwarded
     * as its binary COPY bytes gets the bytes of a long or the UTF-8 of a string.
     */
    static void set(Object row, String column, Object value) throws Exception {
        for (Field f : row.getClass().getFields()) {
            if (f.getName().matches("s\\d+_" + column)) {
                if (f.getType() == io.syncc.runtime.codegen.Utf8Text.class) {
                    row.getClass().getField(f.getName() + "Null").setBoolean(row, value == null);
                    if (value != null) {
                        byte[] b = value instanceof Long l ? java.nio.ByteBuffer.allocate(8).putLong(l).array()
                                : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        ((io.syncc.runtime.codegen.Utf8Text) f.get(row)).set(b, 0, b.length);
                    }
                } else if (f.getType().isPrimitive()) {
                    row.getClass().getField(f.getName() + "Null").setBoolean(row, value == null);
                    if (value != null) {
                        f.set(row, value);
                    }
                } else {
                    f.set(row, value);
                }
                return;
            }
        }
        throw new IllegalArgumentException("no field for " + column);
    }
}
