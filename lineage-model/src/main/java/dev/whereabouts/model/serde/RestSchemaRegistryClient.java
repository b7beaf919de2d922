package dev.whereabouts.model.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, using the JDK's
 * {@link HttpClient} and Jackson.
 *
 * <p>Works against Confluent Schema Registry, Karapace, Redpanda, Apicurio's ccompat API and the
 * project's embedded registry. Every call is one HTTP request without client-side caching: wrap
 * it in a {@link CachingSchemaRegistryClient} for the record path. Requests carry the registry's
 * media type in {@code Accept} and {@code Content-Type}, optional HTTP basic auth, and the
 * configured timeouts. Subjects are percent-encoded as one path segment, so subjects containing
 * {@code /}, spaces or non-ASCII characters reach the registry intact.
 *
 * <p>Several base URLs may be configured: they are tried in order, moving on only when no HTTP
 * answer was received; an HTTP error from a registry is final. Errors map to {@link
 * SchemaRegistryException} with the registry's {@code error_code}; transport failures to {@link
 * SchemaRegistryConnectionException}. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** The registry's versioned media type, sent as {@code Content-Type} of every request body. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** The {@code Accept} header: the versioned type first, plain JSON as a fallback. */
    public static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
                    + " application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_IN_MESSAGE = 300;

    private final List<URI> baseUrls;
    private final String authorization;
    private final Duration readTimeout;
    private final HttpClient http;

    /**
     * A client for the registry at {@code url}, with default timeouts and no authentication.
     *
     * @throws org.apache.kafka.common.config.ConfigException when the URL is not http(s)
     */
    public RestSchemaRegistryClient(String url) {
        this(SerdeConfig.builder().schemaRegistryUrl(url).build());
    }

    /**
     * A client for the registry URLs, credentials and timeouts in {@code config}.
     *
     * @throws IllegalArgumentException when {@code config} names no registry URL
     */
    public RestSchemaRegistryClient(SerdeConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.schemaRegistryUrls().isEmpty()) {
            throw new IllegalArgumentException("No Schema Registry URL: set " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        this.baseUrls = config.schemaRegistryUrls().stream()
                .map(RestSchemaRegistryClient::baseUrl)
                .toList();
        this.authorization = config.basicAuthCredentials()
                .map(userInfo ->
                        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.readTimeout = config.httpReadTimeout();
        this.http = HttpClient.newBuilder()
                // Plain HTTP/1.1: registries behind proxies and the JDK's own test server do not all
                // handle the h2c upgrade dance, and registry traffic is a handful of tiny requests.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.httpConnectTimeout())
                // No redirects: following a 302 can turn a registration POST into a GET.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        String path = "/subjects/" + encodeSegment(subject) + "/versions";
        JsonNode answer = send("POST", path, schemaBody(schema));
        int id = requiredInt(answer, "id", "POST", path);
        LOG.debug("Registered schema {} under subject '{}' with id {}", schema.getFullName(), subject, id);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        String path = "/subjects/" + encodeSegment(subject);
        JsonNode answer = send("POST", path, schemaBody(schema));
        return requiredInt(answer, "id", "POST", path);
    }

    @Override
    public Schema schemaById(int id) {
        String path = "/schemas/ids/" + id;
        JsonNode answer = send("GET", path, null);
        return parseSchema(answer, "GET", path);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        String path = "/subjects/" + encodeSegment(subject) + "/versions/latest";
        JsonNode answer = send("GET", path, null);
        String answeredSubject =
                answer.hasNonNull("subject") ? answer.get("subject").asText() : subject;
        return new RegisteredSchema(
                answeredSubject,
                requiredInt(answer, "version", "GET", path),
                requiredInt(answer, "id", "GET", path),
                parseSchema(answer, "GET", path));
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        if (!answer.isArray()) {
            throw invalidResponse("GET", "/subjects", "expected a JSON array of subjects, got " + answer.getNodeType());
        }
        List<String> subjects = new ArrayList<>(answer.size());
        answer.forEach(node -> subjects.add(node.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encodeSegment(subject) + "/versions/latest";
        JsonNode answer;
        try {
            answer = send("POST", path, schemaBody(schema));
        } catch (SchemaRegistryException e) {
            // Nothing registered yet means nothing to be incompatible with; registries differ in
            // whether they answer that with true or with "not found", so both mean true here.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw invalidResponse("POST", path, "missing boolean field 'is_compatible'");
        }
        return flag.booleanValue();
    }

    /** Nothing to release: the JDK client's threads are daemons and idle connections time out. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + baseUrls;
    }

    private JsonNode send(String method, String path, byte[] body) {
        SchemaRegistryConnectionException unreachable = null;
        List<String> tried = new ArrayList<>();
        for (URI base : baseUrls) {
            URI uri = URI.create(base.toString() + path);
            tried.add(uri.toString());
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri).timeout(readTimeout).header("Accept", ACCEPT);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                unreachable = new SchemaRegistryConnectionException(
                        "Schema Registry at " + base + " did not answer " + method + " " + path + " in time: "
                                + e.getMessage(),
                        tried,
                        e);
                LOG.warn(unreachable.getMessage());
                continue;
            } catch (IOException e) {
                unreachable = new SchemaRegistryConnectionException(
                        "Cannot reach Schema Registry at " + base + " for " + method + " " + path + ": " + describe(e),
                        tried,
                        e);
                LOG.warn(unreachable.getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryConnectionException(
                        "Interrupted while calling Schema Registry at " + base + " for " + method + " " + path,
                        tried,
                        e);
            }
            return handle(response, method, uri);
        }
        if (tried.size() > 1) {
            throw new SchemaRegistryConnectionException(
                    "Cannot reach any of " + tried.size() + " Schema Registry URLs " + baseUrls + "; last failure: "
                            + unreachable.getMessage(),
                    tried,
                    unreachable);
        }
        throw unreachable;
    }

    private JsonNode handle(HttpResponse<byte[]> response, String method, URI uri) {
        int status = response.statusCode();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new SchemaRegistryException(
                        "Schema Registry answered " + method + " " + uri + " with HTTP " + status
                                + " but a body that is not JSON: " + snippet(body),
                        status,
                        SchemaRegistryException.INVALID_RESPONSE,
                        e);
            }
        }
        int errorCode = status;
        String message = snippet(body);
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.isObject()) {
                if (error.path("error_code").canConvertToInt()) {
                    errorCode = error.get("error_code").intValue();
                }
                if (error.hasNonNull("message")) {
                    message = error.get("message").asText();
                }
            }
        } catch (IOException notJson) {
            // A proxy or load balancer answered with HTML or plain text; the snippet says it all.
        }
        throw new SchemaRegistryException(
                "Schema Registry error " + errorCode + " (HTTP " + status + ") on " + method + " " + uri + ": "
                        + message,
                status,
                errorCode);
    }

    private static byte[] schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        // Schema.toString() is what Confluent's serializer registers (not the Parsing Canonical
        // Form): the registry stores docs and properties, and lookups compare the same string.
        body.put("schema", schema.toString());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot write a two-field object", e);
        }
    }

    private Schema parseSchema(JsonNode answer, String method, String path) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw invalidResponse(method, path, "schema is " + type + ", not AVRO");
        }
        JsonNode schemaText = answer.get("schema");
        if (schemaText == null || !schemaText.isTextual()) {
            throw invalidResponse(method, path, "missing string field 'schema'");
        }
        try {
            // A fresh parser per schema: parsers remember named types and reject redefinitions.
            // Defaults are not re-validated: the registry accepted the schema, and refusing to read
            // data over a default nobody uses would only turn a registry quirk into an outage.
            return new Schema.Parser().setValidateDefaults(false).parse(schemaText.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "Schema returned by " + method + " " + path
                            + " is not valid Avro (schema references are not supported): " + e.getMessage(),
                    200,
                    SchemaRegistryException.INVALID_RESPONSE,
                    e);
        }
    }

    private SchemaRegistryException invalidResponse(String method, String path, String problem) {
        return new SchemaRegistryException(
                "Unexpected answer from Schema Registry to " + method + " " + path + ": " + problem,
                200,
                SchemaRegistryException.INVALID_RESPONSE);
    }

    private int requiredInt(JsonNode answer, String field, String method, String path) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw invalidResponse(method, path, "missing integer field '" + field + "'");
        }
        return value.intValue();
    }

    /**
     * Percent-encodes {@code subject} as a single path segment (RFC 3986): everything but the
     * unreserved characters, so {@code /} cannot split the path and {@code +} is not read as a
     * space, matching what Confluent's client sends.
     */
    static String encodeSegment(String subject) {
        byte[] utf8 = subject.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static URI baseUrl(URI configured) {
        String path = configured.getRawPath() == null ? "" : configured.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = configured.getRawAuthority();
        // User info goes into the Authorization header, never onto the wire as part of the URL.
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(configured.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + hostAndPort + path);
    }

    private static String describe(IOException e) {
        // The JDK client often wraps the informative exception ("Connection refused") in one
        // without a message, so the first message down the cause chain is the one worth showing.
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "<empty body>";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_ERROR_BODY_IN_MESSAGE ? text : text.substring(0, MAX_ERROR_BODY_IN_MESSAGE) + "...";
    }
}
