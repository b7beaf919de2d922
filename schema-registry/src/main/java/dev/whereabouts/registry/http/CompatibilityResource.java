package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.compatibility.CompatibilityResult;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.VersionSpec;

/** {@code /compatibility}: would this schema be accepted, without registering it. */
final class CompatibilityResource {

    private final SchemaStore store;

    CompatibilityResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(Router router) {
        router.add("POST", "/compatibility/subjects/{subject}/versions/{version}", this::againstVersion)
                .add("POST", "/compatibility/subjects/{subject}/versions", this::againstSubject);
    }

    private Response againstVersion(Request request) {
        VersionSpec version = VersionSpec.parse(request.path("version"));
        return check(request, version);
    }

    private Response againstSubject(Request request) {
        return check(request, null);
    }

    private Response check(Request request, VersionSpec version) {
        AvroSchema schema = SchemaBody.parse(request.jsonBody());
        CompatibilityResult result = store.checkCompatibility(request.path("subject"), version, schema);
        ObjectNode body = Json.object().put("is_compatible", result.isCompatible());
        if (request.flag("verbose")) {
            ArrayNode messages = body.putArray("messages");
            result.messages().forEach(messages::add);
        }
        return Response.ok(body);
    }
}
