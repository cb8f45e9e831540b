package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns whose names differ only in case are different columns: every value lands in the
 * column of its own name (checked by query), and a name that could mean several columns is an
 * error, never a guess. Also: which columns {@code map by position} pairs when entries name some.
 */
class ColumnNamesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_src",
                "CREATE TABLE cn_src (id int PRIMARY KEY, \"Name\" text, \"name\" text, \"NAME\" text)",
                "INSERT INTO cn_src VALUES (1, 'N1', 'n1', 'NN1'), (2, 'N2', 'n2', 'NN2')");
    }

    private Cli.Result run(String job) throws Exception {
        Path file = Projects.write(dir, job, null, null);
        return Cli.run("run", file.toString(), "--no-progress", "--work-dir", dir.toString(), "--fresh");
    }

    @Test
    void createIfMissingCreatesEveryColumnWithItsOwnValues() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_created");
        Cli.Result r = run("job j { source pg.cn_src  sink pg.cn_created { create if missing }  map by name { } }\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("id,Name,name,NAME", TestDb.text("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                + "FROM information_schema.columns WHERE table_name = 'cn_created'"));
        assertEquals("1:N1/n1/NN1,2:N2/n2/NN2", TestDb.text("SELECT string_agg(id || ':' || \"Name\" || '/' || \"name\" || '/' || \"NAME\", ',' "
                + "ORDER BY id) FROM cn_created"));
    }

    @Test
    void byNameTheSinkColumnGetsTheSourceColumnOfExactlyItsName() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_lower", "CREATE TABLE cn_lower (id int, name text)");
        Cli.Result r = run("job j { source pg.cn_src  sink pg.cn_lower }\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1:n1,2:n2", TestDb.text("SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM cn_lower"));
        // the two columns that are not copied are said so
        assertTrue(r.err().contains("job.sync:1:5: warning[SYN308]: source column 'Name' has no sink column in pg.public.cn_lower"), r.err());
        assertTrue(r.err().contains("job.sync:1:5: warning[SYN308]: source column 'NAME' has no sink column in pg.public.cn_lower"), r.err());
    }

    @Test
    void explicitEntriesReadTheColumnTheyName() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_abc", "CREATE TABLE cn_abc (id int, a text, b text, c text)");
        Cli.Result r = run("job j { source pg.cn_src  sink pg.cn_abc  map { id  `Name` -> a  `name` -> b  `NAME` -> c } }\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1:N1/n1/NN1,2:N2/n2/NN2", TestDb.text("SELECT string_agg(id || ':' || a || '/' || b || '/' || c, ',' ORDER BY id) FROM cn_abc"));
    }

    @Test
    void aFileHeaderWithNamesDifferingInCaseLoadsEveryColumn() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_file");
        Path file = Projects.write(dir, "job j { source files.cased  sink pg.cn_file { create if missing } }\n",
                "cased.csv", "id,A,a\n1,x,y\n2,p,q\n");
        Cli.Result r = Cli.run("run", file.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1:x/y,2:p/q", TestDb.text("SELECT string_agg(id || ':' || \"A\" || '/' || \"a\", ',' ORDER BY id) FROM cn_file"));
    }

    @Test
    void aFileHeaderThatRepeatsANameIsAnErrorNotALostColumn() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_dup");
        Path file = Projects.write(dir, "job j {\n  source files.dup\n  sink pg.cn_dup { create if missing }\n}\n",
                "dup.csv", "id,A,a,a\n1,x,y,z\n");
        Cli.Result r = Cli.run("run", file.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("job.sync:2:16: error[SYN210]: the header of files.dup.csv names column 'a' twice (fields 3 and 4);"
                + " give every column its own name in the file\n"
                + "  2 |   source files.dup\n"
                + "    |                ^~~\n"), r.err());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM pg_tables WHERE tablename = 'cn_dup'"), "nothing is created");
    }

    @Test
    void byPositionAColumnNamedByAnEntryLeavesThePositionalPairing() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS cn_pos_src", "DROP TABLE IF EXISTS cn_pos",
                "CREATE TABLE cn_pos_src (id int, name text, city text)",
                "INSERT INTO cn_pos_src VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Rome')",
                "CREATE TABLE cn_pos (key int, c text, town text, full_name text)");
        Cli.Result r = run("job j { source pg.cn_pos_src  sink pg.cn_pos  map by position { name -> full_name } }\n");
        assertEquals(0, r.exitCode(), r.toString());
        // id -> key and city -> town by position; name only into full_name; c (name's position) gets nothing
        assertEquals("1:<null>:Oslo:Ann,2:<null>:Rome:Bob", TestDb.text("SELECT string_agg(concat_ws(':', key, coalesce(c, '<null>'), town, full_name), ',' "
                + "ORDER BY key) FROM cn_pos"));
    }
}
