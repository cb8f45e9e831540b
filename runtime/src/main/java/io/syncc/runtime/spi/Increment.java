package io.syncc.runtime.spi;

import java.util.Objects;

/**
 * What an incremental run reads ({@code source ds.t { incremental by column }}): the rows whose
 * {@code column} is after {@code after} (at or after it when {@code inclusive}: {@code --from}),
 * up to {@code upTo}. Values are the server's own text of the column's type.
 *
 * @param column    the watermark column
 * @param after     the lower bound; {@code null} reads from the start (every row, NULLs and
 *                  infinities included: a first or {@code --full} run)
 * @param inclusive whether {@code after} itself is read ({@code --from VALUE})
 * @param upTo      the upper bound an earlier unfinished run fixed and this run must keep (so its
 *                  committed splits are resumed over the same range); {@code null}: the source takes
 *                  the largest finite value in its snapshot
 */
public record Increment(String column, String after, boolean inclusive, String upTo) {

    public Increment {
        Objects.requireNonNull(column, "column");
    }

    /** How people read the range: {@code updated_at after 2026-01-01 10:00:00+00}. */
    public String describe(String to) {
        String from = after == null ? "from the start" : (inclusive ? "from " : "after ") + after;
        return column + " " + from + (to == null ? " (no rows beyond it)" : " up to " + to);
    }
}
