package dev.whereabouts.graph.schema;

/** Every relationship type of the lineage graph; Cypher interpolates these, never its own spelling. */
public enum RelType {
    /** (Identifier)-[:IDENTIFIES]->(Subject): the identifier belongs to the subject. */
    IDENTIFIES,
    /** (Subject)-[:SHARED_WITH {category}]->(Holder): one lineage edge, the current answer for (subject, category, holder). */
    SHARED_WITH,
    /** (Subject)-[:MERGED_INTO]->(Subject): identity stitching folded the first subject into the second. */
    MERGED_INTO,
    /** (Holder)-[:DECLARES {retention, note}]->(Category): the catalog declares the holder receives the category. */
    DECLARES,
    /** (Holder)-[:OBSERVED]->(Category): lineage has shown the holder holding the category at least once. */
    OBSERVED,
    /** (Holder)-[:OBSERVED_FLOW]->(Holder): lineage has shown data travelling onward from one holder to the other. */
    OBSERVED_FLOW,
    /** (Flow)-[:FROM]->(Holder): the holder a declared flow starts at. */
    FROM,
    /** (Flow)-[:TO]->(Holder): the holder a declared flow reaches. */
    TO,
    /** (Request)-[:CONCERNS]->(Subject): the subject a request was resolved to. */
    CONCERNS,
    /** (Request)-[:HAS_TASK]->(Task). */
    HAS_TASK,
    /** (Task)-[:ASSIGNED_TO]->(Holder). */
    ASSIGNED_TO,
    /** (Finding)-[:ABOUT]->(Subject). */
    ABOUT,
    /** (Finding)-[:AT]->(Holder). */
    AT
}
