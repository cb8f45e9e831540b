package io.syncc.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress line: one rate, a real bar on 80 columns, no "?%" for sources of unknown size. */
class ProgressTest {

    @Test
    void aFileSourceShowsMegabytesOneRateAndAnEta() {
        String line = Progress.line("bank_data", 84_000_000, 200_000_000, 1_234_567, -1, 1_234_567, 84_000_000, Duration.ofSeconds(2), 80);
        assertEquals("bank_data  42% │██████▎        │  84/200 MB  42.0 MB/s  1,234,567 rows  ETA 0:02", line);
        assertEquals(80, line.length());
    }

    @Test
    void aTableWithStatisticsShowsRowsOfTheEstimateAndRowsPerSecond() {
        String line = Progress.line("pg_to_pg", 0, -1, 400_000, 1_000_000, 400_000, 0, Duration.ofSeconds(4), 80);
        assertEquals("pg_to_pg  40% │████▊       │  400,000/~1,000,000 rows  100,000 rows/s  ETA ~0:06", line);
        assertTrue(!line.contains("?"), line);
    }

    @Test
    void withoutASizeThereIsNoBarAndNoPercentage() {
        assertEquals("view_job  400,000 rows  100,000 rows/s  0:04",
                Progress.line("view_job", 0, -1, 400_000, -1, 400_000, 0, Duration.ofSeconds(4), 80));
    }

    @Test
    void resumedRowsAreNotInTheRate() {
        String line = Progress.line("j", 0, -1, 900_000, 1_000_000, 100_000, 0, Duration.ofSeconds(1), 100);
        assertTrue(line.contains("100,000 rows/s"), line);
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 60, 80, 120, 200})
    void theBarKeepsItsRoomAtAnyWidth(int width) {
        String line = Progress.line("a_rather_long_job_name_that_goes_on", 123_456_789, 987_654_321, 9_876_543, -1, 9_876_543, 123_456_789,
                Duration.ofSeconds(75), width);
        assertTrue(line.length() <= width, line.length() + ": " + line);
        int bar = line.lastIndexOf('│') - line.indexOf('│') + 1;
        assertTrue(bar >= 10, "bar of " + bar + " in " + line);
        assertTrue(line.startsWith("a_rather_long_job_n…  12% │"), line);
    }
}
