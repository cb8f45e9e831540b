package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * An incremental job's high watermark as its sink keeps it, beside the rows it covers.
 *
 * @param column  the column it is a value of
 * @param value   the largest value every committed run has read up to; {@code null} before the first
 *                run that found a value
 * @param pending the upper bound of a run that started and has not committed yet ({@code null}: none);
 *                the next run finishes that range first
 */
public record Watermark(String column, String value, String pending) {

    public Watermark {
        Objects.requireNonNull(column, "column");
    }
}
