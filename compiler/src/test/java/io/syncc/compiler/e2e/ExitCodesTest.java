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
 * The exit codes the README promises: 0 success, 1 errors in the files or a failed job, 2 bad
 * usage or environment (for example an unreachable database).
 */
class ExitCodesTest {

    static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/gone";

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS exit_people");
    }

    @Test
    void noArgumentsIsUsage() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("Usage: syncc [-hV] [COMMAND]\n"), r.err());
        assertEquals("", r.out());
        Cli.Result catalog = Cli.run("catalog");
        assertEquals(2, catalog.exitCode(), catalog.toString());
        assertTrue(catalog.err().startsWith("Usage: syncc catalog [-hV] [COMMAND]\n"), catalog.err());
    }

    @Test
    void anUnknownJobIsUsageAndListsTheJobs() throws Exception {
        Path file = Projects.write(dir, "job a { source files.people  sink pg.exit_people { create if missing } }\n"
                + "job b { source files.people  sink pg.exit_people { create if missing } }\n", "people.csv", "id\n1\n");
        for (String command : new String[] {"run", "compile", "ddl", "preview"}) {
            Cli.Result r = Cli.run(command, file.toString(), "--job", "nope");
            assertEquals(2, r.exitCode(), r.toString());
            assertEquals("error: no job named 'nope' in " + file.toAbsolutePath() + "; jobs: a, b\n", r.err());
        }
        Cli.Result r = Cli.run("run", file.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("error: the file declares 2 jobs (a, b); choose one with --job NAME\n", r.err());
    }

    @Test
    void aMissingParameterIsUsage() throws Exception {
        Path file = Projects.write(dir, "job a { source files.people  sink pg.exit_people { create if missing }  map by name { ${day} -> day as date } }\n",
                "people.csv", "id\n1\n");
        Cli.Result r = Cli.run("run", file.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        // located at its first use, before anything is read
        assertEquals(file.toAbsolutePath() + ":1:87: error[SYN205]: job a needs parameter ${day}: pass -p day=VALUE", r.err().lines().findFirst().orElseThrow());
        assertTrue(r.err().endsWith("^~~~~~\n1 error\n"), r.err());
    }

    @Test
    void anUnreachableDatabaseIsTheEnvironment() throws Exception {
        Path file = Projects.write(dir, "job a { source files.people  sink pg.exit_people { create if missing } }\n", "people.csv", "id\n1\n");
        Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                + "datasource pg { type postgres url \"" + UNREACHABLE + "\" user \"x\" }\n");
        String refused = "error[SYN901]: cannot read metadata of pg.public.exit_people: cannot connect to datasource 'pg' ("
                + UNREACHABLE + "): Connection to 127.0.0.1:1 refused.";
        for (String command : new String[] {"check", "run", "compile", "ddl", "preview"}) {
            Cli.Result r = Cli.run(command, file.toString());
            assertEquals(2, r.exitCode(), command + ": " + r);
            assertTrue(r.err().contains(refused), command + ": " + r.err());
        }
        Cli.Result ping = Cli.run("ping", file.toString());
        assertEquals(2, ping.exitCode(), ping.toString());
        assertTrue(ping.out().contains("FAIL  pg: "), ping.out());
    }

    @Test
    void anOfflineRunWhoseDatabaseIsGoneStopsBeforeTheLoad() throws Exception {
        Path file = Projects.write(dir, "job a { source files.people  sink pg.exit_people }\n", "people.csv", "id\n1\n");
        TestDb.exec("DROP TABLE IF EXISTS exit_people", "CREATE TABLE exit_people (id int)");
        Cli.Result pull = Cli.run("catalog", "pull", file.toString());
        assertEquals(0, pull.exitCode(), pull.toString());
        Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                + "datasource pg { type postgres url \"" + UNREACHABLE + "\" user \"x\" }\n");
        Cli.Result r = Cli.run("run", file.toString(), "--offline", "--no-progress", "--work-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: cannot connect to datasource 'pg' (" + UNREACHABLE + "): Connection to 127.0.0.1:1 refused."),
                r.err());
        assertEquals("", r.out(), "no load started, so no summary");
        // a missing snapshot is the environment too
        Files.delete(dir.resolve("syncc.catalog.json"));
        Cli.Result noSnapshot = Cli.run("check", "--offline", file.toString());
        assertEquals(2, noSnapshot.exitCode(), noSnapshot.toString());
    }
}
