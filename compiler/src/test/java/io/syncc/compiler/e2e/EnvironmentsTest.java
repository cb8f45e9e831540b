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

/** One job, two environments: `env NAME { }` settings picked with --env. */
class EnvironmentsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    private Path project(String datasources) throws Exception {
        Files.createDirectories(dir.resolve("dev"));
        Files.createDirectories(dir.resolve("prod"));
        Files.writeString(dir.resolve("dev/items.csv"), "id,name\n1,dev\n");
        Files.writeString(dir.resolve("prod/items.csv"), "id,name\n1,prod\n2,prod\n");
        Files.writeString(dir.resolve("datasources.sync"), datasources);
        Path job = dir.resolve("job.sync");
        Files.writeString(job, "job items {\n  source files.items\n  sink pg.env_items { create if missing  mode overwrite }\n}\n");
        return job;
    }

    @Test
    void theChosenEnvironmentsSettingsReplaceTheOwnOnes() throws Exception {
        Path job = project("""
                datasource files {
                  type csv
                  path "dev"
                  env prod { path "prod" }
                }
                datasource pg {
                  type postgres
                  url "jdbc:postgresql://127.0.0.1:1/nowhere"
                  env prod { url embedded }
                  env dev { url embedded }
                }
                """);
        Cli.Result prod = Cli.run("run", job.toString(), "--env", "prod", "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, prod.exitCode(), prod.toString());
        assertEquals("1|prod,2|prod", TestDb.text("SELECT string_agg(id || '|' || name, ',' ORDER BY id) FROM env_items"));
        Cli.Result dev = Cli.run("run", job.toString(), "--env", "dev", "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, dev.exitCode(), dev.toString());
        assertEquals("1|dev", TestDb.text("SELECT string_agg(id || '|' || name, ',' ORDER BY id) FROM env_items"), "files has no env dev: its own path");
        Cli.Result none = Cli.run("check", job.toString());
        assertEquals(2, none.exitCode(), "without --env: the own url, which cannot be reached\n" + none);
        Cli.Result unknown = Cli.run("check", job.toString(), "--env", "qa");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: no datasource declares env qa { }; environments: dev, prod\n", unknown.err());
    }

    @Test
    void environmentBlocksAreCheckedEvenWhenNotChosen() throws Exception {
        Path job = project("""
                datasource files {
                  type csv
                  path "dev"
                  env prod { paht "prod" }
                  env prod { path "prod" }
                }
                datasource pg {
                  type postgres
                  url embedded
                  env prod { type csv }
                }
                """);
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("datasources.sync:4:14: error[SYN207]: unknown property 'paht' for a csv datasource; did you mean 'path'?"), r.err());
        assertTrue(r.err().contains("datasources.sync:5:7: error[SYN204]: environment 'prod' is given twice in datasource 'files'"), r.err());
        assertTrue(r.err().contains("datasources.sync:10:14: error[SYN207]: the type of datasource 'pg' is the same in every environment; set it outside env prod { }"), r.err());
    }
}
