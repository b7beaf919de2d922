package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.openapi.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A small HTTP client for the DPO API in tests. Every answer is also checked against the OpenAPI
 * document the service serves (status, media type, JSON body against the documented schema), so the
 * integration tests keep the document true to what the API answers.
 */
public final class ApiClient {

    public static final String DPO_TOKEN = "dpo-token-0123456789abcdef";
    public static final String ENGINEER_TOKEN = "engineer-token-0123456789abcdef";
    public static final String TOKENS =
            DPO_TOKEN + "=dpo@smarttrackers.nl:DPO," + ENGINEER_TOKEN + "=checkout-service:ENGINEER";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final OpenApiContract contract;

    ApiClient(URI base) {
        this.base = base;
        this.contract = OpenApiContract.of(OpenApiContract.served(base));
    }

    /** A response with its body as text and, when JSON, parsed. */
    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + DPO_TOKEN)
                .GET());
    }

    public Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + DPO_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
            List<String> violations = contract.responseViolations(
                    sent.method(), sent.uri().getPath(), reply.status(), reply.contentType(), reply.body());
            if (!violations.isEmpty()) {
                throw new AssertionError("the answer is not as the OpenAPI document says:\n"
                        + String.join("\n", violations) + "\nbody: " + reply.body());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }
}
