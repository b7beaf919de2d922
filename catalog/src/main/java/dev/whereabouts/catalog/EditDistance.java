package dev.whereabouts.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), for "did you mean"
 * hints: a swapped pair of letters ({@code emial}) is one typo, not two.
 */
public final class EditDistance {

    private EditDistance() {}

    static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The candidate nearest to {@code word}, if one is close enough to be a plausible typo. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        if (word == null) {
            return Optional.empty();
        }
        // Short names tolerate fewer edits, or every three-letter id would "suggest" every other one.
        int tolerance = Math.max(1, Math.min(3, word.length() / 3));
        return candidates.stream()
                .filter(c -> between(word, c) <= tolerance)
                .min(Comparator.<String>comparingInt(c -> between(word, c)).thenComparing(Comparator.naturalOrder()));
    }

    /** " (did you mean 'x'?)" or the empty string. */
    static String hint(String word, Collection<String> candidates) {
        return nearest(word, candidates)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
    }
}
