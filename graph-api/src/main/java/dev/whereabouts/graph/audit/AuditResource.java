package dev.whereabouts.graph.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.util.List;
import java.util.Optional;

/** The audit trail: who looked at or changed what about whom, newest first. */
public final class AuditResource {

    private final GraphTransactions graph;
    private final AuditRepository audit = new AuditRepository();
    private final ObjectMapper json;

    public AuditResource(GraphTransactions graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(Endpoint.forRole(Role.DPO, "GET", "/v1/audit", this::audit));
    }

    private Response audit(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 2);
        Optional<Long> afterAt = page.numberOrBadCursor(0);
        List<AuditEntry> fetched = graph.read(tx -> audit.page(
                tx,
                request.query("actor"),
                request.query("subjectId"),
                request.query("action"),
                afterAt,
                page.key(1),
                page.limit() + 1));
        return Response.json(
                200,
                Pagination.page(fetched, page.limit(), e -> List.of(Long.toString(e.at().toEpochMilli()), e.id())),
                json);
    }
}
