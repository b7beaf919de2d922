package dev.whereabouts.graph.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/lookup}: where one person's data lives, by category and holder. Raw identifiers
 * come only in the body (never in URLs, so never in access logs).
 */
public final class LookupResource {

    private final LookupService lookups;
    private final Pseudonymiser pseudonymiser;
    private final ObjectMapper json;

    public LookupResource(LookupService lookups, Pseudonymiser pseudonymiser, ObjectMapper json) {
        this.lookups = lookups;
        this.pseudonymiser = pseudonymiser;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(Endpoint.forRole(Role.DPO, "POST", "/v1/lookup", this::lookup));
    }

    private Response lookup(Request request) {
        SubjectQuery query = SubjectQuery.from(request, pseudonymiser);
        LookupService.Audited<Void> result =
                lookups.lookup(request.caller(), "subject.lookup", query.subject(), query.reason());
        SubjectQuery.requireFound(result);
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
}
