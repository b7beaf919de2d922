package dev.whereabouts.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A status and a JSON body, always sent as {@code application/vnd.schemaregistry.v1+json}.
 *
 * @param status HTTP status
 * @param body   UTF-8 JSON
 */
record Response(int status, byte[] body) {

    /** 200 with {@code json}. */
    static Response ok(JsonNode json) {
        return json(200, json);
    }

    /** {@code status} with {@code json}. */
    static Response json(int status, JsonNode json) {
        try {
            return new Response(status, Json.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a JSON tree", e);
        }
    }

    /** 200 with text that is already JSON (a stored schema), sent unchanged. */
    static Response okRaw(String json) {
        return new Response(200, json.getBytes(StandardCharsets.UTF_8));
    }
}
