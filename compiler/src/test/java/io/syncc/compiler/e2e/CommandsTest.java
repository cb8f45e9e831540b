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

/** check, preview, ddl, ping, catalog pull and --offline, through the CLI. */
class CommandsTest {

    static final String JOB = """
            job people {
              source files.people
              sink pg.cmd_people { create if missing }
              map by name { name -> full_name  "cli" -> origin }
            }
            """;
    static final String CSV = "id,name,born\n1,Ann,1990-01-02\n2,\"Lee, Bo\",\n";

    @Test
    void tabSeparatedFilesAreFoundWithoutTheirExtension() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cmd_tsv");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource tabs { type csv path "data" delimiter "\\t" }
                datasource pg { type postgres url embedded }
                """);
        Files.writeString(dir.resolve("data/scores.tsv"), "id\tscore\n1\t9.5\n2\t7\n");
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job tsv { source tabs.scores  sink pg.cmd_tsv { create if missing } }\n");
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1:9.5,2:7", TestDb.text("SELECT string_agg(id || ':' || score, ',' ORDER BY id) FROM cmd_tsv"));
    }

    @Test
    void aSparkOutputFolderIsReadAsItsPartFiles() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cmd_spark");
        Path table = Files.createDirectories(dir.resolve("data/orders"));
        Files.writeString(table.resolve("_SUCCESS"), "");
        Files.write(table.resolve(".part-0.crc"), new byte[] {0x63, 0x72, 0x63, 0, 0, 2, 0, 0, 1, 2, 3, 4});
        Files.write(table.resolve("part-0.csv.crc"), new byte[] {0x63, 0x72, 0x63, 0, 0, 2, 0, 0, 5, 6, 7, 8});
        Files.writeString(table.resolve("part-0.csv"), "id,amount\n1,1.5\n2,2.5\n");
        Files.writeString(table.resolve("part-1.csv"), "id,amount\n3,3.5\n");
        Path job = Projects.write(dir, "job spark { source files.orders  sink pg.cmd_spark { create if missing } }\n", null, null);
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals("", check.err());
        Cli.Result r = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows read     3\n"), r.out());
        assertTrue(r.out().contains("dirty rows    0\n"), r.out());
        assertEquals("1:1.5,2:2.5,3:3.5", TestDb.text("SELECT string_agg(id || ':' || amount, ',' ORDER BY id) FROM cmd_spark"));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS cmd_people");
    }

    @Test
    void checkReportsEveryErrorOfEveryFileAndExitsOne() throws Exception {
        Projects.write(dir, JOB, "people.csv", CSV);
        Files.writeString(dir.resolve("broken.sync"), "job a { sink pg.t { write cpy } }\njob b { channel { parallelism 0 } }\n");
        Cli.Result r = Cli.run("check", dir.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("broken.sync:1:27: error[SYN100]: unexpected 'cpy'; expected copy or insert"), r.err());
        // what parsed around the syntax error is checked too: the sink's table, and all of job b
        assertTrue(r.err().contains("broken.sync:1:17: error[SYN202]: table public.t does not exist in datasource 'pg'"), r.err());
        assertTrue(r.err().contains("broken.sync:2:5: error[SYN208]: job 'b' has no source block"), r.err());
        assertTrue(r.err().contains("broken.sync:2:19: error[SYN501]: parallelism must be between 1 and 256, not 0"), r.err());
        assertFalse(r.err().contains("job 'a' has no source block"), "job a's blocks may be what the syntax error hides: " + r.err());
        assertTrue(r.err().endsWith("5 errors\n"), r.err());

        Files.delete(dir.resolve("broken.sync"));
        Files.writeString(dir.resolve("other.sync"), "job b { source files.peple  sink pg.t }\njob c { source files.people  sink pg.t2 { on conflict ignore } }\n");
        r = Cli.run("check", dir.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("other.sync:1:22: error[SYN202]: unknown file or folder 'peple' in datasource 'files'; did you mean 'people'?"), r.err());
        assertTrue(r.err().contains("other.sync:2:38: error[SYN202]: table public.t2 does not exist"), r.err());
        assertTrue(r.err().contains("3 errors"), r.err());

        Files.delete(dir.resolve("other.sync"));
        r = Cli.run("check", dir.resolve("job.sync").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ok: 1 job checked\n", r.out());
    }

    @Test
    void previewShowsTheRecordsARunWouldRejectWithTheirReasonAndAnEncodingHint() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource files { type csv path "data" }
                datasource pg { type postgres url embedded }
                """);
        Files.write(dir.resolve("data/scores.csv"), new byte[] {'i', 'd', ',', 'n', 'a', 'm', 'e', ',', 's', 'c', 'o', 'r', 'e', '\n',
            '1', ',', 'a', ',', '5', '\n', '2', ',', 'b', ',', 'x', '\n', '3', ',', (byte) 0xc0, (byte) 0xaf, ',', '7', '\n', '4', ',', 'd', ',', '8', '\n'});
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job scores { source files.scores { columns { score int } }  sink pg.cmd_scores { create if missing } }\n");
        Cli.Result r = Cli.run("preview", job.toString(), "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("(2 rows)\n\n2 records were rejected on the way (a run keeps them as dirty rows):\n"
                + "  scores.csv line 3: column score: cannot read \"x\" as integer\n"
                + "  scores.csv line 4: column name: invalid byte sequence for encoding \"UTF8\": 0xc0 0xaf at byte 0 of the field\n"
                + "hint: the file does not decode with the datasource's encoding; if it is not UTF-8, set it, e.g. encoding \"GBK\"\n"),
                r.out());
    }

    @Test
    void previewDdlAndPing() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cmd_people");
        Path job = Projects.write(dir, JOB, "people.csv", CSV);
        Cli.Result preview = Cli.run("preview", job.toString(), "--rows", "5");
        assertEquals(0, preview.exitCode(), preview.toString());
        assertEquals("""
                id | full_name | born       | origin
                ---+-----------+------------+-------
                1  | Ann       | 1990-01-02 | cli
                2  | Lee, Bo   | NULL       | cli
                (2 rows)
                """, preview.out());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pg_tables WHERE tablename = 'cmd_people'"), "preview writes nothing");

        Cli.Result ddl = Cli.run("ddl", job.toString());
        assertEquals(0, ddl.exitCode(), ddl.toString());
        assertEquals("""
                CREATE TABLE IF NOT EXISTS "public"."cmd_people" (
                  "id" integer,
                  "full_name" text,
                  "born" date,
                  "origin" text
                );
                """, ddl.out());

        Cli.Result ping = Cli.run("ping", job.toString());
        assertEquals(0, ping.exitCode(), ping.toString());
        assertTrue(ping.out().contains("ok    files: "), ping.out());
        assertTrue(ping.out().contains("ok    pg: PostgreSQL 17"), ping.out());
    }

    @Test
    void catalogSnapshotLetsCompileWorkWithoutTheDatabase() throws Exception {
        Path job = Projects.write(dir, JOB.replace("{ create if missing }", ""), "people.csv", CSV);
        TestDb.exec("DROP TABLE IF EXISTS cmd_people",
                "CREATE TABLE cmd_people (id int PRIMARY KEY, full_name text, born date, origin text)");
        Cli.Result pull = Cli.run("catalog", "pull", job.toString());
        assertEquals(0, pull.exitCode(), pull.toString());
        String snapshot = Files.readString(dir.resolve("syncc.catalog.json"));
        assertTrue(snapshot.contains("\"public.cmd_people\""), snapshot);
        assertTrue(snapshot.contains("\"people\""), snapshot);

        // the database goes away: live checks fail, offline ones use the snapshot
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource files { type csv path "data" }
                datasource pg { type postgres url "jdbc:postgresql://127.0.0.1:1/gone" user "x" }
                """);
        Files.delete(dir.resolve("data/people.csv"));
        Cli.Result live = Cli.run("check", job.toString());
        assertEquals(2, live.exitCode(), live.toString()); // the environment, not the files
        assertTrue(live.err().contains("error[SYN901]"), live.err());
        Cli.Result offline = Cli.run("compile", job.toString(), "--offline", "-o", dir.resolve("people.jar").toString());
        assertEquals(0, offline.exitCode(), offline.toString());
        assertTrue(Files.size(dir.resolve("people.jar")) > 1_000_000);
    }
}
