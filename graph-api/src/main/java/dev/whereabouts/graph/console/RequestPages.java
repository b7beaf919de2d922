package dev.whereabouts.graph.console;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.report.PersonCopies;
import dev.whereabouts.graph.request.DecisionService;
import dev.whereabouts.graph.request.RequestDecisions;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.request.RequestResource;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The console's Requests section: the list of data-subject requests with filters and paging, one
 * request's page (facts, timeline, per-holder tasks, the actions its state allows), and those
 * actions as forms. Every action goes through the services of the REST routes ({@link
 * DecisionService#decide}, {@link RequestService#recordOutcome}) with their readers, so it is
 * validated, refused, published and audited exactly as the API does; the page then shows the
 * request as the topology reports it, which follows within seconds (docs/console/requests.md).
 */
public final class RequestPages implements Console.Section {

    /** How many audit entries of one request the timeline reads at most. */
    static final int TRAIL_LIMIT = 500;

    /** The confirmation each action's {@code done} shows. */
    static final Map<String, String> DONE = Map.of(
            "verification", "The verification is recorded",
            "information-request", "The request for information is recorded",
            "information", "The information received is recorded",
            "refusal", "The refusal is recorded",
            "extension", "The extension is recorded",
            "outcome", "The holder's outcome is recorded");

    private final GraphTransactions graph;
    private final RequestService requests;
    private final DecisionService decisions;
    private final AuditRepository audit = new AuditRepository();

    public RequestPages(GraphTransactions graph, RequestService requests, DecisionService decisions) {
        this.graph = graph;
        this.requests = requests;
        this.decisions = decisions;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/requests", r -> list(console, r)),
                console.page("/requests/{requestId}", r -> detail(console, r)),
                decision(console, "verification", RequestDecisions::verification),
                decision(console, "information-request", RequestDecisions::informationRequest),
                decision(console, "information", RequestDecisions::informationReceived),
                decision(console, "refusal", RequestDecisions::refusal),
                decision(console, "extension", RequestDecisions::extension),
                console.action("/requests/{requestId}/outcome", r -> outcome(console, r)));
    }

    // ---- the list

    /** The list page's model. */
    public record ListPage(
            List<Row> rows,
            boolean empty,
            boolean filtered,
            List<Option> states,
            List<Option> types,
            List<Option> overdueOptions,
            String subjectId,
            String firstPage,
            String nextPage) {}

    /** One option of a filter's select, selected when it is the filter in force. */
    public record Option(String value, String label, boolean selected) {}

    /** One request in the list. */
    public record Row(
            String requestId,
            String link,
            String type,
            String state,
            String stateWords,
            String received,
            String deadline,
            String deadlineBasis,
            String daysLeft,
            boolean overdue,
            int escalated,
            String subjectId) {}

    private Response list(Console console, ConsoleRequest request) {
        Optional<RequestState> state = request.query("state")
                .map(s -> Bodies.parseEnum(s, RequestState.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "state", "must be one of " + List.of(RequestState.values()))));
        Optional<RequestType> type = request.query("type")
                .map(t -> Bodies.parseEnum(t, RequestType.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "type", "must be one of " + List.of(RequestType.values()))));
        // A select left at "any" sends the parameter blank: no filter.
        Optional<Boolean> overdue = request.query("overdue").isPresent()
                ? Bodies.booleanParameter(request.http(), "overdue")
                : Optional.empty();
        Optional<String> subjectId = request.query("subjectId");
        Pagination.PageRequest page = Pagination.from(request.http(), 2);
        Optional<Long> afterReceived = page.numberOrBadCursor(0);
        List<RequestView> fetched = graph.read(tx -> requests.repository()
                .page(
                        tx,
                        state.map(Enum::name),
                        type.map(Enum::name),
                        subjectId,
                        overdue,
                        afterReceived,
                        page.key(1),
                        page.limit() + 1));
        Pagination.Page<RequestView> shown = Pagination.page(fetched, page.limit(), RequestRepository::pageKey);
        Instant now = console.clock().instant();
        List<Row> rows = shown.items().stream().map(r -> row(r, now)).toList();

        Map<String, String> filters = new LinkedHashMap<>();
        state.ifPresent(s -> filters.put("state", s.name()));
        type.ifPresent(t -> filters.put("type", t.name()));
        overdue.ifPresent(o -> filters.put("overdue", o.toString()));
        subjectId.ifPresent(s -> filters.put("subjectId", s));
        String nextPage = null;
        if (shown.nextCursor() != null) {
            Map<String, String> next = new LinkedHashMap<>(filters);
            request.query("limit").ifPresent(l -> next.put("limit", Integer.toString(page.limit())));
            next.put("cursor", shown.nextCursor());
            nextPage = "/console/requests" + query(next);
        }
        ListPage model = new ListPage(
                rows,
                rows.isEmpty(),
                !filters.isEmpty(),
                options(RequestState.values(), state),
                options(RequestType.values(), type),
                List.of(
                        new Option("true", "Overdue only", overdue.equals(Optional.of(true))),
                        new Option("false", "Not overdue", overdue.equals(Optional.of(false)))),
                subjectId.orElse(null),
                page.cursor().isPresent() ? "/console/requests" + query(filters) : null,
                nextPage);
        return console.render(request, 200, "requests", "Requests", "requests", model);
    }

    static Row row(RequestView r, Instant now) {
        return new Row(
                r.requestId(),
                "/console/requests/" + r.requestId(),
                words(r.type()),
                r.state(),
                words(r.state()),
                Formats.date(r.receivedAt()),
                Formats.date(r.deadline()),
                basisWords(r.deadlineBasis()),
                daysLeft(r, now),
                r.overdue(),
                r.escalatedTasks().size(),
                r.subjectId());
    }

    /** Days left for an open request; that the clock stands still while waiting; nothing once finished. */
    static String daysLeft(RequestView r, Instant now) {
        if (r.isFinished() || r.deadline() == null) {
            return null;
        }
        if (r.requestState() == RequestState.AWAITING_INFORMATION) {
            return "paused: waiting for information";
        }
        return Formats.daysLeftInWords(now, r.deadline());
    }

    /** STATUTORY, PROMISE, EXTENSION as the DPO reads them. */
    static String basisWords(String basis) {
        if (basis == null) {
            return null;
        }
        return switch (basis) {
            case "STATUTORY" -> "statutory (one month, Art. 12(3))";
            case "PROMISE" -> "promise (the controller's answer time)";
            case "EXTENSION" -> "extension (Art. 12(3))";
            default -> words(basis);
        };
    }

    private static <E extends Enum<E>> List<Option> options(E[] values, Optional<E> selected) {
        List<Option> options = new ArrayList<>();
        for (E value : values) {
            options.add(new Option(value.name(), words(value.name()), selected.equals(Optional.of(value))));
        }
        return options;
    }

    private static String query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    // ---- one request

    /** One request's page model. */
    public record DetailPage(
            String requestId,
            String notice,
            String type,
            String state,
            String stateWords,
            boolean overdue,
            boolean finished,
            String subjectId,
            String subjectLink,
            String received,
            String filedBy,
            String deadline,
            String deadlineBasis,
            String daysLeft,
            String statutoryDeadline,
            String promisedDeadline,
            String extensionReason,
            String verificationMethod,
            Verification verification,
            Information information,
            Refusal refusal,
            String answer,
            String completed,
            String failedHolders,
            String copyLink,
            List<RequestTimeline.Event> timeline,
            List<TaskRow> tasks,
            boolean hasTasks,
            RequestActions.Offered actions) {}

    /** The identity check as the page shows it. */
    public record Verification(boolean verified, String method, String decidedBy, String decidedAt, String note) {}

    /** The information asked of the person, and the pause. */
    public record Information(String askedAt, String askedBy, String note, String answeredAt, String paused) {}

    /** A refusal or rejection with the Art. 12(4) notice. */
    public record Refusal(String ground, String reason, String notice, String decidedBy, String decidedAt) {}

    /** One holder's task. */
    public record TaskRow(
            String holder,
            String channel,
            String type,
            String categories,
            String state,
            String stateWords,
            String reason,
            String evidence,
            String answerBy,
            String remindedAt,
            boolean escalated,
            String expiresAt,
            boolean overdue,
            String updatedAt) {}

    private Response detail(Console console, ConsoleRequest request) {
        String requestId = requestId(request);
        Optional<Loaded> loaded = graph.read(tx -> requests.repository()
                .find(tx, requestId)
                .map(view -> new Loaded(view, audit.ofRequest(tx, requestId, TRAIL_LIMIT))));
        Loaded found = loaded.orElseThrow(RequestPages::unknownRequest);
        Optional<String> notice = request.query("done").map(DONE::get);
        DetailPage model = detailPage(
                found.view(),
                found.trail(),
                notice.map(n -> n + "; the request's state updates within seconds, as the platform applies it."
                                + " Reload the page to see it.")
                        .orElse(null),
                console.clock().instant());
        return console.render(request, 200, "request", words(found.view().type()) + " request", "requests", model);
    }

    private record Loaded(RequestView view, List<AuditEntry> trail) {}

    static DetailPage detailPage(RequestView r, List<AuditEntry> trail, String notice, Instant now) {
        RequestView.Verification v = r.verification();
        RequestView.InformationRequest i = r.informationRequest();
        RequestView.Refusal f = r.refusal();
        // The copy page's own rule decides when there is a copy to make (PersonCopies.whyNot).
        boolean copy = PersonCopies.whyNot(r).isEmpty();
        List<TaskRow> tasks = r.tasks().stream().map(RequestPages::taskRow).toList();
        return new DetailPage(
                r.requestId(),
                notice,
                words(r.type()),
                r.state(),
                words(r.state()),
                r.overdue(),
                r.isFinished(),
                r.subjectId(),
                r.subjectId() == null ? null : "/console/people/" + r.subjectId(),
                Formats.moment(r.receivedAt()),
                r.filedBy(),
                Formats.moment(r.deadline()),
                basisWords(r.deadlineBasis()),
                daysLeft(r, now),
                Formats.moment(r.statutoryDeadline()),
                Formats.moment(r.promisedDeadline()),
                r.extensionReason(),
                words(r.verificationMethod()),
                v == null
                        ? null
                        : new Verification(
                                v.verified(),
                                words(v.method()),
                                v.decidedBy(),
                                Formats.moment(v.decidedAt()),
                                v.note()),
                i == null
                        ? null
                        : new Information(
                                Formats.moment(i.askedAt()),
                                i.askedBy(),
                                i.note(),
                                Formats.moment(i.answeredAt()),
                                i.pausedMillis() > 0
                                        ? RequestTimeline.span(java.time.Duration.ofMillis(i.pausedMillis()))
                                        : null),
                f == null
                        ? null
                        : new Refusal(
                                words(f.ground()),
                                f.reason(),
                                f.notice(),
                                f.decidedBy(),
                                Formats.moment(f.decidedAt())),
                r.isFinished() ? r.answer() : null,
                Formats.moment(r.completedAt()),
                r.failedHolders().isEmpty() ? null : String.join(", ", r.failedHolders()),
                copy ? "/console/requests/" + r.requestId() + "/copy" : null,
                RequestTimeline.of(r, trail),
                tasks,
                !tasks.isEmpty(),
                RequestActions.offered(r));
    }

    private static TaskRow taskRow(RequestView.TaskView t) {
        return new TaskRow(
                t.holder(),
                t.erasureChannel(),
                t.type(),
                String.join(", ", t.categories()),
                t.state(),
                words(t.state()),
                t.reason(),
                t.evidence(),
                Formats.date(t.answerBy()),
                Formats.moment(t.remindedAt()),
                t.escalated(),
                "EXPIRES".equals(t.type()) ? Formats.date(t.expiresAt()) : null,
                t.overdue(),
                Formats.moment(t.updatedAt()));
    }

    // ---- actions

    private Endpoint decision(Console console, String done, Function<JsonFields, RequestDecisions.Command> read) {
        return console.action("/requests/{requestId}/" + done, r -> {
            String requestId = requestId(r);
            RequestDecisions.Command command = read.apply(RequestActions.fields(r.form()));
            decisions.decide(r.caller(), requestId, command);
            return Response.seeOther("/console/requests/" + requestId + "?done=" + done);
        });
    }

    private Response outcome(Console console, ConsoleRequest request) {
        String requestId = requestId(request);
        RequestResource.Outcome outcome = RequestResource.readOutcome(
                RequestActions.fields(request.form()), console.clock().instant());
        requests.recordOutcome(
                request.caller(),
                requestId,
                outcome.holder(),
                outcome.outcome(),
                outcome.evidence(),
                outcome.reportedAt());
        return Response.seeOther("/console/requests/" + requestId + "?done=outcome");
    }

    /** The request id of the path; 404 (without echoing it) when it cannot be one. */
    private static String requestId(ConsoleRequest request) {
        String requestId = request.pathParameter("requestId");
        if (!RequestId.isValid(requestId)) {
            throw unknownRequest();
        }
        return requestId;
    }

    private static ProblemException unknownRequest() {
        return ProblemException.notFound(
                "there is no request with this id; requests appear in the list as soon as they are filed");
    }

    /** {@code AWAITING_VERIFICATION} as {@code Awaiting verification}; null for null. */
    static String words(String constant) {
        return RequestTimeline.words(constant);
    }
}
