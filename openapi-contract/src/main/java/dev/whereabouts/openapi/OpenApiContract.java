package dev.whereabouts.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.whereabouts.web.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an HTTP service against the OpenAPI 3.0 document it serves, so the two cannot drift: every
 * route is documented, every documented operation has a route, and every example in the document
 * validates against its schema (JSON Schema with the OpenAPI 3.0 dialect, {@code nullable} included).
 * Each service's test hands it its {@link Endpoint}s and the document fetched from the running service.
 */
public final class OpenApiContract {

    /** Where the document is placed for resolving its {@code $ref}s; never fetched. */
    private static final String DOCUMENT_IRI = "https://whereabouts.invalid/openapi.yaml";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    /** Keys whose object values are maps by name, not objects of the specification. */
    private static final Set<String> MAPS = Set.of(
            "paths",
            "properties",
            "responses",
            "content",
            "schemas",
            "headers",
            "securitySchemes",
            "requestBodies",
            "parameters",
            "links",
            "callbacks",
            "variables",
            "encoding");

    /** Keys whose values are data, not specification objects: never searched for examples. */
    private static final Set<String> DATA = Set.of("example", "default", "enum", "value", "const");

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    private OpenApiContract(String yaml) {
        try {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the OpenAPI document is not YAML: " + e.getMessage(), e);
        }
        if (document == null || !document.path("openapi").asText().startsWith("3.0")) {
            throw new IllegalArgumentException("not an OpenAPI 3.0 document (no 'openapi: 3.0.x')");
        }
        this.schemas = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance())
                        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, yaml))));
    }

    /** The contract of this document (YAML or JSON text). */
    public static OpenApiContract of(String document) {
        return new OpenApiContract(document);
    }

    /** The document a running service serves at {@code GET /openapi.yaml}. */
    public static String served(URI serviceUrl) {
        URI uri = URI.create(serviceUrl.toString().replaceAll("/$", "") + "/openapi.yaml");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + uri, e);
        }
    }

    /** Everything that disagrees, one line each; empty when the routes and the document agree. */
    public List<String> violations(List<Endpoint> routes) {
        List<String> violations = new ArrayList<>();
        violations.addAll(undocumentedRoutes(routes));
        violations.addAll(operationsWithoutRoute(routes));
        violations.addAll(invalidExamples());
        return violations;
    }

    /** Routes the document does not name (method and path template). */
    public List<String> undocumentedRoutes(List<Endpoint> routes) {
        Set<String> documented = operations();
        List<String> missing = new ArrayList<>();
        for (Endpoint route : routes) {
            String operation = operation(route);
            if (!documented.contains(operation)) {
                missing.add("route " + operation + " is not in the OpenAPI document");
            }
        }
        return missing;
    }

    /** Operations the document names that no route serves. */
    public List<String> operationsWithoutRoute(List<Endpoint> routes) {
        Set<String> served = new TreeSet<>();
        routes.forEach(route -> served.add(operation(route)));
        List<String> missing = new ArrayList<>();
        for (String operation : operations()) {
            if (!served.contains(operation)) {
                missing.add("the OpenAPI document names " + operation + " but no route serves it");
            }
        }
        return missing;
    }

    /** Examples that do not validate against their schema, with the validator's messages. */
    public List<String> invalidExamples() {
        List<String> invalid = new ArrayList<>();
        walk(document, "", false, invalid);
        return invalid;
    }

    /**
     * What is wrong with one answer of a documented operation: a status the operation does not list, a
     * media type it does not list for that status, or a JSON body that does not validate against the
     * documented schema. Empty when the answer is as documented, and for requests no documented
     * operation serves (the web layer answers those with 404 or 405).
     *
     * @param method      the request's method
     * @param path        the request's path, without query
     * @param status      the answer's status
     * @param contentType the answer's {@code Content-Type}, empty when it has none
     * @param body        the answer's body
     */
    public List<String> responseViolations(String method, String path, int status, String contentType, String body) {
        String operation = method.toUpperCase(Locale.ROOT) + " " + path;
        String template = template(path);
        String operationPointer =
                template == null ? null : "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
        if (operationPointer == null || at(operationPointer).isMissingNode()) {
            // The web layer's own 404 (no route) and 405 (no such method): no documented operation
            // answered. That every route is documented is checked by violations(routes).
            return List.of();
        }
        JsonNode responses = at(operationPointer).path("responses");
        String responsesPointer = operationPointer + "/responses";
        String key = responses.has(Integer.toString(status))
                ? Integer.toString(status)
                : responses.has((status / 100) + "XX")
                        ? (status / 100) + "XX"
                        : responses.has("default") ? "default" : null;
        String where = operation + " answered " + status;
        if (key == null) {
            return List.of(where + ", which the OpenAPI document does not list for " + method.toUpperCase(Locale.ROOT)
                    + " " + template);
        }
        String responsePointer = resolved(responsesPointer + "/" + escape(key));
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = at(responsePointer).path("content");
        if (!content.has(mediaType)) {
            return List.of(where + " with " + mediaType + ", which the OpenAPI document does not list for it");
        }
        if (!(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            return List.of();
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (at(schemaPointer).isMissingNode()) {
            return List.of();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of(where + " with a body that is not JSON: " + e.getMessage());
        }
        return schema(schemaPointer).validate(json).stream()
                .map(message -> where + ": " + message.getMessage())
                .sorted()
                .toList();
    }

    /** The document path that {@code path} matches; literal segments win over parameters. */
    private String template(String path) {
        List<String> actual = segments(path);
        String best = null;
        int bestLiterals = -1;
        Iterator<String> templates = document.path("paths").fieldNames();
        while (templates.hasNext()) {
            String candidate = templates.next();
            List<String> expected = segments(candidate);
            if (expected.size() != actual.size()) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < expected.size() && matches; i++) {
                String segment = expected.get(i);
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    matches = !actual.get(i).isEmpty();
                } else if (segment.equals(actual.get(i))) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    /** Follows a local {@code $ref} (as responses use for shared answers) to the object it names. */
    private String resolved(String pointer) {
        String ref = at(pointer).path("$ref").asText("");
        return ref.startsWith("#/") ? resolved(ref.substring(1)) : pointer;
    }

    /** How many examples the document has, so a test can tell it checked some. */
    public int exampleCount() {
        int[] count = {0};
        walkExamples(document, "", false, (example, schemaPointer, where) -> count[0]++);
        return count[0];
    }

    private Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private static String operation(Endpoint route) {
        return route.method().toUpperCase(Locale.ROOT) + " " + route.template();
    }

    @FunctionalInterface
    private interface ExampleVisitor {
        void visit(JsonNode example, String schemaPointer, String where);
    }

    private void walk(JsonNode node, String pointer, boolean isMap, List<String> invalid) {
        walkExamples(node, pointer, isMap, (example, schemaPointer, where) -> {
            Set<ValidationMessage> messages = schema(schemaPointer).validate(example);
            if (!messages.isEmpty()) {
                List<String> texts = messages.stream()
                        .map(ValidationMessage::getMessage)
                        .sorted()
                        .toList();
                invalid.add("the example at " + where + " does not match its schema: " + String.join("; ", texts));
            }
        });
    }

    /**
     * Visits every example: {@code example} and {@code examples.*.value} of a media type or parameter
     * (against its {@code schema}), and {@code example} of a schema (against that schema).
     */
    private static void walkExamples(JsonNode node, String pointer, boolean isMap, ExampleVisitor visitor) {
        if (!node.isContainerNode()) {
            return;
        }
        if (node.isObject() && !isMap) {
            boolean hasSchema = node.has("schema");
            if (node.has("example")) {
                visitor.visit(node.get("example"), hasSchema ? pointer + "/schema" : pointer, pointer + "/example");
            }
            if (hasSchema && node.path("examples").isObject()) {
                node.get("examples").fields().forEachRemaining(entry -> {
                    if (entry.getValue().has("value")) {
                        visitor.visit(
                                entry.getValue().get("value"),
                                pointer + "/schema",
                                pointer + "/examples/" + escape(entry.getKey()) + "/value");
                    }
                });
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkExamples(node.get(i), pointer + "/" + i, false, visitor);
            }
            return;
        }
        node.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (!isMap && DATA.contains(key)) {
                return;
            }
            boolean childIsMap = !isMap && (MAPS.contains(key) || key.equals("examples"));
            walkExamples(entry.getValue(), pointer + "/" + escape(key), childIsMap, visitor);
        });
    }

    private JsonSchema schema(String pointer) {
        StringBuilder fragment = new StringBuilder();
        for (String segment : pointer.split("/", -1)) {
            if (fragment.length() > 0 || !segment.isEmpty()) {
                fragment.append('/').append(percentEncoded(segment));
            }
        }
        return schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + fragment));
    }

    /**
     * A pointer token as a URI fragment allows it: characters outside RFC 3986's {@code pchar} are
     * percent-encoded ({@code {thingId}} in a path key), while {@code ~0}/{@code ~1} stay as they are.
     */
    private static String percentEncoded(String token) {
        StringBuilder out = new StringBuilder();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** JSON Pointer escaping of one reference token (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
