package dev.whereabouts.graph.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import java.util.ArrayList;
import java.util.List;
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
        JsonNode body = Bodies.object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, FIELDS, errors);
        RawIdentifiers.Pseudonymised identifiers =
                RawIdentifiers.pseudonymise(body.get("subject"), "/subject", pseudonymiser, errors);
        String reason = Bodies.requiredText(body, "reason", Bodies.MAX_REASON, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the lookup is not valid", errors);
        }
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
