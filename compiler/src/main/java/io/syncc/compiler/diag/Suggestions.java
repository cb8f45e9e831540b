package io.syncc.compiler.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "did you mean" for unknown names: the closest candidate within a small edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> closest(String wanted, Collection<String> candidates) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        String best = null;
        int bestDistance = allowed + 1;
        int[][] rows = new int[3][w.length() + allowed + 2]; // candidates longer than that are skipped
        for (String c : candidates) {
            // a name whose length differs by more than the best distance so far cannot be closer
            if (Math.abs(c.length() - w.length()) >= bestDistance) {
                continue;
            }
            int d = distance(w, c, bestDistance - 1, rows);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean 'x'?} or the empty string. */
    public static String didYouMean(String wanted, Collection<String> candidates) {
        return closest(wanted, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /**
     * Optimal string alignment distance (insertions, deletions, substitutions and adjacent
     * transpositions) between {@code a} (lower case) and {@code b} ignoring case, or {@code max + 1}
     * as soon as it must exceed {@code max}: three reused rows of at least {@code b.length() + 1}, no
     * matrix, so many or long names cost little.
     */
    private static int distance(String a, String b, int max, int[][] rows) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] before = rows[0];
        int[] prev = rows[1];
        int[] cur = rows[2];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = i;
            char ai = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char bj = Character.toLowerCase(b.charAt(j - 1));
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (ai == bj ? 0 : 1));
                if (i > 1 && j > 1 && ai == Character.toLowerCase(b.charAt(j - 2)) && a.charAt(i - 2) == bj) {
                    v = Math.min(v, before[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1; // every later row is at least this far
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
