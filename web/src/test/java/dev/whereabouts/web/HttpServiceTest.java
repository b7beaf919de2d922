package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {

    private static final String TOKEN = "engineer-token-0123456789";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpService service;

    @BeforeEach
    void start() throws Exception {
        List<Endpoint> routes = List.of(
                Endpoint.open("GET", "/health", r -> Response.text(200, "text/plain", "ok")),
                Endpoint.forRole(Role.ENGINEER, "POST", "/v1/echo", r -> Response.json(200, r.jsonBody(64), json)),
                Endpoint.forRole(
                        Role.DPO,
                        "GET",
                        "/v1/subjects/{id}",
                        r -> Response.json(
                                200,
                                Map.of("id", r.pathParameter("id"), "limit", r.queryInt("limit", 50, 1, 500)),
                                json)),
                Endpoint.open("GET", "/boom", r -> {
                    throw new IllegalStateException("alice@example.com broke it");
                }),
                Endpoint.open("GET", "/busy", r -> {
                    throw ProblemException.unavailable("Kafka is not reachable", Duration.ofSeconds(5));
                }));
        service = HttpService.start(
                "test", "127.0.0.1", 0, 2, routes, Authenticator.fromSpec(TOKEN + "=checkout-service:ENGINEER"), json);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void shouldServeOpenRoutesWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void shouldAnswer401WithProblemJsonWithoutAToken() throws Exception {
        HttpResponse<String> response = post("/v1/echo", "{}", null);

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void shouldAnswer403WhenTheTokenLacksTheRole() throws Exception {
        HttpResponse<String> response = get("/v1/subjects/abc", TOKEN);

        assertProblem(response, 403, "forbidden");
        assertThat(body(response).get("detail").asText()).contains("DPO");
    }

    @Test
    void shouldNameLineAndColumnOfMalformedJson() throws Exception {
        HttpResponse<String> response = post("/v1/echo", "{\"a\":\n tru}", TOKEN);

        assertProblem(response, 400, "malformed-request");
        assertThat(body(response).get("detail").asText()).contains("line 2");
        assertThat(body(response).get("errors").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() throws Exception {
        HttpResponse<String> response = post("/v1/echo", "{\"a\":\"" + "x".repeat(100) + "\"}", TOKEN);

        assertProblem(response, 413, "too-large");
    }

    @Test
    void shouldAnswer415ForANonJsonBody() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/v1/echo"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hi"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void shouldAnswer404And405WithProblems() throws Exception {
        assertProblem(get("/nowhere", null), 404, "not-found");
        assertProblem(post("/health", "{}", null), 405, "method-not-allowed");
    }

    @Test
    void shouldNameTheBadQueryParameter() throws Exception {
        HttpService dpo = HttpService.start(
                "dpo",
                "127.0.0.1",
                0,
                1,
                List.of(Endpoint.forRole(
                        Role.DPO,
                        "GET",
                        "/v1/subjects/{id}",
                        r -> Response.json(
                                200,
                                Map.of("id", r.pathParameter("id"), "limit", r.queryInt("limit", 50, 1, 500)),
                                json))),
                Authenticator.demo(),
                json);
        try {
            HttpResponse<String> ok = client.send(
                    HttpRequest.newBuilder(dpo.url().resolve("/v1/subjects/a%2Fb?limit=7"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bad = client.send(
                    HttpRequest.newBuilder(dpo.url().resolve("/v1/subjects/a?limit=9999"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(body(ok).get("id").asText()).isEqualTo("a/b");
            assertThat(body(ok).get("limit").asInt()).isEqualTo(7);
            assertProblem(bad, 400, "bad-parameter");
            assertThat(body(bad).get("errors").get(0).get("field").asText()).isEqualTo("limit");
        } finally {
            dpo.close();
        }
    }

    @Test
    void shouldHideInternalErrorsBehindAnErrorId() throws Exception {
        HttpResponse<String> response = get("/boom", null);

        assertProblem(response, 500, "internal");
        assertThat(response.body()).doesNotContain("alice").contains("error id");
    }

    @Test
    void shouldTellWhenToRetryAnUnavailableDependency() throws Exception {
        HttpResponse<String> response = get("/busy", null);

        assertProblem(response, 503, "unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(service.responseCounts().get(5)).isEqualTo(1);
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo(Problem.TYPE_BASE + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("instance").asText()).startsWith("/");
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return service.url().resolve(path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
