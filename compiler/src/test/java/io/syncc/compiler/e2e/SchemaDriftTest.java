package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that gained columns since its sink table was made: {@code check} warns about each
 * (SYN308), and {@code sink { add missing columns }} adds them (typed as a created table's
 * would be) before the load, the rows already there keeping NULL.
 */
class SchemaDriftTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @Test
    void columnsTheSourceGainedAreReportedAndAddedOnRequest() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS drift_t", "CREATE TABLE drift_t (id int PRIMARY KEY, name text)",
                "INSERT INTO drift_t VALUES (100, 'before')");
        String csv = "id,name,zip,joined\n1,a,08123,2026-01-02\n2,b,10115,2026-01-03\n";
        Path job = Projects.write(dir, """
                job drift {
                  source files.people
                  sink pg.drift_t { on conflict replace }
                  map by name { }
                }
                """, "people.csv", csv);
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.err().contains("warning[SYN308]: source column 'zip' has no sink column in pg.public.drift_t and is not copied"),
                check.toString());
        assertTrue(check.err().contains("warning[SYN308]: source column 'joined' has no sink column"), check.toString());

        Files.writeString(job, Files.readString(job).replace("on conflict replace", "on conflict replace  add missing columns"));
        check = Cli.run("check", job.toString());
        assertFalse(check.err().contains("SYN308"), check.toString());
        Cli.Result run = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("id:integer,name:text,zip:text,joined:date", TestDb.text("SELECT string_agg(attname || ':' || format_type(atttypid,"
                + " NULL), ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'drift_t'::regclass AND attnum > 0"));
        assertEquals("1|a|08123|2026-01-02,2|b|10115|2026-01-03,100|before||", TestDb.text(
                "SELECT string_agg(concat_ws('|', id, name, coalesce(zip, ''), coalesce(joined::text, '')), ',' ORDER BY id) FROM drift_t"));

        Cli.Result again = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(3, TestDb.count("drift_t"));
    }
}
