package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.VersionSpec;
import java.util.List;

/** {@code /subjects}: registering, looking up, listing and deleting schemas by subject. */
final class SubjectsResource {

    private final SchemaStore store;

    SubjectsResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(Router router) {
        router.add("GET", "/subjects", this::listSubjects)
                .add("POST", "/subjects/{subject}", this::lookup)
                .add("DELETE", "/subjects/{subject}", this::deleteSubject)
                .add("GET", "/subjects/{subject}/versions", this::listVersions)
                .add("POST", "/subjects/{subject}/versions", this::register)
                .add("GET", "/subjects/{subject}/versions/{version}", this::getVersion)
                .add("DELETE", "/subjects/{subject}/versions/{version}", this::deleteVersion)
                .add("GET", "/subjects/{subject}/versions/{version}/schema", this::getRawSchema)
                .add("GET", "/subjects/{subject}/versions/{version}/referencedby", this::referencedBy);
    }

    private Response listSubjects(Request request) {
        ArrayNode names = Json.array();
        store.subjects(request.queryParameter("subjectPrefix", ""), request.flag("deleted"))
                .forEach(names::add);
        return Response.ok(names);
    }

    private Response register(Request request) {
        AvroSchema schema = SchemaBody.parse(request.jsonBody());
        int id = store.register(request.path("subject"), schema);
        return Response.ok(Json.object().put("id", id));
    }

    private Response lookup(Request request) {
        AvroSchema schema = SchemaBody.parse(request.jsonBody());
        return Response.ok(Json.subjectVersion(store.lookup(request.path("subject"), schema, request.flag("deleted"))));
    }

    private Response listVersions(Request request) {
        ArrayNode versions = Json.array();
        store.versions(request.path("subject"), request.flag("deleted")).forEach(versions::add);
        return Response.ok(versions);
    }

    private Response getVersion(Request request) {
        return Response.ok(Json.subjectVersion(store.version(
                request.path("subject"), VersionSpec.parse(request.path("version")), request.flag("deleted"))));
    }

    private Response getRawSchema(Request request) {
        return Response.okRaw(store.version(
                        request.path("subject"), VersionSpec.parse(request.path("version")), request.flag("deleted"))
                .schema());
    }

    // Schema references are not supported, so nothing can refer to a version; still validate it.
    private Response referencedBy(Request request) {
        store.version(request.path("subject"), VersionSpec.parse(request.path("version")), true);
        return Response.ok(Json.array());
    }

    private Response deleteSubject(Request request) {
        List<Integer> deleted = store.deleteSubject(request.path("subject"), request.flag("permanent"));
        ArrayNode versions = Json.array();
        deleted.forEach(versions::add);
        return Response.ok(versions);
    }

    private Response deleteVersion(Request request) {
        int deleted = store.deleteVersion(
                request.path("subject"), VersionSpec.parse(request.path("version")), request.flag("permanent"));
        return Response.ok(Json.MAPPER.getNodeFactory().numberNode(deleted));
    }
}
