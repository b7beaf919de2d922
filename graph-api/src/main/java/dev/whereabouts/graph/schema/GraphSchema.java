package dev.whereabouts.graph.schema;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the graph's uniqueness constraints and indexes, idempotently ({@code IF NOT EXISTS}), so
 * every {@code MERGE} of the writer runs on a constrained key: replays cannot duplicate nodes, and
 * two writer instances cannot race one into existence twice. Run by the writer and the API at start.
 */
public final class GraphSchema {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSchema.class);

    private GraphSchema() {}

    /** The schema statements, in the order they are applied. */
    public static List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (NodeLabel label : NodeLabel.values()) {
            statements.add("CREATE CONSTRAINT " + constraintName(label) + " IF NOT EXISTS FOR (n:" + label.name()
                    + ") REQUIRE n." + label.key() + " IS UNIQUE");
        }
        // Range indexes for the API's filters and sort orders.
        statements.add("CREATE INDEX audit_at IF NOT EXISTS FOR (n:" + NodeLabel.AuditEntry + ") ON (n.at)");
        statements.add(
                "CREATE INDEX audit_request IF NOT EXISTS FOR (n:" + NodeLabel.AuditEntry + ") ON (n.requestId)");
        statements.add(
                "CREATE INDEX request_received IF NOT EXISTS FOR (n:" + NodeLabel.Request + ") ON (n.receivedAt)");
        // A person's requests, on the console's person page.
        statements.add("CREATE INDEX request_subject IF NOT EXISTS FOR (n:" + NodeLabel.Request + ") ON (n.subjectId)");
        statements.add("CREATE INDEX finding_holder IF NOT EXISTS FOR (n:" + NodeLabel.Finding + ") ON (n.holder)");
        // A person's copy is found by the hash of its link's token, listed per request and swept by expiry.
        statements.add(
                "CREATE INDEX personcopy_token IF NOT EXISTS FOR (n:" + NodeLabel.PersonCopy + ") ON (n.tokenHash)");
        statements.add(
                "CREATE INDEX personcopy_request IF NOT EXISTS FOR (n:" + NodeLabel.PersonCopy + ") ON (n.requestId)");
        statements.add(
                "CREATE INDEX personcopy_expires IF NOT EXISTS FOR (n:" + NodeLabel.PersonCopy + ") ON (n.expiresAt)");
        // The console's findings grouped by holder, kind, category and rule: a composite index whose
        // entries carry every value the grouping reads, so counting 200,000 open findings never
        // touches their nodes (docs/graph-model.md).
        statements.add("CREATE INDEX finding_open_groups IF NOT EXISTS FOR (n:" + NodeLabel.Finding
                + ") ON (n.resolved, n.holder, n.kind, n.category, n.rule, n.dueAt)");
        // No index on SHARED_WITH.category: every query reaches edges from a subject or a holder, and
        // maintaining one would cost every new edge an index write.
        return statements;
    }

    /** Applies {@link #statements()} and waits until every index is online. */
    public static void ensure(Driver driver) {
        try (Session session = driver.session()) {
            for (String statement : statements()) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(60)").consume();
        }
        LOG.info("graph constraints and indexes are in place");
    }

    static String constraintName(NodeLabel label) {
        return label.name().toLowerCase(java.util.Locale.ROOT) + "_"
                + label.key().toLowerCase(java.util.Locale.ROOT) + "_unique";
    }
}
