package dev.whereabouts.graph.lookup;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import java.util.Set;

/**
 * The body of every request about one person ({@code subject} with raw identifiers, {@code reason}
 * for the audit): the lookup, the access report and the portability export. The identifiers are
 * pseudonymised at once and never kept.
 *
 * @param identifiers the person's identifiers, pseudonymised
 * @param reason      why the DPO asks, recorded in the audit entry
 */
public record SubjectQuery(RawIdentifiers.Pseudonymised identifiers, String reason) {

    private static final Set<String> FIELDS = Set.of("subject", "reason");

    /** Reads the body; 400 listing every bad field. */
    public static SubjectQuery from(Request request, Pseudonymiser pseudonymiser) {
        JsonFields body = Bodies.read(request);
        body.onlyKnown(FIELDS);
        RawIdentifiers.Pseudonymised identifiers =
                RawIdentifiers.pseudonymise(body.node("subject"), "/subject", pseudonymiser, body.errors());
        String reason = Bodies.trimmed(body.requiredText("reason", Bodies.MAX_REASON));
        body.throwIfInvalid(errors -> ProblemException.invalid("the lookup is not valid", errors));
        return new SubjectQuery(identifiers, reason);
    }

    /** The lookup's subject ids by pseudonym. */
    public LookupService.ByPseudonyms subject() {
        return new LookupService.ByPseudonyms(identifiers.pseudonyms());
    }

    /** 404 naming the audit entry when nobody matched: the failed lookup is audited too. */
    public static void requireFound(LookupService.Audited<?> result) {
        if (!result.found()) {
            throw ProblemException.notFound(
                    "no subject is known by these identifiers (the lookup was audited as " + result.auditId() + ")");
        }
    }
}
