package dev.whereabouts.graph.writer;

/** The kinds of record the writer turns into graph changes, one per topic it reads. */
public enum RecordKind {
    HOLDER,
    FLOW,
    IDENTITY,
    MERGE,
    LINEAGE,
    STATUS,
    FINDING
}
