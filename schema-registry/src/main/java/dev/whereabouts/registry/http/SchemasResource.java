package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.SubjectVersion;

/** {@code /schemas}: schemas by global id, what deserialisers call. */
final class SchemasResource {

    private final SchemaStore store;

    SchemasResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(Router router) {
        router.add("GET", "/schemas/types", this::types)
                .add("GET", "/schemas/ids/{id}", this::byId)
                .add("GET", "/schemas/ids/{id}/schema", this::rawById)
                .add("GET", "/schemas/ids/{id}/versions", this::versions)
                .add("GET", "/schemas/ids/{id}/subjects", this::subjects);
    }

    private Response types(Request request) {
        return Response.ok(Json.array().add(AvroSchema.TYPE));
    }

    private Response byId(Request request) {
        // Confluent omits schemaType when it is AVRO, the only type here.
        return Response.ok(Json.object().put("schema", schema(request).canonical()));
    }

    private Response rawById(Request request) {
        return Response.okRaw(schema(request).canonical());
    }

    private Response versions(Request request) {
        ArrayNode result = Json.array();
        for (SubjectVersion v : store.versionsOfSchema(id(request), request.flag("deleted"))) {
            result.addObject().put("subject", v.subject()).put("version", v.version());
        }
        return Response.ok(result);
    }

    private Response subjects(Request request) {
        ArrayNode result = Json.array();
        store.versionsOfSchema(id(request), request.flag("deleted")).stream()
                .map(SubjectVersion::subject)
                .distinct()
                .forEach(result::add);
        return Response.ok(result);
    }

    private AvroSchema schema(Request request) {
        int id = id(request);
        return store.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id)));
    }

    private static int id(Request request) {
        String id = request.path("id");
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound(id);
        }
    }
}
