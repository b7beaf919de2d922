package dev.whereabouts.graph.findings;

/**
 * A difference between what the catalog declares and what lineage shows.
 *
 * @param kind     which difference
 * @param holder   the holder concerned (the receiving holder for flows)
 * @param category the category concerned; null for flow findings
 * @param flowId   the declared flow concerned; null otherwise
 * @param from     the sending holder, for flow findings
 * @param detail   the difference in words
 */
public record DriftFinding(Kind kind, String holder, String category, String flowId, String from, String detail) {

    /** Kinds of drift. */
    public enum Kind {
        /** Lineage shows a holder holding a category the catalog does not declare for it (or an unknown holder). */
        OBSERVED_NOT_DECLARED,
        /** The catalog declares a category at a holder, and lineage has never shown it there. */
        DECLARED_NOT_OBSERVED,
        /** Lineage shows data travelling onward between two holders with no declared flow. */
        FLOW_OBSERVED_NOT_DECLARED,
        /** A declared onward flow that lineage has never shown. */
        FLOW_DECLARED_NOT_OBSERVED
    }
}
