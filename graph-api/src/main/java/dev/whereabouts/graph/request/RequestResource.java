package dev.whereabouts.graph.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.lookup.RawIdentifiers;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import dev.whereabouts.web.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Data-subject requests: filing one, following them, extending a deadline (Art. 12(3)) and recording
 * the outcome of a holder that cannot report over Kafka.
 */
public final class RequestResource {

    private static final Set<String> FILE_FIELDS =
            Set.of("requestId", "type", "subject", "scope", "receivedAt", "note");
    private static final Set<String> EXTEND_FIELDS = Set.of("reason", "months");
    private static final Set<String> OUTCOME_FIELDS = Set.of("holder", "outcome", "evidence", "reportedAt");

    private final GraphTransactions graph;
    private final RequestService requests;
    private final Pseudonymiser pseudonymiser;
    private final Clock clock;
    private final ObjectMapper json;

    public RequestResource(
            GraphTransactions graph,
            RequestService requests,
            Pseudonymiser pseudonymiser,
            Clock clock,
            ObjectMapper json) {
        this.graph = graph;
        this.requests = requests;
        this.pseudonymiser = pseudonymiser;
        this.clock = clock;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.forRole(Role.DPO, "POST", "/v1/requests", this::fileRequest),
                Route.forRole(Role.DPO, "GET", "/v1/requests", this::listRequests),
                Route.forRole(
                        Role.DPO,
                        "GET",
                        "/v1/requests/{requestId}",
                        r -> Response.json(200, requests.get(r.pathParameter("requestId")), json)),
                Route.forRole(Role.DPO, "POST", "/v1/requests/{requestId}/extension", this::extend),
                Route.forRole(Role.DPO, "POST", "/v1/requests/{requestId}/outcomes", this::recordOutcome));
    }

    private Response fileRequest(Request request) {
        JsonNode body = Bodies.object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, FILE_FIELDS, errors);
        Optional<String> requestId = Bodies.optionalText(body, "requestId", 64, errors);
        if (requestId.isPresent() && !RequestId.isValid(requestId.get())) {
            errors.add(new FieldError("/requestId", "must be a UUID"));
        }
        RequestType type = Bodies.requiredEnum(body, "type", RequestType.class, errors);
        RawIdentifiers.Pseudonymised identifiers =
                RawIdentifiers.pseudonymise(body.get("subject"), "/subject", pseudonymiser, errors);
        List<String> scope = Bodies.categories(body, "scope", errors);
        Instant now = clock.instant();
        Instant receivedAt = Bodies.optionalInstant(body, "receivedAt", errors).orElse(now);
        if (receivedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add(new FieldError("/receivedAt", "must not be in the future"));
        }
        Optional<String> note = Bodies.optionalText(body, "note", 2_000, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the request is not valid", errors);
        }
        RequestService.Filed filed = requests.file(
                request.caller(),
                new RequestService.FileCommand(requestId, type, identifiers, scope, receivedAt, note.orElse(null)));
        return Response.json(202, filed, json).withHeader("Location", "/v1/requests/" + filed.requestId());
    }

    private Response listRequests(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 2);
        Optional<String> state = request.query("state").map(s -> {
            if (!"RECEIVED".equalsIgnoreCase(s)
                    && Bodies.parseEnum(s, RequestState.class).isEmpty()) {
                throw ProblemException.badParameter("state", "must be one of " + List.of(RequestState.values()));
            }
            return s.toUpperCase(Locale.ROOT);
        });
        Optional<String> type = request.query("type")
                .map(t -> Bodies.parseEnum(t, RequestType.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "type", "must be one of " + List.of(RequestType.values())))
                        .name());
        Optional<String> subjectId = request.query("subjectId");
        Optional<Long> afterReceived = page.numberOrBadCursor(0);
        List<RequestView> fetched = graph.read(tx ->
                requests.repository().page(tx, state, type, subjectId, afterReceived, page.key(1), page.limit() + 1));
        return Response.json(
                200,
                Pagination.page(
                        fetched,
                        page.limit(),
                        r -> List.of(Long.toString(r.receivedAt().toEpochMilli()), r.requestId())),
                json);
    }

    private Response extend(Request request) {
        JsonNode body = Bodies.object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, EXTEND_FIELDS, errors);
        String reason = Bodies.requiredText(body, "reason", Bodies.MAX_REASON, errors);
        int months = 2;
        JsonNode monthsNode = body.get("months");
        if (monthsNode != null && !monthsNode.isNull()) {
            if (!monthsNode.isInt() || monthsNode.intValue() < 1 || monthsNode.intValue() > 2) {
                errors.add(new FieldError("/months", "must be 1 or 2: Art. 12(3) allows at most two further months"));
            } else {
                months = monthsNode.intValue();
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the extension is not valid", errors);
        }
        return Response.json(
                200, requests.extend(request.caller(), request.pathParameter("requestId"), months, reason), json);
    }

    private Response recordOutcome(Request request) {
        JsonNode body = Bodies.object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, OUTCOME_FIELDS, errors);
        String holder = Bodies.requiredId(body, "holder", HolderId::isValid, HolderId.RULE, errors);
        OutcomeType outcome = Bodies.requiredEnum(body, "outcome", OutcomeType.class, errors);
        String evidence = Bodies.requiredText(body, "evidence", 2_000, errors);
        Instant now = clock.instant();
        Instant reportedAt = Bodies.optionalInstant(body, "reportedAt", errors).orElse(now);
        if (reportedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add(new FieldError("/reportedAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the outcome is not valid", errors);
        }
        return Response.json(
                202,
                requests.recordOutcome(
                        request.caller(), request.pathParameter("requestId"), holder, outcome, evidence, reportedAt),
                json);
    }
}
