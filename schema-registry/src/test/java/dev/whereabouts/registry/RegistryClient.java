package dev.whereabouts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain {@link HttpClient} speaking to a registry, as a serde or curl would. */
public final class RegistryClient {

    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public RegistryClient(URI base) {
        this.base = base;
    }

    public RegistryResponse get(String path) {
        return send("GET", path, null, null);
    }

    public RegistryResponse post(String path, String json) {
        return send("POST", path, json, V1_JSON);
    }

    public RegistryResponse put(String path, String json) {
        return send("PUT", path, json, V1_JSON);
    }

    public RegistryResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any request; {@code body} and {@code contentType} may be null. */
    public RegistryResponse send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RegistryResponse(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers {@code schema} under {@code subject}, asserting success, and returns the id. */
    public int register(String subject, String schema) {
        RegistryResponse response = post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(response.status()).as("register: %s", response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    /** Sets {@code subject}'s compatibility level, asserting success. */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        RegistryResponse response = put("/config/" + subject, "{\"compatibility\":\"" + level.name() + "\"}");
        assertThat(response.status()).as("config: %s", response.body()).isEqualTo(200);
    }

    /** {@code {"schema":"<schema as a JSON string>"}}. */
    public static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }
}
