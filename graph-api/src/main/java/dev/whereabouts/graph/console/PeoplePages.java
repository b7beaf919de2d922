package dev.whereabouts.graph.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.lookup.RawIdentifiers;
import dev.whereabouts.graph.request.FilingRules;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.FormBody;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's People section: find a person by an identifier (POSTed, pseudonymised at once, never
 * in a URL, a log, a message or a page), then their page, addressed by pseudonymous subject id: every
 * holder of every category as tables and as a graph, their requests, links to their report and export,
 * and a form to file any request for them. Every read about the person goes through the
 * {@link LookupService} and is audited with the reason the DPO gave (docs/console/people.md).
 */
public final class PeoplePages implements Console.Section {

    /** The audit action of a lookup by identifier: the REST lookup's. */
    static final String LOOKUP = "subject.lookup";

    /** The audit action of opening a person's page by subject id. */
    static final String VIEW = "subject.view";

    private static final Map<String, String> TYPE_LABELS = Map.of(
            "email", "E-mail address",
            "phone", "Phone number",
            "accountId", "Account id",
            "customerId", "Customer id",
            "deviceId", "Device id",
            "cookieId", "Cookie id");

    private final LookupService lookups;
    private final RequestService requests;
    private final GraphTransactions graph;
    private final Pseudonymiser pseudonymiser;
    private final HolderRepository holders = new HolderRepository();

    public PeoplePages(
            LookupService lookups, RequestService requests, GraphTransactions graph, Pseudonymiser pseudonymiser) {
        this.lookups = lookups;
        this.requests = requests;
        this.graph = graph;
        this.pseudonymiser = pseudonymiser;
    }

    /** The find page's model. */
    public record FindView(
            List<PersonView.Choice> types,
            List<FieldError> errors,
            boolean notFound,
            String auditId,
            List<String> matches) {

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public boolean hasMatches() {
            return !matches.isEmpty();
        }
    }

    /** The page asking why the DPO opens a person's record. */
    public record ReasonView(String subjectId, List<FieldError> errors) {

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page(
                        "/people", r -> find(console, r, 200, Optional.empty(), List.of(), false, null, List.of())),
                console.action("/people/find", r -> lookUp(console, r)),
                console.page("/people/{subjectId}", r -> person(console, r)),
                console.action("/people/{subjectId}/reason", r -> giveReason(console, r)),
                console.action("/people/{subjectId}/requests", r -> fileRequest(console, r)));
    }

    private Response find(
            Console console,
            ConsoleRequest request,
            int status,
            Optional<String> type,
            List<FieldError> errors,
            boolean notFound,
            String auditId,
            List<String> matches) {
        List<PersonView.Choice> types = new ArrayList<>();
        for (String field : RawIdentifiers.FIELDS.keySet()) {
            types.add(new PersonView.Choice(
                    field,
                    TYPE_LABELS.getOrDefault(field, field),
                    type.map(field::equals).orElse(false)));
        }
        return console.render(
                request,
                status,
                "people-find",
                "Find a person",
                "people",
                new FindView(types, errors, notFound, auditId, matches));
    }

    private Response lookUp(Console console, ConsoleRequest request) {
        FormBody form = request.form();
        List<FieldError> errors = new ArrayList<>();
        Optional<String> type = form.first("type");
        if (type.isEmpty()) {
            errors.add(new FieldError("type", "required: one of " + RawIdentifiers.FIELDS.keySet()));
        } else if (!RawIdentifiers.FIELDS.containsKey(type.get())) {
            errors.add(new FieldError("type", "must be one of " + RawIdentifiers.FIELDS.keySet()));
        }
        Optional<String> identifier = form.first("identifier");
        RawIdentifiers.Pseudonymised identifiers = null;
        if (identifier.isEmpty()) {
            errors.add(new FieldError("identifier", "required"));
        } else if (errors.isEmpty()) {
            ObjectNode subject = JsonNodeFactory.instance.objectNode().put(type.get(), identifier.get());
            List<FieldError> refused = new ArrayList<>();
            identifiers = RawIdentifiers.pseudonymise(subject, "", pseudonymiser, refused);
            // The identifier's rule names the shape that failed, never the value.
            refused.forEach(e -> errors.add(new FieldError("identifier", e.reason())));
        }
        String reason = reason(form, errors);
        if (!errors.isEmpty()) {
            return find(console, request, 422, type, errors, false, null, List.of());
        }
        LookupService.Audited<Void> found = lookups.lookup(
                request.caller(), LOOKUP, new LookupService.ByPseudonyms(identifiers.pseudonyms()), reason);
        if (!found.found()) {
            return find(console, request, 404, type, List.of(), true, found.auditId(), List.of());
        }
        for (String subjectId : found.subjectIds()) {
            request.session().rememberReason(subjectId, reason);
        }
        if (found.subjectIds().size() == 1) {
            return Response.seeOther(personPath(found.subjectIds().get(0)));
        }
        return find(console, request, 200, type, List.of(), false, found.auditId(), found.subjectIds());
    }

    /** The form's reason: required, and free text quoting no raw identifier (the rule the API keeps notes by). */
    private static String reason(FormBody form, List<FieldError> errors) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        form.first("reason").ifPresent(text -> fields.put("reason", text));
        JsonFields body = JsonFields.of(fields);
        String reason = Bodies.freeText(body, "reason", Bodies.MAX_REASON, true);
        errors.addAll(fieldNames(body.errors()));
        return reason;
    }

    private Response person(Console console, ConsoleRequest request) {
        String subjectId = subjectId(request);
        Optional<String> reason = request.session().reasonFor(subjectId);
        if (reason.isEmpty()) {
            return askReason(console, request, 200, subjectId, List.of());
        }
        PersonView.Filters filters = filters(request);
        LookupService.Audited<PersonRequests> read = lookups.read(
                request.caller(),
                VIEW,
                new LookupService.BySubjectId(subjectId),
                reason.get(),
                (tx, ids) -> new PersonRequests(
                        requests.repository().forSubjects(tx, ids),
                        requests.repository().expiringCopies(tx, ids)));
        if (!read.found()) {
            throw ProblemException.notFound(
                    "nobody with this id is known (the look-up was audited as " + read.auditId() + ")");
        }
        String surviving = read.subjectIds().get(0);
        if (!surviving.equals(subjectId)) {
            // Merged into another subject since: the person's page is the survivor's.
            request.session().rememberReason(surviving, reason.get());
            return Response.seeOther(personPath(surviving));
        }
        List<Location> locations = read.locations().locations();
        Set<String> holderIds = new LinkedHashSet<>();
        for (Location location : locations) {
            holderIds.add(location.holder());
            holderIds.addAll(location.path());
        }
        // The catalog's word on the holders (purposes, legal holds) is not about the person: read apart.
        Map<String, HolderRepository.Keeping> keeping =
                holderIds.isEmpty() ? Map.of() : graph.read(tx -> holders.keeping(tx, holderIds));
        PersonView view = PersonView.of(
                subjectId,
                locations,
                keeping,
                read.extra().requests(),
                read.extra().expiring(),
                filters,
                console.clock().instant(),
                read.auditId(),
                console::scriptJson);
        return console.render(request, 200, "person", "Person " + subjectId, "people", view);
    }

    /** The person's requests, and the copies their erasures left to expire by themselves. */
    private record PersonRequests(List<Map<String, Object>> requests, List<RequestRepository.ExpiringCopy> expiring) {}

    private Response askReason(
            Console console, ConsoleRequest request, int status, String subjectId, List<FieldError> errors) {
        return console.render(
                request, status, "person-reason", "Why open this person?", "people", new ReasonView(subjectId, errors));
    }

    private Response giveReason(Console console, ConsoleRequest request) {
        String subjectId = subjectId(request);
        List<FieldError> errors = new ArrayList<>();
        String reason = reason(request.form(), errors);
        if (!errors.isEmpty()) {
            return askReason(console, request, 422, subjectId, errors);
        }
        request.session().rememberReason(subjectId, reason);
        return Response.seeOther(personPath(subjectId));
    }

    private Response fileRequest(Console console, ConsoleRequest request) {
        String subjectId = subjectId(request);
        FormBody form = request.form();
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        form.first("type").ifPresent(type -> fields.put("type", type));
        List<String> scope = form.all("scope");
        if (!scope.isEmpty()) {
            ArrayNode items = fields.putArray("scope");
            scope.forEach(items::add);
        }
        form.first("note").ifPresent(note -> fields.put("note", note));
        JsonFields body = JsonFields.of(fields);
        RequestType type = FilingRules.type(body);
        List<String> categories = FilingRules.scope(body, type);
        String note = FilingRules.note(body);
        if (!body.errors().isEmpty()) {
            throw ProblemException.invalid("the request is not valid", fieldNames(body.errors()));
        }
        RequestService.Filed filed = requests.file(
                request.caller(),
                new RequestService.FileCommand(
                        Optional.empty(),
                        type,
                        new RequestService.KnownSubject(subjectId),
                        categories,
                        console.clock().instant(),
                        note));
        return Response.seeOther("/console/requests/" + filed.requestId());
    }

    /** The path's subject id; 404 when it cannot be one. */
    private static String subjectId(ConsoleRequest request) {
        String subjectId = request.pathParameter("subjectId");
        if (!SubjectId.isValid(subjectId)) {
            throw ProblemException.notFound("nobody has this id: a person's id is " + SubjectId.RULE);
        }
        return subjectId;
    }

    /** The table's and the graph's filters from the query; 400 naming the parameter when one is not valid. */
    private static PersonView.Filters filters(ConsoleRequest request) {
        Optional<String> category = request.query("category");
        if (category.isPresent() && !CategoryKey.isValid(category.get())) {
            throw ProblemException.badParameter("category", "must be " + CategoryKey.RULE);
        }
        Optional<String> status = request.query("status");
        List<String> statuses =
                Arrays.stream(LineageStatus.values()).map(Enum::name).toList();
        if (status.isPresent() && !statuses.contains(status.get())) {
            throw ProblemException.badParameter("status", "must be one of " + statuses);
        }
        return new PersonView.Filters(category, status);
    }

    static String personPath(String subjectId) {
        return "/console/people/" + subjectId;
    }

    /** Form field names for the JSON Pointers the shared rules report ({@code /scope/0} is {@code scope}). */
    private static List<FieldError> fieldNames(List<FieldError> errors) {
        Map<String, FieldError> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field().replaceFirst("^/", "").replaceFirst("/.*$", "");
            byField.putIfAbsent(field + ":" + error.reason(), new FieldError(field, error.reason()));
        }
        return List.copyOf(byField.values());
    }
}
