package io.syncc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.compiler.catalog.LiveCatalog;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.ParseResult;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Semantic checks against a real PostgreSQL catalog and a real CSV file: job text → exact findings. */
class CheckerTest {

    static final String DATASOURCES = """
            datasource pg { type postgres url embedded }
            datasource files { type csv path "data" }
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        TestDb.exec("DROP SCHEMA IF EXISTS chk CASCADE", "CREATE SCHEMA chk",
                "CREATE TABLE chk.src (id int PRIMARY KEY, name text NOT NULL, amount numeric(10,2), created date, big bigint, note text)",
                "CREATE TABLE chk.dst (id int PRIMARY KEY, name text NOT NULL, amount numeric(10,2), created date, small int, ts timestamp)",
                "CREATE TABLE chk.nokey (id int, name text)",
                "CREATE TABLE chk.floaty (id int, r real, d double precision, n text)",
                "CREATE TABLE chk.strict (id int, name text, must text NOT NULL)",
                "CREATE TABLE chk.defaults (id int, name text, loaded timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE chk.cased (id int, \"Name\" text, \"name\" text, \"NAME\" text)",
                "CREATE TABLE chk.mixed (id int, \"nAmE\" text)",
                "CREATE TABLE chk.twins (id int, \"Name\" text, \"NAME\" text)");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/dup.csv"), "id,A,a,a\n1,x,y,z\n");
        Files.writeString(dir.resolve("data/people.csv"), "id,name,age,birth,score\n1,Ann,30,1990-01-02,1.5\n2,Bob,41,1983-07-30,2\n");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ok", "job j { source pg.chk.src  sink pg.chk.dst  map by name { skip big, note } }", List.of()),
                Arguments.of("unknown datasource", "job j { source pgg.chk.src  sink pg.chk.dst }", List.of("job.sync:1:16 error SYN201 unknown datasource 'pgg'; did you mean 'pg'?")),
                Arguments.of("unknown table", "job j { source pg.chk.scr  sink pg.chk.dst }", List.of("job.sync:1:19 error SYN202 unknown table chk.scr in datasource 'pg'; did you mean 'src'?")),
                Arguments.of("unknown source column", "job j { source pg.chk.src  sink pg.chk.dst  map by name { nmae -> name skip big, note } }", List.of("job.sync:1:59 error SYN203 unknown column 'nmae' in source pg.chk.src; did you mean 'name'?")),
                Arguments.of("unknown sink column", "job j { source pg.chk.src  sink pg.chk.dst  map by name { note -> nte skip big } }", List.of("job.sync:1:67 error SYN203 unknown column 'nte' in sink pg.chk.dst")),
                Arguments.of("mapped twice", "job j { source pg.chk.src  sink pg.chk.dst  map { id  name  note -> name } }", List.of("job.sync:1:69 error SYN301 sink column 'name' is mapped twice (first at 1:55)")),
                Arguments.of("not null", "job j { source pg.chk.src  sink pg.chk.strict  map { id  name } }", List.of("job.sync:1:48 error SYN302 sink column 'must' of pg.chk.strict is NOT NULL and has no default, but nothing is mapped to it")),
                Arguments.of("default column may be left out", "job j { source pg.chk.src  sink pg.chk.defaults  map { id  name } }", List.of()),
                Arguments.of("incompatible", "job j { source pg.chk.src  sink pg.chk.dst  map { id  name  big -> small } }", List.of("job.sync:1:61 error SYN303 source column 'big' is bigint but sink column 'small' is integer; add `as integer` to convert (values that do not convert become dirty rows)")),
                Arguments.of("narrowing with as", "job j { source pg.chk.src  sink pg.chk.dst  map { id  name  big -> small as int } }", List.of()),
                Arguments.of("sink is the source", "job j { source pg.chk.src  sink pg.chk.src  map by name { } }", List.of("job.sync:1:33 error SYN409 the sink is the source table (pg.chk.src): appending a table onto itself doubles its rows; write into another table, or use on conflict or mode overwrite")),
                Arguments.of("the source into itself, upserted", "job j { source pg.chk.src  sink pg.chk.src { on conflict replace }  map by name { } }", List.of()),
                Arguments.of("conflict without key", "job j { source pg.chk.src  sink pg.chk.nokey { on conflict replace }  map { id  name } }", List.of("job.sync:1:48 error SYN401 on conflict needs a primary key, but pg.chk.nokey has none")),
                Arguments.of("literal password", "datasource secret { type postgres url \"jdbc:postgresql://127.0.0.1:1/x\" user \"u\" password \"hunter2\" }\n"
                        + "job j { source pg.chk.src  sink secret.t }", List.of("job.sync:1:91 warning SYN601 a literal password is a secret in a text file; write password env(\"VAR\") or password file(\"path\") (a job with a literal password cannot be compiled to a jar)",
                        "job.sync:2:33 error SYN901 cannot read metadata of secret.public.t: cannot connect to datasource 'secret' (jdbc:postgresql://127.0.0.1:1/x): Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.")),
                Arguments.of("unknown parameter", "job j { source pg.chk.src { where \"id > ${lo}\" }  sink pg.chk.dst  map { id name }\n"
                        + "  schedule { cron \"0 2 * * *\"  param bizdate = \"$[yyyymmdd-1]\" } }", List.of("job.sync:1:5 error SYN205 parameter ${lo} is used by job 'j' but its schedule does not define it; defined: bizdate")),
                Arguments.of("parameter in quotes", "job j { source pg.chk.src { where \"name = '${who}'\" }  sink pg.chk.dst  map { id name } }", List.of("job.sync:1:44 error SYN403 parameter ${who} is inside a quoted SQL string; write it without quotes: it is bound as a value, never spliced into SQL text")),
                Arguments.of("unclosed parameter", "job j { source pg.chk.src { where \"id > ${lo\" }  sink pg.chk.dst  map { id name } }",
                        List.of("job.sync:1:41 error SYN403 `${` starts a parameter but is not a complete ${name}")),
                Arguments.of("bad cron", "job j { source pg.chk.src  sink pg.chk.dst  map { id name }  schedule { cron \"0 25 * * *\" } }", List.of("job.sync:1:78 error SYN504 invalid cron expression \"0 25 * * *\": Failed to parse cron expression. Value 25 not in range [0, 23]")),
                Arguments.of("unknown after job", "job j { source pg.chk.src  sink pg.chk.dst  map { id name }  schedule { cron \"0 2 * * *\" after jj } }", List.of("job.sync:1:96 error SYN206 unknown job 'jj'; did you mean 'j'?")),
                Arguments.of("unreachable after job", "job j { source pg.chk.src  sink pg.chk.dst  map { id name }  schedule { cron \"0 2 * * *\" after k } }\n"
                        + "job k { source pg.chk.src  sink pg.chk.dst  map { id name } }", List.of("job.sync:1:96 error SYN505 job 'k' has no schedule, so it never runs on its own and `after k` would wait forever")),
                Arguments.of("duplicate job", "job j { source pg.chk.src  sink pg.chk.dst  map { id name } }\njob J { source pg.chk.src  sink pg.chk.dst  map { id name } }", List.of("job.sync:2:5 error SYN204 job 'J' is already declared at job.sync:1:5")),
                Arguments.of("bad default literal", "job j { source pg.chk.src  sink pg.chk.dst  map { id name created default \"yesterday\" } }", List.of("job.sync:1:75 error SYN307 \"yesterday\" is not a valid date for sink column 'created': cannot read \"yesterday\" as date")),
                Arguments.of("channel values", "job j { source pg.chk.src  sink pg.chk.dst  map { id name }  channel { parallelism 0  rate 5 rows/min  errors 150% } }", List.of("job.sync:1:72 error SYN501 parallelism must be between 1 and 256, not 0",
                        "job.sync:1:87 error SYN502 unknown rate unit rows/min; expected rows/s, KB/s, MB/s or GB/s",
                        "job.sync:1:104 error SYN503 an error ratio must be between 0% and 100%")),
                Arguments.of("csv text to int needs as", "job j { source files.people  sink pg.chk.dst  map { id  name  score -> small } }", List.of("job.sync:1:63 error SYN303 source column 'score' is double precision (inferred from the file) but sink column 'small' is integer; add `as integer` to convert (values that do not convert become dirty rows)")),
                Arguments.of("max field size", "datasource big { type csv path \"data\" max_field_size \"16MB\" }\n"
                        + "job j { source big.people  sink pg.chk.dst  map { id  name } }", List.of()),
                Arguments.of("bad max field size", "datasource big { type csv path \"data\" max_field_size \"lots\" }\n"
                        + "job j { source big.people  sink pg.chk.dst  map { id  name } }", List.of("job.sync:1:54 error SYN602 max_field_size must be a size from 1 byte to 2GB, e.g. max_field_size \"16MB\" (units B, KB, MB, GB of 1024)")),
                Arguments.of("every mistake of a datasource block", "datasource bad { type csv path \"data\" header maybe delimiter \";;\" encoding \"UTF-16\" delimeter \";\" }\n"
                        + "job j { source pg.chk.src  sink pg.chk.dst  map by name { skip big, note } }", List.of(
                        "job.sync:1:46 error SYN602 header must be true or false",
                        "job.sync:1:62 error SYN602 delimiter must be one ASCII character in quotes, e.g. \",\" or \"\\t\"",
                        "job.sync:1:76 error SYN602 encoding \"UTF-16\" is not a supported ASCII-compatible character set (e.g. UTF-8, GBK, ISO-8859-1)",
                        "job.sync:1:85 error SYN207 unknown property 'delimeter' for a csv datasource; did you mean 'delimiter'?; expected one of type, path, header, delimiter, quote, null, encoding, max_field_size")),
                Arguments.of("misspelt datasource type", "datasource dw { type postgress url embedded }\n"
                        + "job j { source pg.chk.src  sink pg.chk.dst  map by name { skip big, note } }", List.of(
                        "job.sync:1:22 error SYN602 unknown datasource type postgress; did you mean 'postgres'?; expected csv, hologres, jsonl, kv or postgres")),
                Arguments.of("a connector the compiler does not know", "datasource store { type kv  token \"abc\"  buckt \"x\" }\n"
                        + "job j { source pg.chk.src  sink pg.chk.dst  map by name { skip big, note } }", List.of(
                        "job.sync:1:12 error SYN603 datasource 'store' has no bucket: write bucket \"events\"",
                        "job.sync:1:35 warning SYN601 a literal token is a secret in a text file; write token env(\"VAR\") or token file(\"path\") (a job with a literal token cannot be compiled to a jar)",
                        "job.sync:1:42 error SYN207 unknown property 'buckt' for a kv datasource; did you mean 'bucket'?; expected one of type, bucket, token")),
                Arguments.of("a table sink on a connector that writes no tables", "datasource store { type kv  bucket \"b\" }\n"
                        + "job j { source pg.chk.src  sink store.t }", List.of(
                        "job.sync:2:33 error SYN402 datasource 'store' cannot be written")),
                Arguments.of("a where the database refuses", "job j { source pg.chk.src { where \"amout > 0\" }  sink pg.chk.dst  map by name { skip big, note } }",
                        List.of("job.sync:1:36 error SYN405 the database refuses this SQL: column \"amout\" does not exist (Perhaps you meant to reference the column \"src.amount\".)")),
                Arguments.of("a where with a parameter the database refuses", "job j { source pg.chk.src { where \"id > ${lo} and nmae = 'x'\" }  sink pg.chk.dst  map by name { skip big, note } }",
                        List.of("job.sync:1:51 error SYN405 the database refuses this SQL: column \"nmae\" does not exist (Perhaps you meant to reference the column \"src.name\" or the column \"src.note\".)")),
                Arguments.of("a before with a syntax error", "job j { source pg.chk.src  sink pg.chk.dst { before \"DELET FROM chk.dst\"  before \"DELETE FROM chk.made_by_an_earlier_before\" }  map by name { skip big, note } }",
                        List.of("job.sync:1:54 error SYN405 the database refuses this SQL: syntax error at or near \"DELET\"")),
                Arguments.of("a type written with as is named as the one that does not fit", "job j { source files.people  sink pg.chk.dst  map { id  name  birth -> small as date } }",
                        List.of("job.sync:1:78 error SYN303 source column 'birth' is read `as date` but sink column 'small' is integer; write `as integer` instead (values that do not convert become dirty rows)")),
                Arguments.of("a type declared in columns is named with where it is declared", "job j { source files.people { columns { score date } }  sink pg.chk.dst  map { id  name  score -> small } }",
                        List.of("job.sync:1:90 error SYN303 source column 'score' is date (declared in columns { } at 1:47) but sink column 'small' is integer; add `as integer` to convert (values that do not convert become dirty rows)")),
                Arguments.of("retries", "job j { source pg.chk.src  sink pg.chk.dst  map { id  name }  channel { retries 5 } }", List.of()),
                Arguments.of("too many retries", "job j { source pg.chk.src  sink pg.chk.dst  map { id  name }  channel { retries 101  retries 2 } }",
                        List.of("job.sync:1:73 error SYN508 retries must be between 0 and 100, not 101",
                                "job.sync:1:86 error SYN209 retries is given twice")),
                Arguments.of("csv with declared types", "job j { source files.people { columns { score int } }  sink pg.chk.dst  map { id  name  score -> small } }", List.of()),
                Arguments.of("file sink", "job j { source pg.chk.src  sink files.out }", List.of()),
                Arguments.of("file sink with database settings", "job j { source pg.chk.src  sink files.out { on conflict replace } }",
                        List.of("job.sync:1:45 error SYN402 a file sink is written whole (the new file replaces the old one atomically): write, on conflict, mode append, partition, add missing columns, before and after do not apply to datasource 'files'")),
                Arguments.of("missing sink table", "job j { source pg.chk.src  sink pg.chk.nothere }", List.of("job.sync:1:36 error SYN202 table chk.nothere does not exist in datasource 'pg'; add `create if missing` to create it from the mapping")),
                Arguments.of("split by a real column", "job j { source pg.chk.floaty { split by r }  sink pg.chk.nokey  map { id  n -> name } }",
                        List.of("job.sync:1:41 error SYN404 split by cannot divide a floating-point column; 'r' is real; use an integer, numeric, date or timestamp column, or leave split by out to divide the table by page ranges")),
                Arguments.of("split by a double column", "job j {\n  source pg.chk.floaty {\n    split by d\n  }\n  sink pg.chk.nokey  map { id  n -> name } }",
                        List.of("job.sync:3:14 error SYN404 split by cannot divide a floating-point column; 'd' is double precision; use an integer, numeric, date or timestamp column, or leave split by out to divide the table by page ranges")),
                Arguments.of("split by a text column", "job j { source pg.chk.floaty { split by n }  sink pg.chk.nokey  map { id  n -> name } }",
                        List.of("job.sync:1:41 error SYN404 split by needs an integer, numeric, date or timestamp column; 'n' is text")),
                Arguments.of("names differing in case: the exact name wins", "job j { source pg.chk.cased  sink pg.chk.nokey }", List.of(
                        "job.sync:1:5 warning SYN308 source column 'Name' has no sink column in pg.chk.nokey and is not copied; write `skip Name` or map it with `Name -> column`, or add it to the table with `add missing columns` in the sink",
                        "job.sync:1:5 warning SYN308 source column 'NAME' has no sink column in pg.chk.nokey and is not copied; write `skip NAME` or map it with `NAME -> column`, or add it to the table with `add missing columns` in the sink")),
                Arguments.of("names differing in case: by name is ambiguous", "job j { source pg.chk.cased  sink pg.chk.mixed }", List.of(
                        "job.sync:1:5 error SYN210 'nAmE' matches 3 columns of source pg.chk.cased that differ only in case: 'Name', 'name', 'NAME'; map sink column 'nAmE' with an entry that names its source column exactly, e.g. `Name -> nAmE`")),
                Arguments.of("names differing in case: one source column, two sink columns", "job j { source pg.chk.nokey  sink pg.chk.twins }", List.of(
                        "job.sync:1:5 error SYN210 'name' matches 2 columns of sink pg.chk.twins that differ only in case: 'Name', 'NAME'; map source column 'name' with an entry that names its sink column exactly, e.g. `name -> Name`")),
                Arguments.of("names differing in case: an ambiguous entry", "job j { source pg.chk.cased  sink pg.chk.nokey  map { id  nAmE -> name } }", List.of(
                        "job.sync:1:59 error SYN210 'nAmE' matches 3 columns of source pg.chk.cased that differ only in case: 'Name', 'name', 'NAME'; write the name with its exact case")),
                Arguments.of("a header that repeats a name", "job j { source files.dup  sink pg.chk.nokey }", List.of(
                        "job.sync:1:22 error SYN210 the header of files.dup.csv names column 'a' twice (fields 3 and 4); give every column its own name in the file")),
                Arguments.of("negative error budget", "job j { source pg.chk.src  sink pg.chk.dst  map { id name }  channel { errors -1 } }", List.of(
                        "job.sync:1:72 error SYN503 errors must be a count of rows of 0 or more (errors 10) or a ratio of rows read (errors 2%), not -1")),
                Arguments.of("missing blocks", "job j { map { id } }", List.of("job.sync:1:5 error SYN208 job 'j' has no source block",
                        "job.sync:1:5 error SYN208 job 'j' has no sink block")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findings(String name, String job, List<String> expected) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        ParseResult ds = SyncSourceParser.parse("ds.sync", DATASOURCES);
        ParseResult j = SyncSourceParser.parse("job.sync", job);
        assertEquals(List.of(), j.diagnostics(), "the job parses");
        try (LiveCatalog catalog = new LiveCatalog(dir)) {
            TestDb.server();
            new ProjectChecker(catalog).check(List.of(new ProjectChecker.Unit(ds.file().orElseThrow(), dir),
                    new ProjectChecker.Unit(j.file().orElseThrow(), dir)), diagnostics);
        }
        List<String> actual = diagnostics.sorted().stream().map(CheckerTest::brief).toList();
        assertEquals(expected, actual);
    }

    static String brief(Diagnostic d) {
        return d.range().file() + ":" + d.range().line() + ":" + d.range().column() + " " + d.severity().label() + " "
                + d.code().id() + " " + d.message();
    }
}
