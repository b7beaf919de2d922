package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.findings.DriftFinding;
import dev.whereabouts.graph.findings.FindingStore;
import dev.whereabouts.graph.holder.FindingView;
import dev.whereabouts.graph.holder.HolderStore;
import dev.whereabouts.graph.holder.HolderSummary;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.lookup.RawIdentifiers;
import dev.whereabouts.graph.report.AccessReport;
import dev.whereabouts.graph.report.AccessReportHtml;
import dev.whereabouts.graph.report.PortabilityExport;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.graph.ropa.RopaEntry;
import dev.whereabouts.graph.ropa.RopaFormats;
import dev.whereabouts.graph.ropa.RopaStore;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import dev.whereabouts.web.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DPO REST API (documented in {@code openapi/dpo.yaml}, served at {@code /openapi.yaml}).
 * Handlers stay thin: they parse and validate, call a service or store, and shape the answer;
 * {@code HttpService} turns every {@link ProblemException} into problem+json. Raw identifiers come
 * only in POST bodies (never in URLs, so never in access logs), are pseudonymised at once and are
 * never stored, logged or echoed.
 */
public final class DpoApi {

    static final int MAX_BODY = 16 * 1024;
    private static final Set<String> LOOKUP_FIELDS = Set.of("subject", "reason");
    private static final Set<String> FILE_FIELDS =
            Set.of("requestId", "type", "subject", "scope", "receivedAt", "note");
    private static final Set<String> EXTEND_FIELDS = Set.of("reason", "months");
    private static final Set<String> OUTCOME_FIELDS = Set.of("holder", "outcome", "evidence", "reportedAt");

    private final GraphTransactions graph;
    private final LookupService lookups;
    private final RequestService requests;
    private final Pseudonymiser pseudonymiser;
    private final String controller;
    private final Clock clock;
    private final ObjectMapper json;
    private final HolderStore holders = new HolderStore();
    private final RopaStore ropa = new RopaStore();
    private final FindingStore findings = new FindingStore();
    private final AuditRepository audit = new AuditRepository();
    private final byte[] openApi;

    /**
     * @param controller the controller named in reports and the ROPA, e.g. {@code SmartTrackers B.V.}
     */
    public DpoApi(
            GraphTransactions graph,
            RequestService requests,
            Pseudonymiser pseudonymiser,
            String controller,
            Clock clock) {
        this.graph = graph;
        this.lookups = new LookupService(graph, clock);
        this.requests = requests;
        this.pseudonymiser = pseudonymiser;
        this.controller = controller;
        this.clock = clock;
        this.json = objectMapper();
        this.openApi = resource("/openapi/dpo.yaml");
    }

    /** The JSON mapper of the API: ISO-8601 timestamps. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Serves the API; the caller closes the returned service. */
    public HttpService start(String host, int port, int threads, Authenticator authenticator) throws IOException {
        return HttpService.start("dpo-api", host, port, threads, routes(), authenticator, json);
    }

    public List<Route> routes() {
        return List.of(
                Route.open("GET", "/openapi.yaml", r -> Response.bytes(200, "application/yaml", openApi)),
                Route.open("GET", "/health", r -> Response.json(200, Map.of("status", "UP"), json)),
                Route.forRole(Role.DPO, "POST", "/v1/lookup", this::lookup),
                Route.forRole(Role.DPO, "POST", "/v1/reports/access", this::accessReport),
                Route.forRole(Role.DPO, "GET", "/v1/subjects/{subjectId}/access-report", this::accessReportBySubject),
                Route.forRole(Role.DPO, "POST", "/v1/exports/portability", this::portability),
                Route.forRole(Role.DPO, "POST", "/v1/requests", this::fileRequest),
                Route.forRole(Role.DPO, "GET", "/v1/requests", this::listRequests),
                Route.forRole(
                        Role.DPO,
                        "GET",
                        "/v1/requests/{requestId}",
                        r -> Response.json(200, requests.get(r.pathParameter("requestId")), json)),
                Route.forRole(Role.DPO, "POST", "/v1/requests/{requestId}/extension", this::extend),
                Route.forRole(Role.DPO, "POST", "/v1/requests/{requestId}/outcomes", this::recordOutcome),
                Route.forRole(Role.DPO, "GET", "/v1/holders", this::listHolders),
                Route.forRole(Role.DPO, "GET", "/v1/holders/{holderId}", this::holder),
                Route.forRole(Role.DPO, "GET", "/v1/ropa", this::ropa),
                Route.forRole(Role.DPO, "GET", "/v1/findings/retention", this::retentionFindings),
                Route.forRole(Role.DPO, "GET", "/v1/findings/drift", this::drift),
                Route.forRole(Role.DPO, "GET", "/v1/audit", this::audit));
    }

    // ---- subjects ----

    private record SubjectQuery(RawIdentifiers.Pseudonymised identifiers, String reason) {}

    private SubjectQuery subjectQuery(Request request) {
        JsonNode body = object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, LOOKUP_FIELDS, errors);
        RawIdentifiers.Pseudonymised identifiers =
                RawIdentifiers.pseudonymise(body.get("subject"), "/subject", pseudonymiser, errors);
        String reason = Bodies.requiredText(body, "reason", Bodies.MAX_REASON, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the lookup is not valid", errors);
        }
        return new SubjectQuery(identifiers, reason);
    }

    private Response lookup(Request request) {
        SubjectQuery query = subjectQuery(request);
        LookupService.Audited<Void> result = lookups.lookup(
                request.caller(),
                "subject.lookup",
                new LookupService.ByPseudonyms(query.identifiers().pseudonyms()),
                query.reason());
        requireFound(result);
        List<Map<String, Object>> categories = new ArrayList<>();
        result.locations().byCategory().forEach((category, located) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("category", category);
            entry.put("holders", located);
            categories.add(entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectIds", result.subjectIds());
        body.put("categories", categories);
        body.put("auditId", result.auditId());
        return Response.json(200, body, json);
    }

    private Response accessReport(Request request) {
        SubjectQuery query = subjectQuery(request);
        boolean html = wantsHtml(request);
        LookupService.Audited<Void> result = lookups.lookup(
                request.caller(),
                "subject.access-report",
                new LookupService.ByPseudonyms(query.identifiers().pseudonyms()),
                query.reason());
        return report(result, html);
    }

    private Response accessReportBySubject(Request request) {
        String reason = request.query("reason")
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() ->
                        ProblemException.badParameter("reason", "required: why the report is looked at (audited)"));
        if (reason.length() > Bodies.MAX_REASON) {
            throw ProblemException.badParameter("reason", "at most " + Bodies.MAX_REASON + " characters");
        }
        boolean html = wantsHtml(request);
        LookupService.Audited<Void> result = lookups.lookup(
                request.caller(),
                "subject.access-report",
                new LookupService.BySubjectId(request.pathParameter("subjectId")),
                reason);
        return report(result, html);
    }

    private Response report(LookupService.Audited<Void> result, boolean html) {
        requireFound(result);
        AccessReport report = AccessReport.of(result.locations(), controller, clock.instant());
        if (html) {
            return Response.text(200, "text/html; charset=utf-8", AccessReportHtml.render(report));
        }
        return Response.json(200, report, json);
    }

    private boolean wantsHtml(Request request) {
        Optional<String> format = request.query("format");
        if (format.isPresent()) {
            return switch (format.get().toLowerCase(Locale.ROOT)) {
                case "html" -> true;
                case "json" -> false;
                default -> throw ProblemException.badParameter("format", "must be json or html");
            };
        }
        return request.header("Accept").map(a -> a.contains("text/html")).orElse(false);
    }

    private Response portability(Request request) {
        SubjectQuery query = subjectQuery(request);
        LookupService.Audited<Map<String, Object>> result = lookups.read(
                request.caller(),
                "subject.portability-export",
                new LookupService.ByPseudonyms(query.identifiers().pseudonyms()),
                query.reason(),
                (tx, subjectIds) -> Map.of(
                        "identifiers", lookups.repository().identifiers(tx, subjectIds),
                        "requests", requests.store().forSubjects(tx, subjectIds)));
        requireFound(result);
        @SuppressWarnings("unchecked")
        PortabilityExport export = new PortabilityExport(
                PortabilityExport.FORMAT,
                clock.instant(),
                controller,
                result.subjectIds(),
                (List<Map<String, Object>>) result.extra().get("identifiers"),
                result.locations().locations(),
                (List<Map<String, Object>>) result.extra().get("requests"));
        return Response.json(200, export, json)
                .withHeader(
                        "Content-Disposition",
                        "attachment; filename=\"portability-"
                                + result.subjectIds().get(0) + ".json\"");
    }

    private static void requireFound(LookupService.Audited<?> result) {
        if (!result.found()) {
            throw ProblemException.notFound(
                    "no subject is known by these identifiers (the lookup was audited as " + result.auditId() + ")");
        }
    }

    // ---- requests ----

    private Response fileRequest(Request request) {
        JsonNode body = object(request);
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
        List<RequestView> fetched = graph.read(tx ->
                requests.store().page(tx, state, type, subjectId, number(page, 0), page.key(1), page.limit() + 1));
        return Response.json(
                200,
                Pagination.page(
                        fetched,
                        page.limit(),
                        r -> List.of(Long.toString(r.receivedAt().toEpochMilli()), r.requestId())),
                json);
    }

    private Response extend(Request request) {
        JsonNode body = object(request);
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
        JsonNode body = object(request);
        List<FieldError> errors = new ArrayList<>();
        Bodies.onlyKnownFields(body, OUTCOME_FIELDS, errors);
        String holder = Bodies.requiredText(body, "holder", 128, errors);
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

    // ---- holders, ROPA, findings, audit ----

    private Response listHolders(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 1);
        List<HolderSummary> fetched = graph.read(tx -> holders.page(tx, page.key(0), page.limit() + 1));
        return Response.json(200, Pagination.page(fetched, page.limit(), h -> List.of(h.id())), json);
    }

    private Response holder(Request request) {
        String id = request.pathParameter("holderId");
        return Response.json(
                200,
                graph.read(tx -> holders.find(tx, id))
                        .orElseThrow(() -> ProblemException.notFound("no holder with id " + id)),
                json);
    }

    private Response ropa(Request request) {
        String format = request.query("format").orElse("json").toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> {
                Pagination.PageRequest page = Pagination.from(request, 1);
                List<RopaEntry> fetched = graph.read(tx -> ropa.page(tx, page.key(0), page.limit() + 1));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("controller", controller);
                body.put("generatedAt", clock.instant());
                Pagination.Page<RopaEntry> entries = Pagination.page(fetched, page.limit(), e -> List.of(e.holder()));
                body.put("items", entries.items());
                body.put("nextCursor", entries.nextCursor());
                body.put("limit", entries.limit());
                return Response.json(200, body, json);
            }
            case "csv" -> {
                return Response.text(200, "text/csv; charset=utf-8", RopaFormats.csv(allRopa()))
                        .withHeader("Content-Disposition", "attachment; filename=\"ropa.csv\"");
            }
            case "markdown", "md" -> {
                return Response.text(200, "text/markdown; charset=utf-8", RopaFormats.markdown(allRopa(), controller));
            }
            default -> throw ProblemException.badParameter("format", "must be json, csv or markdown");
        }
    }

    /** The whole ROPA for the file exports, read in pages so no single query returns everything at once. */
    private List<RopaEntry> allRopa() {
        List<RopaEntry> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Optional<String> from = after;
            List<RopaEntry> page = graph.read(tx -> ropa.page(tx, from, Pagination.MAX_LIMIT));
            all.addAll(page);
            if (page.size() < Pagination.MAX_LIMIT) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).holder());
        }
    }

    private Response retentionFindings(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 1);
        Optional<Boolean> resolved = request.query("resolved").map(r -> switch (r.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badParameter("resolved", "must be true or false");
        });
        Optional<String> kind = request.query("kind")
                .map(k -> Bodies.parseEnum(k, FindingKind.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "kind", "must be one of " + List.of(FindingKind.values())))
                        .name());
        Optional<String> holder = request.query("holder");
        List<FindingView> fetched = graph.read(tx ->
                holders.findings(tx, holder, Optional.of(resolved.orElse(false)), kind, page.key(0), page.limit() + 1));
        return Response.json(200, Pagination.page(fetched, page.limit(), f -> List.of(f.findingId())), json);
    }

    private Response drift(Request request) {
        int limit = request.queryInt("limit", Pagination.DEFAULT_LIMIT, 1, Pagination.MAX_LIMIT);
        int offset = Pagination.offset(request);
        Optional<DriftFinding.Kind> kind = request.query("kind")
                .map(k -> Bodies.parseEnum(k, DriftFinding.Kind.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "kind", "must be one of " + List.of(DriftFinding.Kind.values()))));
        List<DriftFinding> all = graph.read(findings::drift).stream()
                .filter(f -> kind.isEmpty() || f.kind() == kind.get())
                .toList();
        Pagination.Page<DriftFinding> page = Pagination.offsetPage(all, offset, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("total", all.size());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("nextOffset", page.nextCursor() == null ? null : Integer.parseInt(page.nextCursor()));
        return Response.json(200, body, json);
    }

    private Response audit(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 2);
        List<AuditEntry> fetched = graph.read(tx -> audit.page(
                tx,
                request.query("actor"),
                request.query("subjectId"),
                request.query("action"),
                number(page, 0),
                page.key(1),
                page.limit() + 1));
        return Response.json(
                200,
                Pagination.page(fetched, page.limit(), e -> List.of(Long.toString(e.at().toEpochMilli()), e.id())),
                json);
    }

    // ---- helpers ----

    private static Optional<Long> number(Pagination.PageRequest page, int part) {
        try {
            return page.number(part);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(
                    "cursor", "is not a cursor of this list; pass nextCursor of the previous page");
        }
    }

    private static JsonNode object(Request request) {
        JsonNode body = request.jsonBody(MAX_BODY);
        if (!body.isObject()) {
            throw ProblemException.malformed(
                    "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object")));
        }
        return body;
    }

    private static byte[] resource(String path) {
        try (InputStream in = DpoApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
