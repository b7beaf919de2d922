package dev.whereabouts.graph.report;

import dev.whereabouts.model.catalog.ControllerPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the person's report needs besides the lineage: the language, the controller's policy from the
 * catalog (its contact address and the supervisory authority to complain to), the moment that
 * "already past" is measured against, and the request it answers, if any.
 *
 * @param language in which language
 * @param policy   the controller's policy; empty while the catalog is not loaded (the report then names
 *                 the supervisory authority in general terms)
 * @param now      when the report is made; retention dates before it are past
 * @param request  the request the report answers, as the person gave it; empty for a DPO's own read
 */
public record ReportContext(
        ReportLanguage language, Optional<ControllerPolicy> policy, Instant now, Optional<RequestFacts> request) {

    public ReportContext {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(request, "request");
    }

    /**
     * What the person gave in their request: what the request itself carries, never their identifiers.
     *
     * @param requestId  id
     * @param type       ACCESS or PORTABILITY
     * @param receivedAt when received
     * @param scope      the categories asked about; empty for all
     * @param note       the note filed with it (free text without identifiers); null when none
     */
    public record RequestFacts(String requestId, String type, Instant receivedAt, List<String> scope, String note) {

        public RequestFacts {
            scope = List.copyOf(scope);
        }
    }
}
