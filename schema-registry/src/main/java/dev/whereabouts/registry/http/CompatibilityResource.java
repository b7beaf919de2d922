package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.compatibility.CompatibilityResult;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.VersionSpec;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;

/** {@code /compatibility}: would this schema be accepted, without registering it. */
final class CompatibilityResource {

    private final SchemaStore store;

    CompatibilityResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(List<Endpoint> routes) {
        routes.add(RegistryApi.route(
                "POST", "/compatibility/subjects/{subject}/versions/{version}", this::againstVersion));
        routes.add(RegistryApi.route("POST", "/compatibility/subjects/{subject}/versions", this::againstSubject));
    }

    private Response againstVersion(Request request) {
        VersionSpec version = VersionSpec.parse(request.pathParameter("version"));
        return check(request, version);
    }

    private Response againstSubject(Request request) {
        return check(request, null);
    }

    private Response check(Request request, VersionSpec version) {
        AvroSchema schema = SchemaBody.parse(RegistryJson.body(request));
        CompatibilityResult result = store.checkCompatibility(request.pathParameter("subject"), version, schema);
        ObjectNode body = RegistryJson.object().put("is_compatible", result.isCompatible());
        if (RegistryJson.flag(request, "verbose")) {
            ArrayNode messages = body.putArray("messages");
            result.messages().forEach(messages::add);
        }
        return RegistryJson.ok(body);
    }
}
