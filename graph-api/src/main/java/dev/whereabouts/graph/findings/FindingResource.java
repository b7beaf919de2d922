package dev.whereabouts.graph.findings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings for the DPO: data kept past its retention, and drift between the catalog and lineage. */
public final class FindingResource {

    private final GraphTransactions graph;
    private final FindingRepository findings = new FindingRepository();
    private final ObjectMapper json;

    public FindingResource(GraphTransactions graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.forRole(Role.DPO, "GET", "/v1/findings/retention", this::retentionFindings),
                Endpoint.forRole(Role.DPO, "GET", "/v1/findings/drift", this::drift));
    }

    private Response retentionFindings(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 1);
        Optional<Boolean> resolved = Bodies.booleanParameter(request, "resolved");
        Optional<String> kind = request.query("kind")
                .map(k -> Bodies.parseEnum(k, FindingKind.class)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "kind", "must be one of " + List.of(FindingKind.values())))
                        .name());
        Optional<String> holder = request.query("holder");
        List<FindingView> fetched = graph.read(tx -> findings.findings(
                tx, holder, Optional.of(resolved.orElse(false)), kind, page.key(0), page.limit() + 1));
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
}
