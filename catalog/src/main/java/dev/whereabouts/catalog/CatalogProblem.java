package dev.whereabouts.catalog;

import java.util.Objects;

/**
 * One thing wrong with a catalog file, precise enough to fix without searching.
 *
 * <p>Printed as {@code smarttrackers.yaml:42:9: holders[3].retention[0].retention: 'P45X' is not
 * an ISO-8601 period; ...}. The path names the offending value in the file's own structure (list
 * items by zero-based index); line and column are 1-based and point at that value, or at its key
 * when the key is the problem.
 *
 * @param file   the file name as given to the validator
 * @param path   YAML path of the offending node, e.g. {@code holders[3].categories[1]}; empty for
 *               the document as a whole
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param reason what is wrong and, where possible, the fix
 */
public record CatalogProblem(String file, String path, int line, int column, String reason) {

    public CatalogProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the problem knows where in the file it is. */
    public boolean hasLocation() {
        return line > 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (hasLocation()) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(reason).toString();
    }
}
