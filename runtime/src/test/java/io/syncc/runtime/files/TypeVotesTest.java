package io.syncc.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.runtime.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The types inferred for a file's columns never change a value, and say why they are what they are. */
class TypeVotesTest {

    private static TypeVotes votes(String... values) {
        TypeVotes v = new TypeVotes();
        for (String s : values) {
            v.addText(s);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1 2 3|integer: all 3 sampled values are integers, e.g. 1",
            "1 3000000000|bigint, because 3000000000 does not fit integer",
            "1 2.5|double precision, because 2.5 is not an integer",
            "0.1 0.25 1e3|double precision, because 0.1 is not an integer",
            "1 12345678901234567.5|numeric, because 12345678901234567.5 would not be exact as double precision",
            "1234567890123456789012|numeric, because 1234567890123456789012 would not be exact as double precision",
            "12345 08123|text, because 08123 has a leading zero (a number would drop it)",
            "0 0.5 -0|double precision, because 0.5 is not an integer",
            "007.5|text, because 007.5 has a leading zero (a number would drop it)",
            "true FALSE|boolean: all 2 sampled values are true or false",
            "2026-11-24 2026-01-01|date: all 2 sampled values are dates (yyyy-mm-dd), e.g. 2026-11-24",
            "2026-11-24 2026-01-01T10:00|timestamp: all 2 sampled values are dates and times, e.g. 2026-11-24",
            "1 abc|text, because abc is not a number, a boolean, a date or a timestamp"})
    void explained(String values, String explanation) {
        assertEquals(explanation, votes(values.split(" ")).explain());
    }

    @RepeatedTest(100)
    void aValueAndItsInferredTypeNeverDisagree(RepetitionInfo info) {
        // seeded decimal texts: whatever type is inferred, the number it holds is the text's number exactly
        Random r = new Random(7919L * info.getCurrentRepetition());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "" : "-");
            sb.append(1 + r.nextInt(9));
            int digits = r.nextInt(22);
            for (int d = 0; d < digits; d++) {
                sb.append(r.nextInt(10));
            }
            if (r.nextBoolean()) {
                sb.append('.').append(r.nextInt(1000));
            }
            texts.add(sb.toString());
        }
        SqlType t = votes(texts.toArray(String[]::new)).type();
        for (String s : texts) {
            BigDecimal exact = new BigDecimal(s);
            BigDecimal stored = switch (t.kind()) {
                case INTEGER -> new BigDecimal(Integer.parseInt(s));
                case BIGINT -> new BigDecimal(Long.parseLong(s));
                case DOUBLE -> new BigDecimal(Double.toString(Double.parseDouble(s)));
                case NUMERIC -> exact;
                default -> throw new AssertionError(t + " for " + texts);
            };
            assertEquals(0, exact.compareTo(stored), s + " as " + t.sql());
        }
    }
}
