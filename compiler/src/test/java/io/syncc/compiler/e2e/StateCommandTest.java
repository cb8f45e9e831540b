package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncc state list|clean}: unfinished runs and their staging tables are visible and removable. */
class StateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFailedOverwriteRunIsListedAndCleanedWithItsStagingTable() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS st_orders", "CREATE TABLE st_orders (id int, note text)");
        StringBuilder good = new StringBuilder("id,note\n");
        for (int i = 1; i <= 100; i++) {
            good.append(i).append(",n").append(i).append('\n');
        }
        Path job = Projects.write(dir, """
                job st_orders {
                  source files.orders
                  sink pg.st_orders { mode overwrite }
                  map by name { }
                  channel { parallelism 1 }
                }
                """, null, null);
        Files.createDirectories(dir.resolve("data/orders"));
        Files.writeString(dir.resolve("data/orders/a.csv"), good.toString());
        Files.writeString(dir.resolve("data/orders/b.csv"), "id,note\n101,\"never closed\n");
        Cli.Result run = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString(), "-p", "day=1");
        assertEquals(1, run.exitCode(), run.toString());

        Cli.Result list = Cli.run("state", "list", job.toString());
        assertEquals(0, list.exitCode(), list.toString());
        String staging = TestDb.text("SELECT staging FROM _syncc_run WHERE job = 'st_orders'");
        assertTrue(staging.startsWith("_syncc_stage_st_orders_"), staging);
        assertTrue(list.out().contains("pg.public  job st_orders (no parameters)  failed"), list.out());
        assertTrue(list.out().contains("    target public.st_orders, started "), list.out());
        assertTrue(list.out().contains("    1 committed split, 100 rows written, 0 dirty; staging table public." + staging), list.out());

        Cli.Result clean = Cli.run("state", "clean", job.toString());
        assertEquals(0, clean.exitCode(), clean.toString());
        assertEquals("removed job st_orders (no parameters) failed, dropped public." + staging + "\n", clean.out());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pg_class WHERE relname = '" + staging + "'"));
        assertEquals("", Cli.run("state", "list", job.toString()).out());
        // a later successful run is history: listed, not cleaned
        Files.writeString(dir.resolve("data/orders/b.csv"), "id,note\n101,closed\n");
        assertEquals(0, Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString()).exitCode());
        assertTrue(Cli.run("state", "list", job.toString()).out().startsWith("pg.public  job st_orders (no parameters)  succeeded\n"));
        assertEquals("", Cli.run("state", "clean", job.toString()).out());
        assertEquals(101, TestDb.count("st_orders"));
    }
}
