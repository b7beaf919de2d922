package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.PING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PING_ANSWER = "{\"schema\":" + quoted(PING.toString()) + "}";

    private final FakeSchemaRegistryServer server;
    private final RestSchemaRegistryClient client;

    RestSchemaRegistryClientTest() throws IOException {
        server = new FakeSchemaRegistryServer();
        client = new RestSchemaRegistryClient(server.url());
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    @Test
    void shouldPostSchemaToSubjectVersionsWhenRegistering() throws IOException {
        server.on("POST", "/subjects/pings-value/versions", 200, "{\"id\":42}");

        int id = client.register("pings-value", PING);

        assertThat(id).isEqualTo(42);
        FakeSchemaRegistryServer.Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("schema").asText()).isEqualTo(PING.toString());
        assertThat(body.has("schemaType"))
                .as("AVRO is the default and is omitted, as Confluent does")
                .isFalse();
    }

    @Test
    void shouldPercentEncodeTheSubjectAsOnePathSegment() {
        server.on("POST", "/subjects/orders%2Feu%20west%2Bv1%3Agr%C3%BC%C3%9F-value/versions", 200, "{\"id\":7}");

        assertThat(client.register("orders/eu west+v1:grüß-value", PING)).isEqualTo(7);
        assertThat(server.lastRequest().rawPath())
                .isEqualTo("/subjects/orders%2Feu%20west%2Bv1%3Agr%C3%BC%C3%9F-value/versions");
    }

    @Test
    void shouldSendBasicAuthHeaderFromUserInfo() {
        server.on("GET", "/subjects", 200, "[]");
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl(server.url())
                .basicAuthUserInfo("svc-ingest:s3cr:et")
                .build();

        new RestSchemaRegistryClient(config).subjects();

        assertThat(server.lastRequest().header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("svc-ingest:s3cr:et".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldTakeBasicAuthFromUrlUserInfoWithoutSendingItInTheUrl() {
        server.on("GET", "/subjects", 200, "[]");
        String url = server.url().replace("http://", "http://reader:pa%40ss@");

        new RestSchemaRegistryClient(url).subjects();

        assertThat(server.lastRequest().header("Authorization"))
                .isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("reader:pa@ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(server.lastRequest().rawPath()).isEqualTo("/subjects");
    }

    @Test
    void shouldKeepPathPrefixOfTheBaseUrl() {
        server.on("GET", "/apis/ccompat/v7/subjects", 200, "[\"a-value\"]");

        assertThat(new RestSchemaRegistryClient(server.url() + "/apis/ccompat/v7/").subjects())
                .containsExactly("a-value");
    }

    @Test
    void shouldLookUpIdWithoutRegistering() {
        server.on(
                "POST",
                "/subjects/pings-value",
                200,
                "{\"subject\":\"pings-value\",\"version\":3,\"id\":42,\"schema\":" + quoted(PING.toString()) + "}");

        assertThat(client.idOf("pings-value", PING)).isEqualTo(42);
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().header("Content-Type")).isEqualTo(RestSchemaRegistryClient.CONTENT_TYPE);
    }

    @Test
    void shouldFetchSchemaById() {
        server.on("GET", "/schemas/ids/42", 200, PING_ANSWER);

        assertThat(client.schemaById(42)).isEqualTo(PING);
        assertThat(server.lastRequest().method()).isEqualTo("GET");
    }

    @Test
    void shouldFetchPrimitiveSchemaById() {
        server.on("GET", "/schemas/ids/5", 200, "{\"schema\":\"\\\"string\\\"\"}");

        assertThat(client.schemaById(5)).isEqualTo(Schema.create(Schema.Type.STRING));
    }

    @Test
    void shouldRejectNonAvroSchemaTypes() {
        server.on(
                "GET", "/schemas/ids/6", 200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        assertThatThrownBy(() -> client.schemaById(6))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema is PROTOBUF, not AVRO");
    }

    @Test
    void shouldFetchLatestVersionOfSubject() {
        server.on(
                "GET",
                "/subjects/pings-value/versions/latest",
                200,
                "{\"subject\":\"pings-value\",\"version\":3,\"id\":42,\"schema\":" + quoted(PING.toString()) + "}");

        assertThat(client.latest("pings-value")).isEqualTo(new RegisteredSchema("pings-value", 3, 42, PING));
    }

    @Test
    void shouldListSubjects() {
        server.on("GET", "/subjects", 200, "[\"pings-value\",\"whereabouts.sharing-events.v1-value\"]");

        assertThat(client.subjects()).containsExactly("pings-value", "whereabouts.sharing-events.v1-value");
    }

    @Test
    void shouldAskCompatibilityAgainstLatestVersion() {
        server.on("POST", "/compatibility/subjects/pings-value/versions/latest", 200, "{\"is_compatible\":false}");

        assertThat(client.isCompatible("pings-value", PING)).isFalse();
        assertThat(server.lastRequest().body()).contains("\"schema\"");
    }

    @Test
    void shouldTreatUnknownSubjectAsCompatible() {
        server.on(
                "POST",
                "/compatibility/subjects/new-value/versions/latest",
                404,
                "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");

        assertThat(client.isCompatible("new-value", PING)).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0} error_code {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "404 | 40401 | Subject 'pings-value' not found.",
                "404 | 40403 | Schema not found",
                "409 | 409   | Schema being registered is incompatible with an earlier schema for subject \"pings-value\"",
                "422 | 42201 | Either the input schema or one its references is invalid",
                "500 | 50001 | Error in the backend data store",
                "500 | 500   | Internal Server Error"
            })
    void shouldMapRegistryErrorBodyToErrorCodeAndMessage(int status, int errorCode, String message) {
        server.on(
                "POST",
                "/subjects/pings-value/versions",
                status,
                "{\"error_code\":" + errorCode + ",\"message\":" + quoted(message) + "}");

        assertThatThrownBy(() -> client.register("pings-value", PING))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> {
                    SchemaRegistryException error = (SchemaRegistryException) e;
                    assertThat(error.httpStatus()).isEqualTo(status);
                    assertThat(error.errorCode()).isEqualTo(errorCode);
                })
                .hasMessage("Schema Registry error " + errorCode + " (HTTP " + status + ") on POST " + server.url()
                        + "/subjects/pings-value/versions: " + message);
    }

    @Test
    void shouldUseHttpStatusAsErrorCodeWhenErrorBodyIsNotJson() {
        server.on("GET", "/schemas/ids/1", 502, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.errorCode()).isEqualTo(502);
                })
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void shouldReportUnknownIdAsNotFound() {
        server.on("GET", "/schemas/ids/999", 404, "{\"error_code\":40403,\"message\":\"Schema 999 not found\"}");

        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("Schema 999 not found");
    }

    @Test
    void shouldRaiseConnectionExceptionNamingTheUrlWhenConnectionIsRefused() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();
        RestSchemaRegistryClient unreachable = new RestSchemaRegistryClient(deadUrl);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(() -> unreachable.schemaById(1))
                        .isInstanceOfSatisfying(SchemaRegistryConnectionException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                            assertThat(e.httpStatus()).isEqualTo(-1);
                            assertThat(e.urls()).containsExactly(deadUrl + "/schemas/ids/1");
                        })
                        .hasMessageStartingWith("Cannot reach Schema Registry at " + deadUrl
                                + " for GET /schemas/ids/1: ConnectException"));
    }

    @Test
    void shouldFailOverToTheNextUrlWhenTheFirstCannotBeReached() throws IOException {
        server.on("GET", "/schemas/ids/42", 200, PING_ANSWER);
        String deadUrl = "http://127.0.0.1:" + freePort();

        RestSchemaRegistryClient withFallback = new RestSchemaRegistryClient(deadUrl + "," + server.url());

        assertThat(withFallback.schemaById(42)).isEqualTo(PING);
    }

    @Test
    void shouldTimeOutSlowRegistryWithConnectionException() {
        server.onSlowly("GET", "/subjects", 3_000, "[]");
        SerdeConfig impatient = SerdeConfig.builder()
                .schemaRegistryUrl(server.url())
                .httpReadTimeout(Duration.ofMillis(200))
                .build();
        RestSchemaRegistryClient slowClient = new RestSchemaRegistryClient(impatient);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(slowClient::subjects)
                        .isInstanceOf(SchemaRegistryConnectionException.class)
                        .hasMessageContaining("did not answer GET /subjects in time"));
    }

    @Test
    void shouldRejectSuccessBodyThatIsNotJson() {
        server.on("POST", "/subjects/pings-value/versions", 200, "ok");

        assertThatThrownBy(() -> client.register("pings-value", PING))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_RESPONSE))
                .hasMessageContaining("not JSON");
    }

    @Test
    void shouldRejectConfigWithoutUrl() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient(SerdeConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
