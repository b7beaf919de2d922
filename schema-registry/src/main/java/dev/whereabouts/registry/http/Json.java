package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SubjectVersion;
import java.io.IOException;

/** JSON reading and the response shapes shared by several endpoints. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses {@code body} as a JSON object; anything else is a malformed request (400). */
    static ObjectNode readObject(byte[] body) {
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
