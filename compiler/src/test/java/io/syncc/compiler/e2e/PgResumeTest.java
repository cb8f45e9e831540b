package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL source changed between a failed run and its resume: a row updated, inserted or
 * deleted inside a split the failed run committed makes the resume refuse, naming the split and
 * what changed; a change only in the split that failed is what resuming is for, and the target
 * then holds exactly the source's rows.
 */
class PgResumeTest {

    @TempDir
    Path dir;

    private Path job;

    @BeforeEach
    void tables() throws Exception {
        TestDb.server();
        // 4 splits of about 250 ids with parallelism 1, read in order; id 900 cannot become an integer
        TestDb.exec("DROP TABLE IF EXISTS pr_src, pr_dst",
                "CREATE TABLE pr_src (id int PRIMARY KEY, v text, note text)",
                "INSERT INTO pr_src SELECT g, g::text, md5(g::text) FROM generate_series(1, 1000) g",
                "UPDATE pr_src SET v = 'nine hundred' WHERE id = 900",
                "CREATE TABLE pr_dst (id int, n int, note text)");
        job = Projects.write(dir, "job pr {\n  source pg.pr_src { split by id }\n  sink pg.pr_dst { write copy }\n"
                + "  map { id  v -> n as int  note }\n  channel { parallelism 1  errors 0 }\n}\n", null, null);
    }

    private Cli.Result run() throws Exception {
        return Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
    }

    @Test
    void anUpdatedRowInACommittedSplitRefusesTheResumeAndRestoringItResumes() throws Exception {
        Cli.Result failed = run();
        assertEquals(1, failed.exitCode(), failed.toString());
        long committed = TestDb.longValue("SELECT count(*) FROM pr_dst");
        assertEquals(committed, TestDb.longValue("SELECT max(id) FROM pr_dst"), "the splits before the bad row, whole: " + committed);
        assertTrue(committed > 500 && committed < 900, "three of four splits committed: " + committed);

        TestDb.exec("UPDATE pr_src SET note = 'changed' WHERE id = 10");
        Cli.Result refused = run();
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.out().contains("reason        cannot resume: the rows of \"public\".\"pr_src\" changed ("), refused.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" changed \\((\\d+) rows then, (\\d+) now, some with other values\\)"
                + " since an unfinished run committed its rows \\(split key\\(").matcher(refused.out());
        assertTrue(m.find(), refused.toString());
        assertEquals(m.group(1), m.group(2));
        long splitRows = Long.parseLong(m.group(1));
        assertTrue(splitRows >= 10 && splitRows <= committed, refused.toString());
        assertEquals(committed, TestDb.longValue("SELECT count(*) FROM pr_dst"), "nothing written by the refused run");

        TestDb.exec("DELETE FROM pr_src WHERE id = 11");
        Cli.Result deleted = run();
        assertTrue(deleted.out().contains(" changed (" + splitRows + " rows then, " + (splitRows - 1) + " now) since "), deleted.toString());

        TestDb.exec("UPDATE pr_src SET note = md5(id::text) WHERE id = 10",
                "INSERT INTO pr_src VALUES (11, '11', md5('11'))",
                "UPDATE pr_src SET v = '900' WHERE id = 900"); // the failed split's row: fixing it is what resuming is for
        Cli.Result resumed = run();
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("(" + (1000 - committed) + " by this run, " + committed + " resumed)"), resumed.out());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM ((SELECT id, v::int, note FROM pr_src EXCEPT ALL SELECT * FROM pr_dst)"
                + " UNION ALL (SELECT * FROM pr_dst EXCEPT ALL SELECT id, v::int, note FROM pr_src)) d"));
    }
}
