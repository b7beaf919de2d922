package dev.whereabouts.graph.ropa;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The record of processing activities (Art. 30), as paged JSON or as a CSV or Markdown file. */
public final class RopaResource {

    private final GraphTransactions graph;
    private final RopaRepository ropa = new RopaRepository();
    private final String controller;
    private final Clock clock;
    private final ObjectMapper json;

    /**
     * @param controller the controller named in the ROPA, e.g. {@code SmartTrackers B.V.}
     */
    public RopaResource(GraphTransactions graph, String controller, Clock clock, ObjectMapper json) {
        this.graph = graph;
        this.controller = controller;
        this.clock = clock;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(Endpoint.forRole(Role.DPO, "GET", "/v1/ropa", this::ropa));
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
                return Response.text(200, "text/csv; charset=utf-8", RopaFormats.csv(ropa.all(graph)))
                        .withHeader("Content-Disposition", "attachment; filename=\"ropa.csv\"");
            }
            case "markdown", "md" -> {
                return Response.text(
                        200, "text/markdown; charset=utf-8", RopaFormats.markdown(ropa.all(graph), controller));
            }
            default -> throw ProblemException.badParameter("format", "must be json, csv or markdown");
        }
    }
}
