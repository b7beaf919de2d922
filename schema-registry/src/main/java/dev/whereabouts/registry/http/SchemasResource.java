package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.SubjectVersion;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;

/** {@code /schemas}: schemas by global id, what deserialisers call. */
final class SchemasResource {

    private final SchemaStore store;

    SchemasResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(List<Endpoint> routes) {
        routes.add(RegistryApi.route("GET", "/schemas/types", this::types));
        routes.add(RegistryApi.route("GET", "/schemas/ids/{id}", this::byId));
        routes.add(RegistryApi.route("GET", "/schemas/ids/{id}/schema", this::rawById));
        routes.add(RegistryApi.route("GET", "/schemas/ids/{id}/versions", this::versions));
        routes.add(RegistryApi.route("GET", "/schemas/ids/{id}/subjects", this::subjects));
    }

    private Response types(Request request) {
        return RegistryJson.ok(RegistryJson.array().add(AvroSchema.TYPE));
    }

    private Response byId(Request request) {
        // Confluent omits schemaType when it is AVRO, the only type here.
        return RegistryJson.ok(
                RegistryJson.object().put("schema", schema(request).canonical()));
    }

    private Response rawById(Request request) {
        return RegistryJson.okRaw(schema(request).canonical());
    }

    private Response versions(Request request) {
        ArrayNode result = RegistryJson.array();
        for (SubjectVersion v : store.versionsOfSchema(id(request), RegistryJson.flag(request, "deleted"))) {
            result.addObject().put("subject", v.subject()).put("version", v.version());
        }
        return RegistryJson.ok(result);
    }

    private Response subjects(Request request) {
        ArrayNode result = RegistryJson.array();
        store.versionsOfSchema(id(request), RegistryJson.flag(request, "deleted")).stream()
                .map(SubjectVersion::subject)
                .distinct()
                .forEach(result::add);
        return RegistryJson.ok(result);
    }

    private AvroSchema schema(Request request) {
        int id = id(request);
        return store.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id)));
    }

    private static int id(Request request) {
        String id = request.pathParameter("id");
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound(id);
        }
    }
}
