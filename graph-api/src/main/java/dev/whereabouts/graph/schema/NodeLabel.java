package dev.whereabouts.graph.schema;

/**
 * Every node label of the lineage graph. Cypher never spells a label itself: it interpolates one of
 * these, so a label can only be one the graph model documents ({@code docs/graph-model.md}).
 */
public enum NodeLabel {
    /** A person, by pseudonymous subject id; key {@code id}. */
    Subject("id"),
    /** One pseudonymous identifier (HMAC of a normalised email, phone, ...); key {@code pseudonym}. */
    Identifier("pseudonym"),
    /** A place where personal data lives, from the catalog or seen in lineage; key {@code id}. */
    Holder("id"),
    /** A fideslang data category; key {@code key}. */
    Category("key"),
    /** A declared onward flow between two holders; key {@code id}. */
    Flow("id"),
    /** A data-subject request; key {@code id}. */
    Request("id"),
    /** One holder's task of a request; key {@code id}. */
    Task("id"),
    /** A retention finding; key {@code id}. */
    Finding("id"),
    /** One audited DPO action; key {@code id}. */
    AuditEntry("id"),
    /** How far the graph writer has applied one topic partition; key {@code id} ({@code <topic>-<partition>}). */
    Progress("id"),
    /**
     * The package a person receives for an ACCESS or PORTABILITY request, behind a link; key {@code id}.
     * Written and deleted by the DPO API only (deleted when it expires).
     */
    PersonCopy("id");

    private final String key;

    NodeLabel(String key) {
        this.key = key;
    }

    /** The property that identifies a node of this label, backed by a uniqueness constraint. */
    public String key() {
        return key;
    }
}
