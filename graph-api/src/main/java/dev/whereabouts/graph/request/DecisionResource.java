package dev.whereabouts.graph.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.util.List;
import java.util.function.Function;

/**
 * The controller's decisions on a request, one route each: the identity verified or not, information
 * asked of the person and received, a refusal (Art. 12(5)), the one extension (Art. 12(3)). Each
 * answers 202 once the decision is on Kafka; the request's status shows it when the topology has
 * applied it.
 */
public final class DecisionResource {

    private final DecisionService decisions;
    private final ObjectMapper json;

    public DecisionResource(DecisionService decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(
                route("/v1/requests/{requestId}/verification", RequestDecisions::verification),
                route("/v1/requests/{requestId}/information-requests", RequestDecisions::informationRequest),
                route("/v1/requests/{requestId}/information", RequestDecisions::informationReceived),
                route("/v1/requests/{requestId}/refusal", RequestDecisions::refusal),
                route("/v1/requests/{requestId}/extension", RequestDecisions::extension));
    }

    private Endpoint route(String template, Function<JsonFields, RequestDecisions.Command> read) {
        return Endpoint.forRole(Role.DPO, "POST", template, request -> decide(request, read));
    }

    private Response decide(Request request, Function<JsonFields, RequestDecisions.Command> read) {
        RequestDecisions.Command command = read.apply(Bodies.read(request));
        String requestId = request.pathParameter("requestId");
        return Response.json(202, decisions.decide(request.caller(), requestId, command), json)
                .withHeader("Location", "/v1/requests/" + requestId);
    }
}
