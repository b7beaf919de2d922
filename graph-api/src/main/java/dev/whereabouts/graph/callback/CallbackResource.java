package dev.whereabouts.graph.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;

/**
 * Where WEBHOOK and EMAIL holders answer their tasks: {@code POST /v1/callbacks/tasks/{taskId}} with
 * the outcome (JSON or an HTML form), {@code GET} the same URL for the form. No DPO token: the
 * per-task token (and, for WEBHOOK holders, the signature) is the credential; every call is audited.
 */
public final class CallbackResource {

    private static final String TEMPLATE = "/v1/callbacks/tasks/{taskId}";

    private final CallbackService callbacks;
    private final ObjectMapper json;

    public CallbackResource(CallbackService callbacks, ObjectMapper json) {
        this.callbacks = callbacks;
        this.json = json;
    }

    public List<Endpoint> routes() {
        return List.of(Endpoint.open("POST", TEMPLATE, this::answer), Endpoint.open("GET", TEMPLATE, this::form));
    }

    private Response answer(Request request) {
        byte[] body = request.body(Bodies.MAX_BODY);
        JsonFields fields = Bodies.readJsonOrForm(request);
        String token = request.header(CallbackRules.TOKEN_HEADER).orElseGet(() -> textField(fields, "token"));
        CallbackService.Accepted accepted = callbacks.answer(new CallbackRules.Call(
                request.pathParameter("taskId"),
                token,
                request.header(WebhookSignature.HEADER).orElse(null),
                request.header(WebhookSignature.DELIVERY_HEADER).orElse(null),
                body,
                fields));
        return Response.json(202, accepted, json);
    }

    private Response form(Request request) {
        String token = request.header(CallbackRules.TOKEN_HEADER)
                .or(() -> request.query("token"))
                .orElse(null);
        CallbackService.FormPage page = callbacks.form(
                new CallbackRules.Call(request.pathParameter("taskId"), token, null, null, new byte[0], null));
        return Response.text(200, "text/html; charset=utf-8", CallbackForm.render(page))
                .withHeader("Cache-Control", "no-store")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static String textField(JsonFields fields, String name) {
        var node = fields.node(name);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
