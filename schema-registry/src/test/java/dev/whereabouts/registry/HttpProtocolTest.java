package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static dev.whereabouts.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP-level behaviour shared by every endpoint: routing, media types, malformed requests. */
class HttpProtocolTest {

    static final String USER = aRecord("User").field("name", "string").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    @Test
    void shouldAnswerRootWithEmptyObject() {
        assertJson(client().get("/"), 200, "{}");
    }

    @Test
    void shouldRejectUnknownPathWith404() {
        assertError(client().get("/no/such/endpoint"), 404, 404);
        assertError(client().get("/subjects/users-value/versions/1/extra/bits"), 404, 404);
    }

    @Test
    void shouldRejectWrongMethodWith405AndListAllowedMethods() throws Exception {
        assertError(client().send("PATCH", "/subjects", null, null), 405, 405);
        assertError(client().send("PUT", "/subjects/users-value/versions", "{}", RegistryClient.V1_JSON), 405, 405);

        HttpResponse<String> raw = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry.server().url() + "/config"))
                                .method("POST", HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schema\":", "not json", "[1,2]", "\"text\""})
    void shouldRejectMalformedJsonWith400(String body) {
        assertError(client().post("/subjects/users-value/versions", body), 400, 400);
    }

    @Test
    void shouldRejectEmptyBodyWith400() {
        assertError(client().post("/subjects/users-value/versions", ""), 400, 400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/vnd.schemaregistry.v1+json",
                "application/vnd.schemaregistry+json",
                "application/json",
                "application/octet-stream",
                "application/json; charset=utf-8"
            })
    void shouldAcceptConfluentRequestContentTypes(String contentType) {
        RegistryResponse response =
                client().send("POST", "/subjects/users-value/versions", schemaBody(USER), contentType);

        assertJson(response, 200, "{\"id\":1}");
    }

    @Test
    void shouldAcceptRequestsWithoutContentType() {
        assertJson(client().send("POST", "/subjects/users-value/versions", schemaBody(USER), null), 200, "{\"id\":1}");
    }

    @Test
    void shouldRejectOtherContentTypesWith415() {
        assertError(client().send("POST", "/subjects/users-value/versions", schemaBody(USER), "text/plain"), 415, 415);
    }

    @Test
    void shouldRejectOversizedBodyWith413() {
        String huge = "{\"schema\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";

        assertError(client().post("/subjects/users-value/versions", huge), 413, 413);
    }

    @Test
    void shouldUseConfluentContentTypeOnEveryResponse() {
        client().register("users-value", USER);

        assertThat(client().get("/subjects").contentType()).isEqualTo(RegistryClient.V1_JSON);
        assertThat(client().get("/subjects/users-value/versions/1/schema").contentType())
                .isEqualTo(RegistryClient.V1_JSON);
        assertThat(client().get("/schemas/ids/9").contentType()).isEqualTo(RegistryClient.V1_JSON);
        assertThat(client().get("/nowhere").contentType()).isEqualTo(RegistryClient.V1_JSON);
    }

    @Test
    void shouldTreatTrailingSlashAsTheSamePath() {
        assertJson(client().get("/subjects/"), 200, "[]");
    }
}
