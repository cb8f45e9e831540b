package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a load does to the target, through generated code: every write method × conflict strategy
 * × mode against a table holding rows 1 and 2 ('old'), loading rows 2..5 ('new').
 */
class LoadSemanticsTest {

    static final String CSV = "id,v,amount,day\n2,new,1.50,2026-01-02\n3,new,2.25,2026-01-03\n4,new,,2026-01-04\n5,new,4.00,\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    /** A target table (key id) made anew, holding {@code rows} (SQL VALUES). */
    static void target(String table, String rows) throws java.sql.SQLException {
        TestDb.exec("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id int PRIMARY KEY, v text NOT NULL, amount numeric(8,2), day date)",
                "INSERT INTO " + table + " VALUES " + rows);
    }

    static Stream<Arguments> matrix() {
        return Stream.of("copy", "insert").flatMap(write -> Stream.of(
                // conflict, mode, expected rows "id:v" in id order, expected dirty rows
                Arguments.of(write, "replace", "append", "1:old,2:new,3:new,4:new,5:new", 0),
                Arguments.of(write, "ignore", "append", "1:old,2:old,3:new,4:new,5:new", 0),
                Arguments.of(write, null, "append", "1:old,2:old,3:new,4:new,5:new", 1),
                Arguments.of(write, "replace", "overwrite", "2:new,3:new,4:new,5:new", 0),
                Arguments.of(write, "ignore", "overwrite", "2:new,3:new,4:new,5:new", 0),
                Arguments.of(write, null, "overwrite", "2:new,3:new,4:new,5:new", 0)));
    }

    @ParameterizedTest(name = "write {0}, on conflict {1}, mode {2}")
    @MethodSource("matrix")
    void loads(String write, String conflict, String mode, String expected, int dirty) throws Exception {
        String table = "m_" + write + "_" + conflict + "_" + mode;
        target(table, "(1, 'old', 0, '2025-01-01'), (2, 'old', 0, '2025-01-02')");
        Path job = Projects.write(dir, "job j {\n  source files.rows\n  sink pg." + table + " {\n    write " + write + "\n"
                + (conflict == null ? "" : "    on conflict " + conflict + "\n") + "    mode " + mode + "\n  }\n"
                + "  map by name { }\n  channel { parallelism 2  errors 5 }\n}\n", "rows.csv", CSV);
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected, TestDb.text("SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM " + table));
        assertTrue(r.out().contains("dirty rows    " + dirty), r.out());
        // values survive the trip: numeric, NULL and date
        assertEquals(expected.contains("4:new") ? "4||2026-01-04" : null,
                TestDb.text("SELECT concat(id, '|', amount, '|', day) FROM " + table + " WHERE id = 4 AND v = 'new'"));
    }

    /** on conflict ignore: the summary says how many of the rows written the target kept out (their key was there). */
    @ParameterizedTest(name = "write {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"copy", "insert"})
    void onConflictIgnoreCountsTheRowsItKeptOut(String write) throws Exception {
        String table = "m_" + write + "_ignored";
        target(table, "(3, 'old', 0, '2025-01-03')");
        Path job = Projects.write(dir, "job j {\n  source files.rows\n  sink pg." + table + " {\n    write " + write
                + "\n    on conflict ignore\n  }\n  map by name { }\n}\n", "rows.csv",
                "id,v,amount,day\n1,first,1.00,2026-01-01\n1,second,1.00,2026-01-01\n2,new,2.00,2026-01-02\n3,new,3.00,2026-01-03\n");
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("  rows written  4\n  ignored       2 of them: their key was in the target already (on conflict"
                + " ignore)\n  dirty rows    0\n"), r.out());
        assertEquals(3, TestDb.longValue("SELECT count(*) FROM " + table));
        assertEquals("2:new,3:old", TestDb.text("SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM " + table + " WHERE id > 1"));
    }

    @ParameterizedTest(name = "write {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"copy", "insert"})
    void onConflictFailFailsTheJobAndLeavesTheTable(String write) throws Exception {
        String table = "m_" + write + "_fail";
        target(table, "(1, 'old', 0, '2025-01-01'), (2, 'old', 0, '2025-01-02')");
        Path job = Projects.write(dir, "job j {\n  source files.rows\n  sink pg." + table + " {\n    write " + write
                + "\n    on conflict fail\n  }\n  map by name { }\n  channel { errors 5 }\n}\n", "rows.csv", CSV);
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("reason        on conflict fail: a row's key is already in public." + table
                + " (in the target before the run, or from an earlier row of the source) (Key (id)=(2) already exists.); the split rolled back"), r.out());
        assertEquals("1:old,2:old", TestDb.text("SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM " + table));
    }

    @Test
    void badValuesBecomeDirtyRowsWithTheirReasonAndTheRestIsWritten() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS dirty_t", "CREATE TABLE dirty_t (id int PRIMARY KEY, qty int, day date)");
        Path job = Projects.write(dir, """
                job j {
                  source files.rows { columns { qty int } }
                  sink pg.dirty_t
                  map by name { day as date format "yyyyMMdd" }
                  channel { errors 2 }
                }
                """, "rows.csv", "id,qty,day\n1,10,20260101\n2,ten,20260102\n3,30,2026-01-03\n4,40,20260104\n");
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1,4", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM dirty_t"));
        assertTrue(r.out().contains("dirty rows    2"), r.out());
        Path dirtyFile = Files.list(dir.resolve("dirty"))
                .filter(p -> p.getFileName().toString().startsWith("j-")).sorted().reduce((a, b) -> b).orElseThrow();
        String dirtyText = Files.readString(dirtyFile);
        assertTrue(dirtyText.contains("column qty: cannot read \\\"ten\\\" as integer"), dirtyText);
        assertTrue(dirtyText.contains("column day: cannot read \\\"2026-01-03\\\" as date with format \\\"yyyyMMdd\\\""), dirtyText);
    }

    @Test
    void overTheBudgetTheJobFailsAndAnOverwriteLeavesTheOldRows() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS budget_t", "CREATE TABLE budget_t (id int PRIMARY KEY, qty int)",
                "INSERT INTO budget_t VALUES (100, 1), (101, 2)");
        Path job = Projects.write(dir, """
                job j {
                  source files.rows
                  sink pg.budget_t { mode overwrite }
                  map by name { qty as int }
                  channel { errors 1 }
                }
                """, "rows.csv", "id,qty\n1,x\n2,y\n3,3\n");
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString(), "--fresh");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertEquals("100,101", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM budget_t"));
    }
}
