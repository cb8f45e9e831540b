package io.syncc.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.DiagnosticPrinter;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.SyncFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Syntax errors: input → exact located messages (every error of a file in one run). */
class ParserErrorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("job j { sink w.t { write cpy } }",
                        List.of("1:26 SYN100 unexpected 'cpy'; expected copy or insert; did you mean 'copy'?")),
                Arguments.of("job j { sink w.t { mode apend } }",
                        List.of("1:25 SYN100 unexpected 'apend'; expected append or overwrite; did you mean 'append'?")),
                Arguments.of("datasource d { type postgres\n  url \"jdbc:postgresql://x\n}",
                        List.of("2:7 SYN101 unterminated string: a string must end with \" on the same line")),
                // the recovery from the first error skips the string: it is reported all the same
                Arguments.of("job j { sink pg.y { note \"abc } }\n}\n}",
                        List.of("1:21 SYN100 unexpected 'note'; expected one of write, on, mode, create, before, after, partition, add, }",
                                "1:26 SYN101 unterminated string: a string must end with \" on the same line")),
                // and one after the point where the parse stops
                Arguments.of("job j { sink } } } \"x\njob k { }",
                        List.of("1:14 SYN100 unexpected '}'; expected a name", "1:16 SYN100 unexpected '}'; expected end of file, datasource or job",
                                "1:20 SYN101 unterminated string: a string must end with \" on the same line")),
                Arguments.of("job j { source a.b # }",
                        List.of("1:20 SYN102 unexpected character '#'")),
                Arguments.of("job j { channel { parallelism many } }",
                        List.of("1:31 SYN100 unexpected 'many'; expected a number")),
                Arguments.of("job j { map by nam { } }",
                        List.of("1:16 SYN100 unexpected 'nam'; expected name or position; did you mean 'name'?")),
                Arguments.of("job j { source a.b ",
                        List.of("1:20 SYN100 unexpected end of file; expected source, sink, map, channel, schedule or }")),
                Arguments.of("datasource { type csv }",
                        List.of("1:12 SYN100 unexpected '{'; expected a name")),
                Arguments.of("job j { channel { rate fast } }",
                        List.of("1:24 SYN100 unexpected 'fast'; expected a number")),
                Arguments.of("job j { sink w.t { on conflict merge } }\njob k { sink w.t { write insret } }",
                        List.of("1:32 SYN100 unexpected 'merge'; expected replace, ignore or fail",
                        "2:26 SYN100 unexpected 'insret'; expected copy or insert; did you mean 'insert'?")),
                // a mistake in the next setting of the same block is its own error, not a cascade
                Arguments.of("job j { sink w.t { write cpy  mode sideways } }",
                        List.of("1:26 SYN100 unexpected 'cpy'; expected copy or insert; did you mean 'copy'?",
                        "1:36 SYN100 unexpected 'sideways'; expected append or overwrite")),
                // a '}' is never dropped to make the next keyword fit as a name
                Arguments.of("job k {\n  map by name { \"x\" -> }\n  channel { parallelism two }\n}",
                        List.of("2:24 SYN100 unexpected '}'; expected a name",
                        "3:25 SYN100 unexpected 'two'; expected a number")),
                // a misspelt block keyword is skipped with its block; misspelt words get a did-you-mean;
                // every mistake of a block is reported, and nothing after them cascades
                Arguments.of("job j {\n  source dw.src\n  sinc dw.x { write copy }\n  channel { paralelism 2 }\n}\n"
                        + "job k {\n  source dw.src\n  sink dw.y { wirte copy  mode overwrit }\n}\n",
                        List.of("3:3 SYN100 unexpected 'sinc'; expected source, sink, map, channel, schedule or }; did you mean 'sink'?",
                        "4:13 SYN100 unexpected 'paralelism'; expected parallelism, rate, errors, retries or }; did you mean 'parallelism'?",
                        "8:15 SYN100 unexpected 'wirte'; expected one of write, on, mode, create, before, after, partition, add, }; did you mean 'write'?",
                        "8:32 SYN100 unexpected 'overwrit'; expected append or overwrite; did you mean 'overwrite'?")),
                Arguments.of("datasource d { type postgres url }\njob j { source d.t { where } sink d.u { mode } }",
                        List.of("1:34 SYN100 unexpected '}'; expected a name, true, false, a string or a number",
                        "2:28 SYN100 unexpected '}'; expected a string",
                        "2:46 SYN100 unexpected '}'; expected append or overwrite")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsLocatedMessages(String input, List<String> expected) {
        ParseResult r = SyncSourceParser.parse("t.sync", input);
        assertTrue(r.file().isPresent(), "an AST of what parsed");
        assertFalse(r.file().get().malformed().isEmpty(), "what was left out is recorded");
        List<String> actual = r.diagnostics().stream().map(ParserErrorTest::brief).collect(Collectors.toList());
        assertEquals(expected, actual);
    }

    /** A file with syntax errors still yields every declaration and item that parsed; the broken ones are left out. */
    @Test
    void theItemsThatParsedAreKept() {
        SyncFile f = SyncSourceParser.parse("t.sync", "datasource d { type postgres url }\n"
                + "job j { source d.t { where \"a > 1\" split by } sink d.u { write cpy  mode overwrite } map { id  -> x  name } }\n"
                + "job k { source d.v sink d.w }\n"
                + "datasource { type csv }\n"
                + "job m { source d.t ").file().orElseThrow();
        assertEquals(List.of("d"), f.datasources().stream().map(d -> d.name().text()).toList());
        assertEquals(List.of("type"), f.datasources().get(0).properties().stream().map(p -> p.key().text()).toList());
        assertEquals(List.of("j", "k", "m"), f.jobs().stream().map(j -> j.name().text()).toList());
        JobDecl j = f.jobs().get(0);
        assertEquals(1, j.sources().get(0).items().size(), "the where, not the split by without a column");
        assertTrue(j.sources().get(0).items().get(0) instanceof SourceBlock.Where);
        assertEquals(List.of(new SinkBlock.ModeSetting(SinkBlock.Mode.OVERWRITE, j.sinks().get(0).items().get(0).range())),
                j.sinks().get(0).items(), "the mode, not the misspelt write");
        assertEquals(List.of("id", "name"), j.maps().get(0).entries().stream()
                .map(e -> ((MapBlock.Column) e).from().text()).toList(), "the entries around the broken one");
        assertFalse(f.intact(j.range()));
        assertFalse(f.intact(f.datasources().get(0).range()));
        assertTrue(f.intact(f.jobs().get(1).range()), "job k has no error");
        assertFalse(f.intact(f.jobs().get(2).range()), "job m ends without its closing brace");
        assertEquals("d.t", f.jobs().get(2).sources().get(0).table().datasource().text() + "."
                + f.jobs().get(2).sources().get(0).table().parts().get(0).text());
    }

    @Test
    void printsFileLineColumnCaretAndExpectation() {
        String text = "job j {\n  sink w.t { write cpy }\n}\n";
        ParseResult r = SyncSourceParser.parse("jobs/j.sync", text);
        String printed = new DiagnosticPrinter(Map.of("jobs/j.sync", text)).render(r.diagnostics());
        assertEquals("jobs/j.sync:2:20: error[SYN100]: unexpected 'cpy'; expected copy or insert; did you mean 'copy'?\n"
                + "  2 |   sink w.t { write cpy }\n"
                + "    |                    ^~~\n", printed);
    }

    @Test
    void validFileHasNoDiagnostics() {
        String text = """
                // comment
                datasource ods { type postgres url "jdbc:postgresql://h/db" user "u" password env("P") }
                datasource lake { type csv path "data" header true delimiter "|" null "\\\\N" }
                job bank_data_to_holo {
                  source ods.bank_data { where "age >= 18" split by age }
                  sink ods.public.bank_data {
                    write copy  on conflict replace  mode append  create if missing
                    before "delete from x where d = ${bizdate}"  after "analyze bank_data"
                  }
                  map by name {
                    job -> job_title
                    marital default "unknown"
                    sale_time -> sale_ts as timestamp format "yyyyMMddHHmmss"
                    duration as bigint
                    "web" -> channel
                    ${bizdate} -> sale_date as date
                    skip pdays, previous
                    `month` -> month_name;
                  }
                  channel { parallelism 4  rate 50000 rows/s  rate 20 MB/s  errors 2.5% }
                  schedule { cron "0 2 * * *"  param bizdate = "$[yyyymmdd-1]"  after other_job }
                }
                """;
        ParseResult r = SyncSourceParser.parse("ok.sync", text);
        assertEquals(List.of(), r.diagnostics().stream().map(ParserErrorTest::brief).toList());
        assertEquals(1, r.file().orElseThrow().jobs().size());
        assertEquals(2, r.file().orElseThrow().datasources().size());
    }

    static String brief(Diagnostic d) {
        return d.range().line() + ":" + d.range().column() + " " + d.code().id() + " " + d.message();
    }
}
