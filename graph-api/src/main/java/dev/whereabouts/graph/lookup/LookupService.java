package dev.whereabouts.graph.lookup;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.web.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Answers "where does this person's data live" and anything else read about one person, and audits
 * it in the same transaction: the read and its audit entry commit together or not at all.
 */
public final class LookupService {

    /** Whom to look up: pseudonyms of raw identifiers, or a pseudonymous subject id. */
    public sealed interface SubjectRef permits ByPseudonyms, BySubjectId {}

    public record ByPseudonyms(List<String> pseudonyms) implements SubjectRef {}

    public record BySubjectId(String subjectId) implements SubjectRef {}

    /**
     * An audited read.
     *
     * @param subjectIds the surviving subject ids found; empty when nobody matched
     * @param locations  where their data lives
     * @param extra      whatever else the caller read in the same transaction
     * @param auditId    id of the audit entry
     */
    public record Audited<T>(List<String> subjectIds, SubjectLocations locations, T extra, String auditId) {

        public boolean found() {
            return !subjectIds.isEmpty();
        }
    }

    private final GraphTransactions graph;
    private final SubjectRepository lookups = new SubjectRepository();
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public LookupService(GraphTransactions graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    /** Locations of the subject, audited as {@code action}. */
    public Audited<Void> lookup(Caller caller, String action, SubjectRef subject, String reason) {
        return read(caller, action, subject, reason, (tx, ids) -> null);
    }

    /**
     * Locations of the subject plus {@code extra}, read in the same transaction as the audit entry.
     */
    public <T> Audited<T> read(
            Caller caller,
            String action,
            SubjectRef subject,
            String reason,
            BiFunction<SimpleQueryRunner, List<String>, T> extra) {
        return read(caller, action, subject, reason, null, extra);
    }

    /**
     * Locations of the subject plus {@code extra}, read for the data-subject request {@code requestId}
     * (named in the audit entry) in the same transaction as the audit entry.
     */
    public <T> Audited<T> read(
            Caller caller,
            String action,
            SubjectRef subject,
            String reason,
            String requestId,
            BiFunction<SimpleQueryRunner, List<String>, T> extra) {
        return graph.write(tx -> {
            List<String> subjectIds = subject instanceof ByPseudonyms p
                    ? lookups.resolve(tx, p.pseudonyms())
                    : lookups.resolveSubject(tx, ((BySubjectId) subject).subjectId());
            SubjectLocations locations = new SubjectLocations(
                    subjectIds, subjectIds.isEmpty() ? List.of() : lookups.locations(tx, subjectIds));
            T more = subjectIds.isEmpty() ? null : extra.apply(tx, subjectIds);
            String auditId = UUID.randomUUID().toString();
            audit.record(
                    tx,
                    new AuditEntry(
                            auditId,
                            clock.instant(),
                            caller.name(),
                            action,
                            subjectIds,
                            reason,
                            requestId,
                            subjectIds.isEmpty() ? "not-found" : "found"));
            return new Audited<>(subjectIds, locations, more, auditId);
        });
    }

    public SubjectRepository repository() {
        return lookups;
    }
}
