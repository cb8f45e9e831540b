package io.syncc.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Diagnostic;
import io.syncc.compiler.diag.DiagnosticPrinter;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.ParseResult;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.types.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutations of valid .sync files (the samples), some joined into one long line or
 * with a line repeated hundreds of times: the front end never throws, every finding points inside
 * the mutated text, and what is printed is bounded (100 findings, short lines). Reproduce a
 * failure with its seed.
 */
class MutationFuzzTest {

    static final List<String> TOKENS = List.of("{", "}", "->", "\"", "${", "${x}", "map", "sink", "source", "as", "default",
            ";", ",", "%", "#", "\n", "job", "rate", "`", "by", "skip", "1e9", "-", ".", "format", "\"yyyy\"", "env(", "999999999999");
    /** Findings printed at most (the rest are counted in one line). */
    static final int MAX_SHOWN = 100;
    /** Longest printed line: a header with a message of at most 500 characters, or a window of a source line. */
    static final int MAX_LINE = 560;
    static final AtomicInteger WITH_ERRORS = new AtomicInteger();
    static final AtomicInteger RUNS = new AtomicInteger();

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 400; s++) {
            seeds.add(s);
        }
        return seeds;
    }

    static List<String> bases() throws Exception {
        Path samples = Path.of("..", "samples");
        List<String> texts = new ArrayList<>();
        for (String f : List.of("quickstart/datasources.sync", "quickstart/bank_data.sync", "pg_to_pg/datasources.sync",
                "pg_to_pg/orders.sync", "pg_to_pg/seed.sync")) {
            texts.add(Files.readString(samples.resolve(f)));
        }
        return texts;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedFilesGetLocatedFindingsAndNoException(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> bases = bases();
        String datasources = bases.get(random.nextInt(2) == 0 ? 0 : 2);
        String job = bases.get(random.nextInt(bases.size()));
        String mutated = mutate(job, random);
        Diagnostics diagnostics = new Diagnostics();
        String[] printed = new String[1];
        assertDoesNotThrow(() -> {
            ParseResult ds = SyncSourceParser.parse("ds.sync", datasources);
            ParseResult j = SyncSourceParser.parse("job.sync", mutated);
            diagnostics.addAll(j.diagnostics());
            if (ds.file().isPresent() && j.file().isPresent()) {
                new ProjectChecker(new FakeCatalog()).check(List.of(new ProjectChecker.Unit(ds.file().get(), Path.of(".")),
                        new ProjectChecker.Unit(j.file().get(), Path.of("."))), diagnostics);
            }
            printed[0] = new DiagnosticPrinter(Map.of("ds.sync", datasources, "job.sync", mutated)).render(diagnostics.sorted());
        }, "seed " + seed + ":\n" + mutated);
        // the output is bounded whatever the input: at most 100 findings and one line counting the rest,
        // no line longer than a message or a window of the source line
        List<String> out = printed[0].lines().toList();
        long shown = out.stream().filter(l -> l.matches("(ds|job)\\.sync:\\d+:\\d+: (error|warning)\\[SYN\\d+]: .*")).count();
        assertTrue(shown <= MAX_SHOWN, "seed " + seed + ": " + shown + " findings printed");
        assertTrue(shown == Math.min(MAX_SHOWN, diagnostics.sorted().size()), "seed " + seed + ": " + shown + " of "
                + diagnostics.sorted().size() + " findings printed");
        assertTrue(out.size() <= 3 * shown + 1, "seed " + seed + ": " + out.size() + " lines for " + shown + " findings");
        if (diagnostics.sorted().size() > MAX_SHOWN) {
            assertTrue(out.get(out.size() - 1).matches("\\([\\d,]+ more (errors?|warnings?)( and [\\d,]+ more warnings?)? not shown\\)"),
                    "seed " + seed + ": " + out.get(out.size() - 1));
        }
        for (String line : out) {
            assertTrue(line.length() <= MAX_LINE, "seed " + seed + ": a printed line of " + line.length() + " characters");
        }
        String[] lines = mutated.split("\n", -1);
        for (Diagnostic d : diagnostics.sorted()) {
            if (!d.range().file().equals("job.sync")) {
                continue;
            }
            int line = d.range().line();
            assertTrue(line >= 1 && line <= lines.length, "seed " + seed + ": line " + line + " outside the file: " + d);
            assertTrue(d.range().column() >= 1 && d.range().column() <= lines[line - 1].length() + 1,
                    "seed " + seed + ": column outside line " + line + ": " + d + "\n" + mutated);
            assertTrue(!d.message().isBlank());
        }
        RUNS.incrementAndGet();
        if (diagnostics.hasErrors()) {
            WITH_ERRORS.incrementAndGet();
        }
    }

    @AfterAll
    static void theMutationsReallyExerciseErrorPaths() {
        if (RUNS.get() == 400) {
            assertTrue(WITH_ERRORS.get() > 300, "only " + WITH_ERRORS.get() + " of 400 mutants had errors");
        }
    }

    static String mutate(String text, SplittableRandom r) {
        StringBuilder s = new StringBuilder(text);
        int ops = 1 + r.nextInt(3);
        for (int i = 0; i < ops && s.length() > 0; i++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(7)) {
                case 0 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(6)));
                case 1 -> s.insert(at, " " + TOKENS.get(r.nextInt(TOKENS.size())) + " ");
                case 2 -> s.setLength(at);
                case 3 -> {
                    // replace a word with another word of the language
                    int end = at;
                    while (end < s.length() && Character.isLetter(s.charAt(end))) {
                        end++;
                    }
                    s.replace(at, end, TOKENS.get(r.nextInt(TOKENS.size())));
                }
                case 5 -> {
                    // everything on one line (comments dropped, or they would swallow the rest)
                    String joined = s.toString().replaceAll("//[^\n]*", "").replace('\n', ' ');
                    s.setLength(0);
                    s.append(joined);
                }
                case 6 -> {
                    // a line repeated 100 to 400 times on one line: many findings, a long line
                    String[] lines = s.toString().split("\n", -1);
                    String line = lines[r.nextInt(lines.length)].replaceAll("//.*", "");
                    line = line.substring(0, Math.min(line.length(), 200)); // a repeated repeat stays below 100 KB
                    s.insert(Math.min(at, s.length()), (line + " ").repeat(100 + r.nextInt(301)));
                }
                default -> {
                    // duplicate a line
                    String[] lines = s.toString().split("\n", -1);
                    int l = r.nextInt(lines.length);
                    s.insert(Math.max(0, s.indexOf(lines[l])), lines[l] + "\n");
                }
            }
        }
        return s.toString();
    }

    /** Every table exists with a few typed columns; enough for the checker to go deep. */
    static final class FakeCatalog implements Catalog {
        @Override
        public Optional<TableInfo> table(DatasourcePlan datasource, String schema, String table) {
            if (table.startsWith("no")) {
                return Optional.empty();
            }
            return Optional.of(new TableInfo(schema, table, List.of(
                    new ColumnInfo("order_id", "integer", SqlType.of(SqlType.Kind.INTEGER), false, false, 1),
                    new ColumnInfo("customer", "text", SqlType.of(SqlType.Kind.TEXT), true, false, 0),
                    new ColumnInfo("status", "text", SqlType.of(SqlType.Kind.TEXT), true, false, 0),
                    new ColumnInfo("amount", "numeric(12,2)", new SqlType(SqlType.Kind.NUMERIC, 12, 2), true, false, 0),
                    new ColumnInfo("order_time", "bigint", SqlType.of(SqlType.Kind.BIGINT), true, false, 0),
                    new ColumnInfo("note", "inet", null, true, false, 0),
                    new ColumnInfo("age", "integer", SqlType.of(SqlType.Kind.INTEGER), true, false, 0))));
        }

        @Override
        public List<String> tables(DatasourcePlan datasource, String schema) {
            return List.of("orders", "bank_data");
        }
    }
}
