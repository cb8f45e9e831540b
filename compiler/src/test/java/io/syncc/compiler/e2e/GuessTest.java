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

/** {@code syncc guess} writes a job that checks and runs, and loads every value as the file has it. */
class GuessTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @Test
    void aCsvFileBecomesAJobWhoseTypesKeepEveryValue() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS guess_people");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/guess_people.csv"), "id,zip,amount,joined,active,note,big\n"
                + "1,08123,12.50,2026-01-02,true,\"a, b\",12345678901234567890.5\n"
                + "2,10115,7,2026-02-03,false,,3\n");
        Path out = dir.resolve("guess_people.sync");
        Cli.Result r = Cli.run("guess", dir.resolve("data/guess_people.csv").toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("""
                job guess_people {
                  source files.guess_people {
                    columns {
                      id integer               // integer: all 2 sampled values are integers, e.g. 1
                      zip text                 // text, because 08123 has a leading zero (a number would drop it)
                      amount double precision  // double precision, because 12.50 is not an integer
                      joined date              // date: all 2 sampled values are dates (yyyy-mm-dd), e.g. 2026-01-02
                      active boolean           // boolean: all 2 sampled values are true or false
                      note text                // text, because "a, b" is not a number, a boolean, a date or a timestamp
                      big numeric              // numeric, because 12345678901234567890.5 would not be exact as double precision
                    }
                  }
                  sink warehouse.guess_people {
                    create if missing
                  }
                  map by name { }
                }
                """, Files.readString(out).substring(Files.readString(out).indexOf("job ")));
        assertTrue(Files.readString(out).contains("datasource files {\n  type csv\n  path \"data\"\n"), Files.readString(out));

        Cli.Result run = Cli.run("run", out.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("1|08123|12.5|2026-01-02|t|a, b|12345678901234567890.5,2|10115|7|2026-02-03|f||3", TestDb.text(
                "SELECT string_agg(concat_ws('|', id, zip, amount, joined, active, coalesce(note, ''), big), ',' ORDER BY id) FROM guess_people"));
        assertEquals("text numeric", TestDb.text("SELECT string_agg(format_type(atttypid, atttypmod), ' ' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'guess_people'::regclass AND attname IN ('zip', 'big')"));

        Cli.Result again = Cli.run("guess", dir.resolve("data/guess_people.csv").toString(), "-o", out.toString());
        assertEquals(2, again.exitCode());
        assertEquals("error: " + out + " exists; choose another with -o FILE, or --force to overwrite it\n", again.err());
    }

    @Test
    void aJsonLinesFileAndNamesThatAreTakenAlready() throws Exception {
        Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"elsewhere\" }\n");
        Files.writeString(dir.resolve("events.jsonl"), "{\"id\": 1, \"kind\": \"click\", \"at\": \"2026-11-24 10:00:00\", \"tags\": [\"a\"]}\n"
                + "{\"id\": 2, \"kind\": \"view\", \"at\": \"2026-11-24 10:00:01\", \"tags\": []}\n");
        Cli.Result r = Cli.run("guess", dir.resolve("events.jsonl").toString(), "-o", dir.resolve("events.sync").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String text = Files.readString(dir.resolve("events.sync"));
        assertTrue(text.contains("datasource files2 {\n  type jsonl\n  path \".\"\n}"), text);
        assertTrue(text.contains("      at timestamp  // timestamp: all 2 sampled values are dates and times, e.g. \"2026-11-24 10:00:00\"\n"), text);
        assertTrue(text.contains("      tags jsonb    // jsonb: all 2 sampled values are JSON objects or arrays\n"), text);
        assertEquals(0, Cli.run("check", dir.resolve("events.sync").toString()).exitCode(), Cli.run("check", dir.resolve("events.sync").toString()).toString());
    }

    @Test
    void aTableOfADeclaredDatasourceBecomesACopyJob() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS guess_src, guess_src_copy",
                "CREATE TABLE guess_src (id bigint PRIMARY KEY, name text NOT NULL, zip text, amount numeric(12,2))",
                "INSERT INTO guess_src VALUES (1, 'a', '08123', 1.50), (2, 'b', NULL, NULL)");
        Files.writeString(dir.resolve("datasources.sync"), "datasource pg { type postgres url embedded }\n");
        Path out = dir.resolve("copy.sync");
        Cli.Result r = Cli.run("guess", "pg.guess_src", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String text = Files.readString(out);
        assertTrue(text.contains("job guess_src {\n  source pg.guess_src\n"
                + "  // columns: id bigint not null (key), name text not null, zip text, amount numeric(12,2)\n"
                + "  sink warehouse.guess_src_copy {\n    create if missing\n  }\n  map by name { }\n}\n"), text); // the same database: a name of its own
        Cli.Result run = Cli.run("run", out.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM ((SELECT * FROM guess_src EXCEPT ALL SELECT * FROM guess_src_copy)"
                + " UNION ALL (SELECT * FROM guess_src_copy EXCEPT ALL SELECT * FROM guess_src)) d"));
        assertEquals("bigint NOT NULL,text NOT NULL,text,numeric(12,2)", TestDb.text("SELECT string_agg(format_type(atttypid, atttypmod)"
                + " || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END, ',' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'guess_src_copy'::regclass AND attnum > 0"));

        Cli.Result missing = Cli.run("guess", "pg.guess_sr", "-o", dir.resolve("x.sync").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("error: datasource 'pg' has no table guess_sr; did you mean 'guess_src'?\n", missing.err());
        Cli.Result noDs = Cli.run("guess", "dw.guess_src", "-o", dir.resolve("x.sync").toString());
        assertEquals(2, noDs.exitCode());
        assertTrue(noDs.err().startsWith("error: no datasource 'dw' is declared in the .sync files of "), noDs.err());
    }
}
