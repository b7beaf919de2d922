package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.whereabouts.registry.schema.AvroSchema;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.registry.store.VersionSpec;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;

/** {@code /subjects}: registering, looking up, listing and deleting schemas by subject. */
final class SubjectsResource {

    private final SchemaStore store;

    SubjectsResource(SchemaStore store) {
        this.store = store;
    }

    void addTo(List<Endpoint> routes) {
        routes.add(RegistryApi.route("GET", "/subjects", this::listSubjects));
        routes.add(RegistryApi.route("POST", "/subjects/{subject}", this::lookup));
        routes.add(RegistryApi.route("DELETE", "/subjects/{subject}", this::deleteSubject));
        routes.add(RegistryApi.route("GET", "/subjects/{subject}/versions", this::listVersions));
        routes.add(RegistryApi.route("POST", "/subjects/{subject}/versions", this::register));
        routes.add(RegistryApi.route("GET", "/subjects/{subject}/versions/{version}", this::getVersion));
        routes.add(RegistryApi.route("DELETE", "/subjects/{subject}/versions/{version}", this::deleteVersion));
        routes.add(RegistryApi.route("GET", "/subjects/{subject}/versions/{version}/schema", this::getRawSchema));
        routes.add(RegistryApi.route("GET", "/subjects/{subject}/versions/{version}/referencedby", this::referencedBy));
    }

    private Response listSubjects(Request request) {
        ArrayNode names = RegistryJson.array();
        store.subjects(request.query("subjectPrefix").orElse(""), RegistryJson.flag(request, "deleted"))
                .forEach(names::add);
        return RegistryJson.ok(names);
    }

    private Response register(Request request) {
        AvroSchema schema = SchemaBody.parse(RegistryJson.body(request));
        int id = store.register(request.pathParameter("subject"), schema);
        return RegistryJson.ok(RegistryJson.object().put("id", id));
    }

    private Response lookup(Request request) {
        AvroSchema schema = SchemaBody.parse(RegistryJson.body(request));
        return RegistryJson.ok(RegistryJson.subjectVersion(
                store.lookup(request.pathParameter("subject"), schema, RegistryJson.flag(request, "deleted"))));
    }

    private Response listVersions(Request request) {
        ArrayNode versions = RegistryJson.array();
        store.versions(request.pathParameter("subject"), RegistryJson.flag(request, "deleted"))
                .forEach(versions::add);
        return RegistryJson.ok(versions);
    }

    private Response getVersion(Request request) {
        return RegistryJson.ok(RegistryJson.subjectVersion(store.version(
                request.pathParameter("subject"),
                VersionSpec.parse(request.pathParameter("version")),
                RegistryJson.flag(request, "deleted"))));
    }

    private Response getRawSchema(Request request) {
        return RegistryJson.okRaw(store.version(
                        request.pathParameter("subject"),
                        VersionSpec.parse(request.pathParameter("version")),
                        RegistryJson.flag(request, "deleted"))
                .schema());
    }

    // Schema references are not supported, so nothing can refer to a version; still validate it.
    private Response referencedBy(Request request) {
        store.version(request.pathParameter("subject"), VersionSpec.parse(request.pathParameter("version")), true);
        return RegistryJson.ok(RegistryJson.array());
    }

    private Response deleteSubject(Request request) {
        List<Integer> deleted =
                store.deleteSubject(request.pathParameter("subject"), RegistryJson.flag(request, "permanent"));
        ArrayNode versions = RegistryJson.array();
        deleted.forEach(versions::add);
        return RegistryJson.ok(versions);
    }

    private Response deleteVersion(Request request) {
        int deleted = store.deleteVersion(
                request.pathParameter("subject"),
                VersionSpec.parse(request.pathParameter("version")),
                RegistryJson.flag(request, "permanent"));
        return RegistryJson.ok(RegistryJson.MAPPER.getNodeFactory().numberNode(deleted));
    }
}
