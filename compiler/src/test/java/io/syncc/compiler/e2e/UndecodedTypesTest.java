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
 * Types syncc does not decode — interval, timetz, inet, cidr, macaddr, money, arrays, enums,
 * domains, ranges, bit, varbit, tsvector, xml, point — go from a PostgreSQL table into a column of
 * the same type as the bytes the server sent, by binary COPY: the server compares every row's text
 * both ways. Anything else with them is refused before a row moves, saying what would work.
 */
class UndecodedTypesTest {

    static final String COLUMNS = "id int PRIMARY KEY, c_interval interval, c_timetz timetz, c_inet inet, c_cidr cidr, "
            + "c_macaddr macaddr, c_money money, c_int_arr int[], c_text_arr text[], c_int2d int[], c_mood ut_mood, "
            + "c_dom ut_short, c_domarr ut_short_inet, c_range numrange, c_tsrange tstzrange, c_multi int4multirange, c_bit bit(8), "
            + "c_varbit varbit, c_tsv tsvector, c_xml xml, c_point point";

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS ut_src, ut_dst, ut_created, ut_text, ut_enum_arr",
                "DROP TYPE IF EXISTS ut_mood", "DROP DOMAIN IF EXISTS ut_short", "DROP DOMAIN IF EXISTS ut_short_inet",
                "CREATE TYPE ut_mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN ut_short AS interval CHECK (VALUE < interval '1 day')",
                "CREATE DOMAIN ut_short_inet AS inet[]",
                "CREATE TABLE ut_src (" + COLUMNS + ")",
                "CREATE TABLE ut_dst (" + COLUMNS + ")",
                "INSERT INTO ut_src VALUES "
                        + "(1, '1 year 2 mons 3 days 04:05:06.789', '23:59:59.999999+14', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03',"
                        + " '-92233720368547758.08', '{1,NULL,-2147483648}', '{\"\",NULL,\"a,b\",\"q\\\"uote\",\"é😀\"}', '{{1,2},{3,4}}',"
                        + " 'happy', '23:59:59', '{::1,192.168.1.1/32,NULL}', '[1.5,2.25)', '[2020-01-01 00:00+00,infinity)',"
                        + " '{[1,3),[5,8)}', B'10101010', B'1', 'a fat cat:1A sat:2B', '<a x=\"1\">t&amp;</a>', '(1.5,-2)'),"
                        + "(2, 'infinity', '00:00:00-15:59', '2001:db8::ff00:42:8329/128', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff',"
                        + " '92233720368547758.07', '{}', '{}', '{{NULL}}', 'sad', '-1 days', '{}', 'empty', '(,)', '{}', B'00000000',"
                        + " B'', '', '<!-- c --><r/>', '(0,-0)'),"
                        + "(3, '-infinity', '12:00:00+00', '0.0.0.0/0', '0.0.0.0/0', '00:00:00:00:00:00', '0', '{0}', '{\"NULL\"}', '{7}',"
                        + " 'ok', '00:00:00.000001', '{10.0.0.1}', '(,5]', '[2020-01-01 00:00+05,2020-01-02 00:00+05]', '{[-2147483648,0)}',"
                        + " B'11111111', B'0101010101010101010', 'x', 'plain text', '(1e308,-1e-308)'),"
                        + "(4, " + "NULL, ".repeat(19) + "NULL)");
    }

    /** Rows in one table and not the other, both ways, compared as the server's text of whole rows. */
    private static long difference(String a, String b) throws Exception {
        return TestDb.longValue("SELECT count(*) FROM ((SELECT t::text FROM " + a + " t EXCEPT ALL SELECT t::text FROM " + b
                + " t) UNION ALL (SELECT t::text FROM " + b + " t EXCEPT ALL SELECT t::text FROM " + a + " t)) d");
    }

    private Cli.Result run(String name, String job) throws Exception {
        Path project = dir.resolve(name);
        return Cli.runJob(Projects.write(project, job, null, null), project);
    }

    @Test
    void everyUndecodedTypeArrivesExactlyInAColumnOfItsType() throws Exception {
        Cli.Result r = run("same", "job ut {\n  source pg.ut_src { split by id }\n  sink pg.ut_dst { write copy }\n"
                + "  map by name { }\n  channel { parallelism 2 }\n}\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rows written  4"), r.out());
        assertEquals(4, TestDb.longValue("SELECT count(*) FROM ut_dst"));
        assertEquals(0, difference("ut_src", "ut_dst"));
        assertEquals(TestDb.text("SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM ut_src t"),
                TestDb.text("SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM ut_dst t"));
        // a second run on top: nothing is decoded, so the same bytes arrive again
        TestDb.exec("TRUNCATE ut_dst");
        assertEquals(0, Cli.runJob(dir.resolve("same/job.sync"), dir.resolve("same"), "--fresh").exitCode());
        assertEquals(0, difference("ut_src", "ut_dst"));
    }

    @Test
    void aCreatedTableGetsTheSameTypesAndValues() throws Exception {
        Cli.Result r = run("created", "job ut {\n  source pg.ut_src\n  sink pg.ut_created { create if missing }\n  map by name { }\n}\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(0, difference("ut_src", "ut_created"));
        assertEquals(TestDb.text("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'ut_src'::regclass AND attnum > 0"),
                TestDb.text("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'ut_created'::regclass AND attnum > 0"));
    }

    @Test
    void anythingButUnchangedIntoTheSameTypeByCopyIsRefusedSayingWhatWorks() throws Exception {
        TestDb.exec("CREATE TABLE ut_text (id int, c_inet text, c_interval interval)");
        String unchanged = "syncc carries a value of a type it does not decode only unchanged, from a PostgreSQL table into a column"
                + " of the same type of a PostgreSQL table, by `write copy`";
        Cli.Result r = run("text", "job ut {\n  source pg.ut_src\n  sink pg.ut_text\n  map {\n    id -> id\n    c_inet -> c_inet\n"
                + "    c_interval -> c_interval as text\n  }\n}\n");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error[SYN303]: source column 'c_inet' is inet but sink column 'c_inet' is text; " + unchanged
                + " (or leave it out with `skip c_inet`)"), r.err());
        assertTrue(r.err().contains("source column 'c_interval' is interval, which syncc does not convert: it goes unchanged into a column"
                + " of type interval"), r.err());
        r = run("insert", "job ut {\n  source pg.ut_src\n  sink pg.ut_dst { write insert }\n  map by name { }\n}\n");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("source column 'c_interval' is interval, which syncc writes only by `write copy`"), r.err());
        Projects.dataFile(dir.resolve("file"), "addr.csv", "id,c_inet\n1,10.0.0.1\n");
        TestDb.exec("DROP TABLE IF EXISTS ut_inet", "CREATE TABLE ut_inet (id int, c_inet inet)");
        Path file = Projects.write(dir.resolve("file"), "job ut {\n  source files.addr\n  sink pg.ut_inet\n  map by name { }\n}\n", null, null);
        r = Cli.runJob(file, dir.resolve("file"));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("sink column 'c_inet' has type inet, which syncc cannot write from a "), r.err());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM ut_inet"));
    }

    @Test
    void anArrayOfATypeDefinedInTheDatabaseIsRefusedBeforeARowMoves() throws Exception {
        TestDb.exec("CREATE TABLE ut_enum_arr (id int, moods ut_mood[])", "INSERT INTO ut_enum_arr VALUES (1, '{sad,happy}')",
                "DROP TABLE IF EXISTS ut_enum_arr_dst", "CREATE TABLE ut_enum_arr_dst (id int, moods ut_mood[])");
        Cli.Result r = run("enumarr", "job ut {\n  source pg.ut_enum_arr\n  sink pg.ut_enum_arr_dst\n  map by name { }\n}\n");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("job ut FAILED"), r.out());
        assertTrue(r.out().contains("column moods of \"public\".\"ut_enum_arr\" is ut_mood[], an array of a type defined in the database:"
                + " its binary form names types by their OIDs in this database, which another database does not share, so syncc"
                + " cannot carry it; leave it out with `skip moods`"), r.toString());
        assertEquals(0, TestDb.longValue("SELECT count(*) FROM ut_enum_arr_dst"));
    }
}
