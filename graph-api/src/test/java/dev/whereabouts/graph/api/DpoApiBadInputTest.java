package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.web.Authenticator;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the DPO API refuses at the door, before it reads the graph or publishes: every bad body field,
 * parameter and callback body answered with a problem naming the field (checked against the OpenAPI
 * document by {@link ApiClient}), never quoting the value. Nothing behind it ({@link OfflineApi}): a
 * callback's credentials are checked in {@code CallbackRulesTest} and on the real stack in {@code
 * DpoApiIT}, since every callback is audited in the graph.
 */
class DpoApiBadInputTest {

    private static final String REQUEST = "/v1/requests/3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93";
    private static final String CALLBACK = "/v1/callbacks/tasks/3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93%2Fmoneybird";

    private static OfflineApi offline;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        offline = new OfflineApi();
        client = offline.client;
    }

    @AfterAll
    static void stop() {
        offline.close();
    }

    @Test
    void shouldRequireTheCategoriesToCorrectForARectification() {
        assertProblem(
                client.post(
                        "/v1/requests", "{\"type\": \"RECTIFICATION\", \"subject\": {\"email\": \"b@example.org\"}}"),
                422,
                "/scope");
        assertProblem(
                client.post(
                        "/v1/requests",
                        "{\"type\": \"RECTIFICATION\", \"subject\": {\"email\": \"b@example.org\"}, \"scope\": []}"),
                422,
                "/scope");
    }

    @Test
    void shouldRefuseANoteThatQuotesARawIdentifierWithoutEchoingIt() {
        ApiClient.Reply reply = client.post(
                "/v1/requests",
                "{\"type\": \"ERASURE\", \"subject\": {\"email\": \"b@example.org\"},"
                        + " \"note\": \"she also uses carol@example.net\"}");

        assertProblem(reply, 422, "/note");
        assertThat(reply.body()).doesNotContain("carol@example.net").doesNotContain("b@example.org");
    }

    @Test
    void shouldAnswerServiceUnavailableWhileTheControllerPolicyIsNotLoaded() {
        try (OfflineApi withoutPolicy = new OfflineApi(Optional.empty(), Authenticator.fromSpec(ApiClient.TOKENS))) {
            HttpRequest.Builder file = HttpRequest.newBuilder(withoutPolicy.client.uri("/v1/requests"))
                    .header("Authorization", "Bearer " + ApiClient.DPO_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\": \"ACCESS\", \"subject\": {\"email\": \"b@example.org\"}}"));

            ApiClient.Reply reply = withoutPolicy.client.send(file);

            assertProblem(reply, 503, null);
            assertThat(reply.json().get("detail").asText()).contains("controller's policy");
        }
    }

    @Test
    void shouldNameEveryBadFieldOfEachDecision() {
        assertProblem(client.post(REQUEST + "/verification", "{}"), 422, "/verified", "/method", "/note");
        assertProblem(
                client.post(
                        REQUEST + "/verification",
                        "{\"verified\": \"no\", \"method\": \"ID_DOCUMENT_COPY\", \"note\": \"n\"}"),
                422,
                "/verified");
        assertProblem(client.post(REQUEST + "/information-requests", "{}"), 422, "/note");
        assertProblem(client.post(REQUEST + "/information", "{\"note\": 7}"), 422, "/note");
        assertProblem(
                client.post(REQUEST + "/refusal", "{\"ground\": \"IDENTITY_NOT_ESTABLISHED\"}"),
                422,
                "/ground",
                "/reason");
        assertProblem(client.post(REQUEST + "/extension", "{\"reason\": \"r\", \"months\": 3}"), 422, "/months");
        assertProblem(client.post(REQUEST + "/extension", "{\"months\": 1}"), 422, "/reason");
        ApiClient.Reply phone =
                client.post(REQUEST + "/refusal", "{\"ground\": \"EXCESSIVE\", \"reason\": \"called 06 1234 5678\"}");
        assertProblem(phone, 422, "/reason");
        assertThat(phone.body()).doesNotContain("1234");
        assertProblem(client.post(REQUEST + "/refusal", "[]"), 400, "body");
    }

    @Test
    void shouldNameABadFilterOfTheRequestList() {
        assertProblem(client.get("/v1/requests?overdue=maybe"), 400, "overdue");
        assertProblem(client.get("/v1/requests?state=DONE"), 400, "state");
        assertProblem(client.get("/v1/requests?type=RECTIFY"), 400, "type");
    }

    @Test
    void shouldRefuseACallbackBodyThatIsNeitherJsonNorAForm() {
        assertProblem(
                client.send(HttpRequest.newBuilder(client.uri(CALLBACK))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("ERASED"))),
                415,
                "Content-Type");
        assertProblem(
                client.send(HttpRequest.newBuilder(client.uri(CALLBACK))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("outcome=ERASED&outcome=FAILED"))),
                400,
                "/outcome");
        assertProblem(
                client.send(HttpRequest.newBuilder(client.uri(CALLBACK))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("outcome=%ZZ"))),
                400,
                "body");
        assertProblem(
                client.send(HttpRequest.newBuilder(client.uri(CALLBACK))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\": "))),
                400,
                "body");
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String... fields) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (fields != null) {
            assertThat(problem.get("errors"))
                    .as(reply.body())
                    .extracting(e -> e.get("field").asText())
                    .containsExactlyInAnyOrder(fields);
        }
    }
}
