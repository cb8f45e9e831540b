package io.syncc.runtime.exec;

import java.util.List;
import java.util.Objects;

/**
 * What {@code syncc preview} shows: the first mapped rows (sink columns as text) and the records
 * met on the way that a run would keep as dirty rows.
 */
public record Preview(List<String[]> rows, List<Rejected> rejected) {

    /** At most this many rejected records are kept. */
    public static final int MAX_REJECTED = 100;

    public Preview {
        rows = List.copyOf(rows);
        rejected = List.copyOf(rejected);
    }

    /** A record that would be a dirty row: where it is and why. */
    public record Rejected(String location, String reason) {
        public Rejected {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
