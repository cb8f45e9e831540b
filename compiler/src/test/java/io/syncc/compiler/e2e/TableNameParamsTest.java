package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables named with parameters ({@code ods."daily_${bizdate}"}) and files with globs
 * ({@code files."orders_*.csv"}): checked against the newest table the name matches, read as the
 * run's values name them.
 */
class TableNameParamsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    private Cli.Result run(Path job, String... extra) {
        return Cli.runJob(job, dir, extra);
    }

    @Test
    void aDailyTableIsTheOneTheRunsDateNames() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS tnp_daily_20260101, tnp_daily_20260102, tnp_out",
                "CREATE TABLE tnp_daily_20260101 (id int, v text)", "INSERT INTO tnp_daily_20260101 VALUES (1, 'first day')",
                "CREATE TABLE tnp_daily_20260102 (id int, v text)", "INSERT INTO tnp_daily_20260102 VALUES (2, 'second'), (3, 'day')");
        Path job = Projects.write(dir, """
                job daily {
                  source pg."tnp_daily_${bizdate}" { where "id > 0" }
                  sink pg.tnp_out { create if missing  mode overwrite }
                  map by name { }
                }
                """, null, null);
        Cli.Result r = run(job, "-p", "bizdate=20260101");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1|first day", TestDb.text("SELECT string_agg(id || '|' || v, ',' ORDER BY id) FROM tnp_out"));
        r = run(job, "--at", "2026-01-03 03:00");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("2|second,3|day", TestDb.text("SELECT string_agg(id || '|' || v, ',' ORDER BY id) FROM tnp_out"));

        r = run(job, "-p", "bizdate=20991231");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("source table \"public\".\"tnp_daily_20991231\" does not exist in datasource 'pg'"), r.out());

        Files.writeString(job, Files.readString(job).replace("tnp_daily_", "tnp_dialy_"));
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(1, check.exitCode(), check.toString());
        assertTrue(check.err().contains("error[SYN202]: no table of datasource 'pg' matches tnp_dialy_${bizdate} (as tnp_dialy_*), so its"
                + " columns cannot be checked; create one, or name one table"), check.toString());
    }

    @Test
    void aGlobReadsEveryMatchingFileAndAParameterOne() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS tnp_files");
        Projects.write(dir, "", "orders_20260101.csv", "id,v\n1,a\n2,b\n");
        Files.writeString(dir.resolve("data/orders_20260102.csv"), "id,v\n3,c\n");
        Files.writeString(dir.resolve("data/other.csv"), "id,v\n9,z\n");
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job files_in {\n  source files.\"orders_*.csv\"\n  sink pg.tnp_files { create if missing  mode overwrite }\n"
                + "  map by name { }\n}\n");
        Cli.Result all = run(job);
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals("1,2,3", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM tnp_files"));

        Files.writeString(job, Files.readString(job).replace("orders_*.csv", "orders_${day}"));
        Cli.Result one = run(job, "-p", "day=20260102");
        assertEquals(0, one.exitCode(), one.toString());
        assertEquals("3", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM tnp_files"));
    }

    @Test
    void aFolderPathWithAParameterIsTheRunsFolder() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS tnp_days");
        Projects.write(dir, "", null, null);
        for (String[] d : new String[][] {{"20260101", "1,a"}, {"20260102", "2,b\n3,c"}}) {
            Files.createDirectories(dir.resolve("days/" + d[0]));
            Files.writeString(dir.resolve("days/" + d[0] + "/orders.csv"), "id,v\n" + d[1] + "\n");
        }
        Files.writeString(dir.resolve("days.sync"), "datasource daily { type csv path \"days/${bizdate}\" }\n");
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job days {\n  source daily.orders\n  sink pg.tnp_days { create if missing  mode overwrite }\n"
                + "  map by name { }\n}\n");
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(0, check.exitCode(), check.toString());
        Cli.Result r = run(job, "-p", "bizdate=20260101");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM tnp_days"));
        r = run(job, "-p", "bizdate=20260102");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("2,3", TestDb.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM tnp_days"));
        r = run(job, "--at", "2026-03-01 02:00"); // bizdate, a built-in, is then 20260228: no such folder
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("reason        datasource 'daily': path " + dir.resolve("days/20260228") + " does not exist"), r.out());
    }

    /**
     * The files of one table are read by their own headers: a file that orders the columns otherwise
     * is read by name (never by position, which would put values in other columns), and a file whose
     * header names other columns stops the run, naming it.
     */
    @Test
    void eachFileIsReadByItsOwnHeader() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS tnp_parts");
        Projects.write(dir, "", null, null);
        Projects.dataFile(dir, "parts/part-0.csv", "a,b\nA1,B1\n");
        Projects.dataFile(dir, "parts/part-1.csv", "b,a\nB2,A2\n");
        Projects.dataFile(dir, "glob-0.csv", "a,b\nA1,B1\n");
        Projects.dataFile(dir, "glob-1.csv", " b , a \nB2,A2\n");
        Path job = dir.resolve("job.sync");
        for (String table : new String[] {"parts", "\"glob-*.csv\""}) {
            Files.writeString(job, "job parts {\n  source files." + table + "\n  sink pg.tnp_parts { create if missing  mode overwrite }\n"
                    + "  map by name { }\n}\n");
            Cli.Result r = run(job);
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("A1|B1,A2|B2", TestDb.text("SELECT string_agg(a || '|' || b, ',' ORDER BY a) FROM tnp_parts"), table);
        }

        Projects.dataFile(dir, "parts/part-2.csv", "a,b,discount\nA3,B3,5\n");
        Files.writeString(job, Files.readString(job).replace("\"glob-*.csv\"", "parts"));
        Cli.Result r = run(job);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("reason        parts/part-2.csv: its header (a, b, discount) does not name the columns the job was"
                + " checked with (a, b); not in the others: discount. Every file of a table needs the same columns (in any order)"), r.out());
        assertEquals("A1|B1,A2|B2", TestDb.text("SELECT string_agg(a || '|' || b, ',' ORDER BY a) FROM tnp_parts"), "as it was");
    }
}
