package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL source read by {@code COPY ... TO STDOUT (FORMAT binary)} carries every value exactly:
 * tabs, newlines, carriage returns, backslashes, text that looks like COPY text's escapes
 * ({@code \N}, {@code \x41}, {@code \t}), control characters, non-BMP text, NULL against the empty
 * string, and bytea of every byte. A source whose {@code where} has parameters is read by COPY too,
 * with the server's literals of the values, and selects exactly the rows a bound query selects.
 * The server compares the rows.
 */
class CopySourceTest {

    static final List<String> TEXTS = List.of("", "a\tb", "line\nbreak", "cr\rlf\r\n", "back\\slash", "\\", "\\\\", "\\N", "N",
            "\\x41", "\\t", "\\101", "\b\f\u000b", "\u0001\u001f\u007f", "\ud83d\ude00 \ud800\udf48", "h\u00e9llo", " spaces ",
            "tab\tat\tends\t", "\t", "\n", "'quote' \"dq\"", "\u00a0\u2028\u2029", "é\\\t\n😀");

    @TempDir
    Path dir;

    @BeforeAll
    static void db() throws Exception {
        TestDb.server();
        TestDb.exec("DROP TABLE IF EXISTS cs_src", "CREATE TABLE cs_src (id int primary key, t text, v varchar(40), c char(6), "
                + "j jsonb, js json, b bytea, u uuid)");
        try (Connection c = TestDb.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cs_src VALUES (?, ?, ?, ?, ?::jsonb, ?::json, ?, gen_random_uuid())")) {
            int id = 1;
            for (String t : TEXTS) {
                String json = "{\"k\": \"" + t.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                        .replace("\r", "\\r").replace("\b", "\\b").replace("\f", "\\f").replace("\u000b", "\\u000b")
                        .replace("\u0001", "\\u0001").replace("\u001f", "\\u001f") + "\"}";
                ps.setInt(1, id++);
                ps.setString(2, t);
                ps.setString(3, t);
                ps.setString(4, t.length() <= 6 ? t : t.substring(0, 6));
                ps.setString(5, json);
                ps.setString(6, json);
                ps.setBytes(7, t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            ps.setInt(1, id++);
            for (int i = 2; i <= 6; i++) {
                ps.setString(i, null);
            }
            ps.setBytes(7, null);
            ps.executeUpdate();
        }
        // bytea: every byte value, the empty value, backslashes and tabs
        TestDb.exec("INSERT INTO cs_src (id, b) SELECT 1000, string_agg(set_byte('\\x00'::bytea, 0, i), ''::bytea ORDER BY i) "
                        + "FROM generate_series(0, 255) i",
                "INSERT INTO cs_src (id, b, t) VALUES (1001, ''::bytea, ''), (1002, '\\x5c095c0a5c4e'::bytea, E'\\\\N')");
    }

    private Path run(String name, String where, String... args) throws Exception {
        Path project = dir.resolve(name);
        TestDb.exec("DROP TABLE IF EXISTS " + name, "CREATE TABLE " + name + " (LIKE cs_src)");
        Path file = Projects.write(project, "job cs {\n  source pg.cs_src { " + where + " split by id }\n  sink pg." + name
                + " { write copy }\n  map by name { }\n  channel { parallelism 2  errors 0 }\n}\n", null, null);
        String[] argv = new String[5 + args.length];
        System.arraycopy(new String[] {"run", file.toString(), "--no-progress", "--work-dir", project.toString()}, 0, argv, 0, 5);
        System.arraycopy(args, 0, argv, 5, args.length);
        Cli.Result r = Cli.run(argv);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("dirty rows    0"), r.out());
        return project;
    }

    /** Rows in one table and not the other, both ways, compared by the server as the text of whole rows. */
    private static long difference(String a, String b) throws Exception {
        return TestDb.longValue("SELECT count(*) FROM ((SELECT t::text FROM " + a + " t EXCEPT ALL SELECT t::text FROM " + b
                + " t) UNION ALL (SELECT t::text FROM " + b + " t EXCEPT ALL SELECT t::text FROM " + a + " t)) d");
    }

    private static String md5(String table) throws Exception {
        return TestDb.text("SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM " + table + " t");
    }

    @Test
    void textThatLooksLikeEscapesNullsAndByteaArriveExactly() throws Exception {
        run("cs_copy", "");
        assertEquals(TEXTS.size() + 4, TestDb.longValue("SELECT count(*) FROM cs_copy"));
        assertEquals(0, difference("cs_src", "cs_copy"));
        assertEquals(md5("cs_src"), md5("cs_copy"));
        // NULL stays NULL and the empty string stays empty
        assertEquals(1, TestDb.longValue("SELECT count(*) FROM cs_copy WHERE id = " + (TEXTS.size() + 1) + " AND t IS NULL AND b IS NULL"));
        assertEquals(1, TestDb.longValue("SELECT count(*) FROM cs_copy WHERE id = 1 AND t = '' AND b = ''::bytea"));
        assertEquals(256, TestDb.longValue("SELECT length(b) FROM cs_copy WHERE id = 1000"));
    }

    @Test
    void aWhereWithParametersSelectsTheRowsABoundQuerySelectsWhateverTheValuesHold() throws Exception {
        run("cs_params", "where \"t = ${t} OR t = ${u} OR id > ${lo}\"", "--param", "t=back\\slash", "--param", "u=x' OR 'a'='a",
                "--param", "lo=1000");
        // the server's own answer with the same values bound
        try (Connection c = TestDb.connect(); PreparedStatement ps = c.prepareStatement(
                "CREATE TABLE cs_params_expected AS SELECT * FROM cs_src WHERE t = ? OR t = ? OR id > ?")) {
            TestDb.exec("DROP TABLE IF EXISTS cs_params_expected");
            ps.setString(1, "back\\slash");
            ps.setString(2, "x' OR 'a'='a");
            ps.setInt(3, 1000);
            ps.execute();
        }
        assertEquals(3, TestDb.longValue("SELECT count(*) FROM cs_params_expected"));
        assertEquals(0, difference("cs_params_expected", "cs_params"));
        assertEquals(md5("cs_params_expected"), md5("cs_params"));
    }
}
