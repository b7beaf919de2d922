package dev.whereabouts.graph.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audited DPO action: looking a person up is itself processing of their data (GDPR Art. 5(2),
 * 30), so who did what, when, about which pseudonymous subject and why is kept.
 *
 * @param id         unique id
 * @param at         when
 * @param actor      {@code Caller.name()} of the token used
 * @param action     what was done, e.g. {@code subject.lookup}, {@code request.file}
 * @param subjectIds pseudonymous subject ids concerned; empty when nobody matched
 * @param reason     the reason the DPO declared
 * @param requestId  the data-subject request concerned, if any
 * @param outcome    what came of it, e.g. {@code found}, {@code not-found}, {@code accepted}
 */
public record AuditEntry(
        String id,
        Instant at,
        String actor,
        String action,
        List<String> subjectIds,
        String reason,
        String requestId,
        String outcome) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        subjectIds = List.copyOf(subjectIds);
    }
}
