package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.RegistryException;
import java.util.Map;

/**
 * What an endpoint sees of an HTTP request: decoded path parameters, decoded query parameters
 * and the raw body.
 */
record Request(String method, Map<String, String> pathParameters, Map<String, String> query, byte[] body) {

    /** A decoded path parameter declared by the route, e.g. {@code subject}. */
    String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Route declares no parameter " + name);
        }
        return value;
    }

    /** Whether query parameter {@code name} is {@code true} (case-insensitive); false if absent. */
    boolean flag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    /** Query parameter {@code name}, or {@code fallback} if absent. */
    String queryParameter(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    /** The body as a JSON object. */
    ObjectNode jsonBody() {
        if (body.length == 0) {
            throw RegistryException.malformedRequest("request body is empty");
        }
        return Json.readObject(body);
    }
}
