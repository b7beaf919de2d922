package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SchemaStore;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /config}: global and per-subject compatibility levels.
 *
 * <p>Confluent's asymmetry is kept: reads answer {@code compatibilityLevel}, writes take and
 * answer {@code compatibility}.
 */
final class ConfigResource {

    private final SchemaStore store;

    ConfigResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(Router router) {
        router.add("GET", "/config", this::getGlobal)
                .add("PUT", "/config", this::putGlobal)
                .add("DELETE", "/config", this::deleteGlobal)
                .add("GET", "/config/{subject}", this::getSubject)
                .add("PUT", "/config/{subject}", this::putSubject)
                .add("DELETE", "/config/{subject}", this::deleteSubject);
    }

    private Response getGlobal(Request request) {
        return level(store.globalCompatibility());
    }

    private Response putGlobal(Request request) {
        CompatibilityLevel level = parseLevel(request.jsonBody());
        store.setGlobalCompatibility(level);
        return updated(level);
    }

    private Response deleteGlobal(Request request) {
        return level(store.resetGlobalCompatibility());
    }

    private Response getSubject(Request request) {
        String subject = request.path("subject");
        return store.subjectCompatibility(subject)
                .or(() -> request.flag("defaultToGlobal") ? Optional.of(store.globalCompatibility()) : Optional.empty())
                .map(ConfigResource::level)
                .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
    }

    private Response putSubject(Request request) {
        CompatibilityLevel level = parseLevel(request.jsonBody());
        store.setSubjectCompatibility(request.path("subject"), level);
        return updated(level);
    }

    private Response deleteSubject(Request request) {
        return level(store.deleteSubjectCompatibility(request.path("subject")));
    }

    private static Response level(CompatibilityLevel level) {
        return Response.ok(Json.object().put("compatibilityLevel", level.name()));
    }

    private static Response updated(CompatibilityLevel level) {
        return Response.ok(Json.object().put("compatibility", level.name()));
    }

    private static CompatibilityLevel parseLevel(ObjectNode body) {
        JsonNode value = body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        if (value == null || !value.isTextual()) {
            throw RegistryException.invalidCompatibilityLevel();
        }
        try {
            return CompatibilityLevel.valueOf(value.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel();
        }
    }
}
