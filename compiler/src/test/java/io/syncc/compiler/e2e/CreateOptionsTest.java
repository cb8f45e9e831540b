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
 * {@code create if missing { primary key (...) not null (...) columns { ... } }}: what the data cannot
 * say about a table syncc creates; CSV + {@code on conflict} without writing DDL by hand.
 */
class CreateOptionsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @Test
    void aCsvLoadsIdempotentlyIntoATableWithTheKeyAndTypesAskedFor() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS co_orders");
        Path job = Projects.write(dir, """
                job orders {
                  source files.orders
                  sink pg.co_orders {
                    create if missing {
                      primary key (id)
                      not null (customer)
                      columns { amount numeric(12,2) }
                    }
                    write insert
                    on conflict replace
                  }
                  channel { errors 1 }
                }
                """, "orders.csv", "id,customer,amount\n1,ann,10.5\n2,bob,7\n3,,1.25\n");
        Cli.Result ddl = Cli.run("ddl", job.toString());
        assertEquals(0, ddl.exitCode(), ddl.toString());
        assertEquals("""
                CREATE TABLE IF NOT EXISTS "public"."co_orders" (
                  "id" integer NOT NULL,
                  "customer" text NOT NULL,
                  "amount" numeric(12,2),
                  PRIMARY KEY ("id")
                );
                """, ddl.out());
        Cli.Result first = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, first.exitCode(), first.toString());
        // the row with an empty customer breaks NOT NULL: a dirty row with the server's reason, the others loaded
        assertEquals("1|ann|10.50,2|bob|7.00", TestDb.text("SELECT string_agg(concat_ws('|', id, customer, amount), ',' ORDER BY id) FROM co_orders"));
        assertTrue(first.out().contains("dirty rows    1"), first.out());
        // again, with changed data: replaced by key, never duplicated
        Files.writeString(dir.resolve("data/orders.csv"), "id,customer,amount\n1,ann,11\n2,bob,7\n4,cy,3\n");
        Cli.Result second = Cli.run("run", job.toString(), "--no-progress", "--fresh", "--work-dir", dir.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals("1|ann|11.00,2|bob|7.00,4|cy|3.00", TestDb.text("SELECT string_agg(concat_ws('|', id, customer, amount), ',' ORDER BY id) FROM co_orders"));
    }

    @Test
    void aTableSourcesNotNullIsKeptAndUnknownColumnsAreLocated() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS co_src, co_copy", "CREATE TABLE co_src (id bigint PRIMARY KEY, name text NOT NULL, note text)");
        Path job = Projects.write(dir, "job copy {\n  source pg.co_src\n  sink pg.co_copy { create if missing }\n}\n", null, null);
        Cli.Result ddl = Cli.run("ddl", job.toString());
        assertEquals("""
                CREATE TABLE IF NOT EXISTS "public"."co_copy" (
                  "id" bigint NOT NULL,
                  "name" text NOT NULL,
                  "note" text,
                  PRIMARY KEY ("id")
                );
                """, ddl.out(), ddl.toString());
        Files.writeString(job, "job copy {\n  source pg.co_src\n  sink pg.co_copy { create if missing { primary key (id, nme) not null (notes) } }\n}\n");
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(1, check.exitCode(), check.toString());
        assertTrue(check.err().contains(":3:58: error[SYN203]: primary key column 'nme' is not a column of the created table pg.public.co_copy; its columns are the mapped ones: id, name, note; did you mean 'name'?"),
                check.err());
        assertTrue(check.err().contains(":3:73: error[SYN203]: 'notes' is not a column of the created table pg.public.co_copy; its columns are the mapped ones: id, name, note; did you mean 'note'?"),
                check.err());
    }
}
