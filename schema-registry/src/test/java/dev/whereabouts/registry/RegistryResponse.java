package dev.whereabouts.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a test sees of a registry response. */
public record RegistryResponse(int status, String contentType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as a JSON tree (object field order is ignored when comparing trees). */
    public JsonNode json() {
        return parse(body);
    }

    /** Parses JSON text written in a test, so expected bodies read as JSON. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + json, e);
        }
    }

    public int errorCode() {
        return json().path("error_code").asInt();
    }
}
