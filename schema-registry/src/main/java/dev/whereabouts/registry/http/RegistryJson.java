package dev.whereabouts.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SubjectVersion;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The registry's side of the wire format on top of the shared {@code web} layer: request bodies as JSON
 * objects, boolean query flags, and responses in Confluent's content type and shapes.
 */
final class RegistryJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The body as a JSON object; anything else (empty, not JSON, an array) is a malformed request (400). */
    static ObjectNode body(Request request) {
        byte[] body = request.body(RegistryApi.MAX_BODY_BYTES);
        if (body.length == 0) {
            throw RegistryException.malformedRequest("request body is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw RegistryException.malformedRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RegistryException.malformedRequest("body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Whether query parameter {@code name} is {@code true} (case-insensitive); false if absent. */
    static boolean flag(Request request, String name) {
        return request.query(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** 200 with {@code json}. */
    static Response ok(JsonNode json) {
        return json(200, json);
    }

    /** {@code status} with {@code json}, in Confluent's content type. */
    static Response json(int status, JsonNode json) {
        try {
            return new Response(status, RegistryApi.CONTENT_TYPE, MAPPER.writeValueAsBytes(json), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a JSON tree", e);
        }
    }

    /** 200 with text that is already JSON (a stored schema), sent unchanged. */
    static Response okRaw(String json) {
        return new Response(200, RegistryApi.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"subject","version","id","schema"}}, Confluent's shape (no schemaType for Avro). */
    static ObjectNode subjectVersion(SubjectVersion version) {
        return object().put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    /** {@code {"error_code":N,"message":"..."}}. */
    static ObjectNode error(int errorCode, String message) {
        return object().put("error_code", errorCode).put("message", message);
    }
}
