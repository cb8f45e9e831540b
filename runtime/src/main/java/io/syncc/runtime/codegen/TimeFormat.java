package io.syncc.runtime.codegen;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * A java.time pattern from a {@code format "..."} clause, compiled once (generated code holds
 * it in a static final field). Keeps the pattern text for messages.
 */
public final class TimeFormat {

    private final String pattern;
    private final DateTimeFormatter formatter;

    private TimeFormat(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        // 'uuuu' is the proleptic year; users write 'yyyy' (year of era), which with STRICT
        // resolution would need an era field. SMART keeps yyyy working and still rejects 2026-02-30.
        this.formatter = DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.SMART);
    }

    /** @throws IllegalArgumentException when the pattern is not a valid java.time pattern */
    public static TimeFormat of(String pattern) {
        return new TimeFormat(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public DateTimeFormatter formatter() {
        return formatter;
    }

    @Override
    public String toString() {
        return '"' + pattern + '"';
    }
}
