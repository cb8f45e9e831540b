package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What `syncc check` prints is bounded whatever the file: 100 findings and one line counting the
 * rest, source lines cut to a window around the caret. A 100 KB one-line file used to print every
 * finding with the whole line (errors × line length) until the JVM ran out of memory.
 */
class BoundedOutputTest {

    /** 100 findings of at most 3 lines, a header up to 560 characters and two source lines up to 120. */
    static final int MAX_OUTPUT = 100 * (560 + 2 * 120) + 200;

    @TempDir
    Path dir;

    @Test
    void aHundredKilobyteLineOfDeclarationsPrintsAHundredFindingsAndCountsTheRest() throws Exception {
        Path file = dir.resolve("jobs.sync");
        Files.writeString(file, "job a { } ".repeat(10_500)); // 105,000 characters, one line
        Cli.Result r = Cli.run("check", file.toString());
        assertEquals(1, r.exitCode(), r.err().substring(0, Math.min(2000, r.err().length())));
        List<String> lines = r.err().lines().toList();
        assertEquals(100, lines.stream().filter(l -> l.startsWith(file + ":1:")).count());
        // the first job lacks a source and a sink block, the 10,499 others repeat its name
        assertEquals(List.of("(10,401 more errors not shown)", "10501 errors"), lines.subList(lines.size() - 2, lines.size()));
        assertTrue(r.err().length() < MAX_OUTPUT, r.err().length() + " characters");
        assertTrue(lines.stream().allMatch(l -> l.length() <= 560 + file.toString().length()), "a line is too long");
    }

    @Test
    void thirtyThousandJobsWaitingForEachOtherAreCheckedWithoutOverflowingTheStack() throws Exception {
        StringBuilder text = new StringBuilder();
        int jobs = 30_000;
        for (int i = 0; i < jobs; i++) {
            text.append("job j").append(i).append(" { schedule { cron \"0 2 * * *\" after j").append((i + 1) % jobs).append(" } }\n");
        }
        Path file = dir.resolve("chain.sync");
        Files.writeString(file, text);
        Cli.Result r = Cli.run("check", file.toString());
        assertEquals(1, r.exitCode(), r.err().substring(0, Math.min(2000, r.err().length())));
        List<String> lines = r.err().lines().toList();
        // every job lacks a source and a sink block; the first is on a cycle through all of them
        assertEquals(List.of("(59,901 more errors not shown)", "60001 errors"), lines.subList(lines.size() - 2, lines.size()));
        assertTrue(r.err().contains(file + ":1:5: error[SYN506]: jobs wait for each other in a cycle: j0 -> j1 -> j2 -> "), r.err());
        assertTrue(r.err().length() < MAX_OUTPUT, r.err().length() + " characters");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aHundredKilobyteLineOfGarbageGivesBoundedOutput(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "{}->\"$ab;,%#`.-1= job map sink source";
        StringBuilder garbage = new StringBuilder();
        while (garbage.length() < 100_000) {
            garbage.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Path file = dir.resolve("garbage.sync");
        Files.writeString(file, garbage);
        Cli.Result r = Cli.run("check", file.toString());
        assertEquals(1, r.exitCode(), r.err().substring(0, Math.min(2000, r.err().length())));
        assertTrue(r.err().length() < MAX_OUTPUT, r.err().length() + " characters");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.stream().filter(l -> l.startsWith(file + ":1:")).count() <= 100);
        assertTrue(lines.stream().allMatch(l -> l.length() <= 560 + file.toString().length()), "a line is too long");
    }

    @Test
    void aLongLineIsShownAsAWindowAroundTheCaret() throws Exception {
        Path file = dir.resolve("wide.sync");
        String line = "job j { map { " + "a -> b ".repeat(40) + "c -> % } }"; // 304 characters, '%' at column 300
        Files.writeString(file, line + "\n");
        Cli.Result r = Cli.run("check", file.toString());
        assertEquals(1, r.exitCode(), r.toString());
        // the last 100 characters (the caret is near the end), cut at the left
        assertEquals(file + ":1:300: error[SYN100]: unexpected '%'; expected a name\n"
                + "  1 | ..." + line.substring(204) + "\n"
                + "    | " + " ".repeat(3 + 299 - 204) + "^\n"
                + "1 error\n", r.err());
        // a caret near the start: the first 100 characters, cut at the right
        String early = "job j { map { %" + " a -> b".repeat(40) + " } }";
        Files.writeString(file, early + "\n");
        r = Cli.run("check", file.toString());
        assertEquals(file + ":1:15: error[SYN100]: unexpected '%'; expected one of a name, skip, true, false, null, }, "
                + "a parameter ${name}, a string, a number\n"
                + "  1 | " + early.substring(0, 100) + "...\n"
                + "    | " + " ".repeat(14) + "^\n"
                + "1 error\n", r.err());
    }
}
