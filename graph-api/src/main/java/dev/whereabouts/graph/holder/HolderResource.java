package dev.whereabouts.graph.holder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.util.List;

/** The holders the catalog declares or lineage shows: the list, and one holder in full. */
public final class HolderResource {

    private final GraphTransactions graph;
    private final HolderRepository holders = new HolderRepository();
    private final ObjectMapper json;

    public HolderResource(GraphTransactions graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.forRole(Role.DPO, "GET", "/v1/holders", this::listHolders),
                Endpoint.forRole(Role.DPO, "GET", "/v1/holders/{holderId}", this::holder));
    }

    private Response listHolders(Request request) {
        Pagination.PageRequest page = Pagination.from(request, 1);
        List<HolderSummary> fetched = graph.read(tx -> holders.page(tx, page.key(0), page.limit() + 1));
        return Response.json(200, Pagination.page(fetched, page.limit(), h -> List.of(h.id())), json);
    }

    private Response holder(Request request) {
        String id = Bodies.pathId(request, "holderId", HolderId::isValid, HolderId.RULE, HolderId::of)
                .value();
        return Response.json(
                200,
                graph.read(tx -> holders.find(tx, id))
                        .orElseThrow(() -> ProblemException.notFound("no holder with id " + id)),
                json);
    }
}
