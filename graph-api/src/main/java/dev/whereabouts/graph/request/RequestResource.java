package dev.whereabouts.graph.request;

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
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Data-subject requests: filing one, following them and recording the outcome of a holder that
 * cannot report itself (the controller's decisions on a request: {@link DecisionResource}).
 */
public final class RequestResource {

    private static final Set<String> FILE_FIELDS =
            Set.of("requestId", "type", "subject", "scope", "receivedAt", "note");
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

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.forRole(Role.DPO, "POST", "/v1/requests", this::fileRequest),
                Endpoint.forRole(Role.DPO, "GET", "/v1/requests", this::listRequests),
                Endpoint.forRole(
                        Role.DPO,
                        "GET",
                        "/v1/requests/{requestId}",
                        r -> Response.json(200, requests.get(r.pathParameter("requestId")), json)),
                Endpoint.forRole(Role.DPO, "POST", "/v1/requests/{requestId}/outcomes", this::recordOutcome));
    }

    private Response fileRequest(Request request) {
        JsonFields body = Bodies.read(request);
        body.onlyKnown(FILE_FIELDS);
        Optional<String> requestId = body.optionalParsed(
                "requestId", text -> Optional.of(text.trim()).filter(RequestId::isValid), "must be a UUID");
        RequestType type = FilingRules.type(body);
        RawIdentifiers.Pseudonymised identifiers =
                RawIdentifiers.pseudonymise(body.node("subject"), "/subject", pseudonymiser, body.errors());
        List<String> scope = FilingRules.scope(body, type);
        Instant now = clock.instant();
        Instant receivedAt = body.optionalInstant("receivedAt").orElse(now);
        if (receivedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            body.reject("/receivedAt", "must not be in the future");
        }
        String note = FilingRules.note(body);
        body.throwIfInvalid(errors -> ProblemException.invalid("the request is not valid", errors));
        RequestService.Filed filed = requests.file(
                request.caller(),
                new RequestService.FileCommand(
                        requestId, type, new RequestService.GivenIdentifiers(identifiers), scope, receivedAt, note));
        return Response.json(202, filed, json).withHeader("Location", "/v1/requests/" + filed.requestId());
    }

    private Response listRequests(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 2);
        Optional<String> state = request.query("state")
                .map(s -> Bodies.parseEnum(s, RequestState.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "state", "must be one of " + List.of(RequestState.values())))
                        .name());
        Optional<String> type = request.query("type")
                .map(t -> Bodies.parseEnum(t, RequestType.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "type", "must be one of " + List.of(RequestType.values())))
                        .name());
        Optional<String> subjectId = request.query("subjectId");
        Optional<Boolean> overdue = Bodies.booleanParameter(request, "overdue");
        Optional<Long> afterReceived = page.numberOrBadCursor(0);
        List<RequestView> fetched = graph.read(tx -> requests.repository()
                .page(tx, state, type, subjectId, overdue, afterReceived, page.key(1), page.limit() + 1));
        return Response.json(200, Pagination.page(fetched, page.limit(), RequestRepository::pageKey), json);
    }

    private Response recordOutcome(Request request) {
        Outcome outcome = readOutcome(Bodies.read(request), clock.instant());
        return Response.json(
                202,
                requests.recordOutcome(
                        request.caller(),
                        request.pathParameter("requestId"),
                        outcome.holder(),
                        outcome.outcome(),
                        outcome.evidence(),
                        outcome.reportedAt()),
                json);
    }

    /**
     * A holder's outcome as the DPO records it (this route's body, the console's form).
     *
     * @param holder     the holder whose task it closes
     * @param outcome    what the holder did
     * @param evidence   the holder's evidence, quoting no raw identifier
     * @param reportedAt when the holder reported it; {@code now} when not given
     */
    public record Outcome(String holder, OutcomeType outcome, String evidence, Instant reportedAt) {}

    /** Reads an outcome: {@code {holder, outcome, evidence, reportedAt?}}; 422 naming every bad field. */
    public static Outcome readOutcome(JsonFields body, Instant now) {
        body.onlyKnown(OUTCOME_FIELDS);
        String holder = body.required("holder", Integer.MAX_VALUE, HolderId::isValid, id -> id, HolderId.RULE);
        OutcomeType outcome = body.enumValue("outcome", OutcomeType.class, List.of(OutcomeType.values()), true, true);
        String evidence = Bodies.freeText(body, "evidence", 2_000, true);
        Instant reportedAt = body.optionalInstant("reportedAt").orElse(now);
        if (reportedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            body.reject("/reportedAt", "must not be in the future");
        }
        body.throwIfInvalid(errors -> ProblemException.invalid("the outcome is not valid", errors));
        return new Outcome(holder, outcome, evidence, reportedAt);
    }
}
