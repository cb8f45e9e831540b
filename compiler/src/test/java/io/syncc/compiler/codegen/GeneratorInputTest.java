package io.syncc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.compiler.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled-job cache finds classes by the generator's input instead of its output: two jobs
 * with the same input must generate the same source (else a hit would load the wrong job), and a
 * job written elsewhere in its file (other lines, other spacing, a comment) keeps its input.
 */
class GeneratorInputTest {

    private static CheckedJob job(String text) {
        return job(text, List.of());
    }

    /** The job of {@code text}, whose checking says exactly {@code warnings} (codes). */
    private static CheckedJob job(String text, List<String> warnings) {
        Diagnostics diagnostics = new Diagnostics();
        var parsed = SyncSourceParser.parse("orders.sync", text);
        assertEquals(List.of(), parsed.diagnostics());
        var file = parsed.file().orElseThrow();
        List<CheckedJob> jobs = new ProjectChecker(new GeneratedCodeTest.Snapshot())
                .check(List.of(new ProjectChecker.Unit(file, Path.of("."))), diagnostics);
        assertEquals(warnings, diagnostics.sorted().stream().map(d -> d.code().name()).toList(), diagnostics.sorted().toString());
        return jobs.get(0);
    }

    private static String input(CheckedJob job) {
        return GeneratorInput.of(Planner.plan(job), Compilation.values(job)).orElseThrow();
    }

    @Test
    void theSameJobWrittenElsewhereInItsFileHasTheSameInput() {
        String moved = "// orders, moved down and respaced\n\n\n" + GeneratedCodeTest.PROJECT
                .replace("status default \"unknown\"", "status    default   \"unknown\"")
                .replace("\"pg_to_pg\" -> source_system", "\n\n   \"pg_to_pg\" -> source_system");
        assertEquals(input(job(GeneratedCodeTest.PROJECT)), input(job(moved)));
        assertEquals(Compilation.source(job(GeneratedCodeTest.PROJECT)).toString(), Compilation.source(job(moved)).toString());
    }

    /** A literal password never reaches the key (nor the generated code): jobs differing only in it share one entry. */
    @Test
    void aLiteralPasswordIsNotPartOfTheInput() {
        String one = GeneratedCodeTest.PROJECT.replace("password env(\"DW_PASSWORD\")", "password \"s3cret-one\"");
        String two = GeneratedCodeTest.PROJECT.replace("password env(\"DW_PASSWORD\")", "password \"s3cret-two\"");
        List<String> literal = List.of("LITERAL_PASSWORD");
        String a = input(job(one, literal));
        assertFalse(a.contains("s3cret"), "the password is not in the input");
        assertEquals(a, input(job(two, literal)));
        assertEquals(Compilation.source(job(one, literal)).toString(), Compilation.source(job(two, literal)).toString());
        assertFalse(Compilation.source(job(one, literal)).toString().contains("s3cret"));
        assertNotEquals(a, input(job(GeneratedCodeTest.PROJECT)), "env(...) is another plan");
    }

    /** Every pair of variants: the same input means the same generated source, and another source another input. */
    @Test
    void anInputNamesExactlyOneGeneratedSource() {
        String p = GeneratedCodeTest.PROJECT;
        List<String> variants = List.of(p,
                "\n" + p.replace("  channel", "\n  channel"),
                p.replace("\"unknown\"", "\"n/a\""),
                p.replace("\"unknown\"", "\"unknown \""),
                p.replace("\"pg_to_pg\" -> source_system", "\"pg_to_pg\" -> source_system\n    \"x\" -> status").replace("status default \"unknown\"\n", "skip status\n"),
                p.replace("amount > ${min_amount}", "amount >= ${min_amount}"),
                p.replace("parallelism 4", "parallelism 3"),
                p.replace("rate 1000 rows/s", "rate 1001 rows/s"),
                p.replace("big_qty -> qty as int", "big_qty -> qty as integer"),
                p.replace("big_qty -> qty as int", "big_qty -> qty as smallint"),
                p.replace("errors 1%", "errors 2%"),
                p.replace("format \"yyyyMMddHHmmss\"", "format \"yyyyMMddHHmm\""),
                p.replace("on conflict replace", "on conflict ignore"));
        List<String> inputs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String v : variants) {
            CheckedJob job = job(v);
            inputs.add(input(job));
            sources.add(Compilation.source(job).toString());
        }
        int distinct = 0;
        for (int i = 0; i < variants.size(); i++) {
            for (int j = i + 1; j < variants.size(); j++) {
                if (inputs.get(i).equals(inputs.get(j))) {
                    assertEquals(sources.get(i), sources.get(j), "variants " + i + " and " + j + " share an input");
                } else {
                    distinct++;
                }
                if (!sources.get(i).equals(sources.get(j))) {
                    assertNotEquals(inputs.get(i), inputs.get(j), "variants " + i + " and " + j + " generate different code");
                }
            }
        }
        assertEquals(inputs.get(0), inputs.get(1), "variant 1 only moves lines");
        assertEquals(13, variants.size());
        // 13 variants, 78 pairs: only the original, its moved copy and `as integer` (the same as `as int`) share one input
        assertEquals(78 - 3, distinct);
        assertEquals(inputs.get(0), inputs.get(8), "`as integer` is `as int`");
    }
}
