package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;
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

    void addTo(List<Endpoint> routes) {
        routes.add(RegistryApi.route("GET", "/config", this::getGlobal));
        routes.add(RegistryApi.route("PUT", "/config", this::putGlobal));
        routes.add(RegistryApi.route("DELETE", "/config", this::deleteGlobal));
        routes.add(RegistryApi.route("GET", "/config/{subject}", this::getSubject));
        routes.add(RegistryApi.route("PUT", "/config/{subject}", this::putSubject));
        routes.add(RegistryApi.route("DELETE", "/config/{subject}", this::deleteSubject));
    }

    private Response getGlobal(Request request) {
        return level(store.globalCompatibility());
    }

    private Response putGlobal(Request request) {
        CompatibilityLevel level = parseLevel(RegistryJson.body(request));
        store.setGlobalCompatibility(level);
        return updated(level);
    }

    private Response deleteGlobal(Request request) {
        return level(store.resetGlobalCompatibility());
    }

    private Response getSubject(Request request) {
        String subject = request.pathParameter("subject");
        return store.subjectCompatibility(subject)
                .or(() -> RegistryJson.flag(request, "defaultToGlobal")
                        ? Optional.of(store.globalCompatibility())
                        : Optional.empty())
                .map(ConfigResource::level)
                .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
    }

    private Response putSubject(Request request) {
        CompatibilityLevel level = parseLevel(RegistryJson.body(request));
        store.setSubjectCompatibility(request.pathParameter("subject"), level);
        return updated(level);
    }

    private Response deleteSubject(Request request) {
        return level(store.deleteSubjectCompatibility(request.pathParameter("subject")));
    }

    private static Response level(CompatibilityLevel level) {
        return RegistryJson.ok(RegistryJson.object().put("compatibilityLevel", level.name()));
    }

    private static Response updated(CompatibilityLevel level) {
        return RegistryJson.ok(RegistryJson.object().put("compatibility", level.name()));
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
