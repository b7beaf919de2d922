package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.stack.junit.ShiftedTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension filed through the DPO API is honoured by the lineage topology: on the one-command
 * platform, with the topology's wall clock moved 40 days ahead (past the seed's four weeks and the
 * statutory month), the extended request is not flagged overdue while an unextended one is. The
 * API's own clock is not moved, so an overdue flag in its answer can only come from the topology.
 */
class RequestDeadlinePlatformIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDirectory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldHonourAnExtensionFiledThroughTheApiWhenTheTopologysClockPassesTheOriginalDeadline() throws Exception {
        StackConfig config =
                StackConfig.fromEnvironment().withDataDirectory(dataDirectory).withEphemeralPorts();
        ShiftedTime clock = new ShiftedTime();
        try (Platform platform = Platform.start(
                        config,
                        new PlatformOptions(0, 0, 0, true),
                        Optional.empty(),
                        Settings.fromProcess(),
                        new PrintStream(new ByteArrayOutputStream()),
                        clock);
                Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.infrastructure().bootstrapServers()))) {
            ShiftedTime.acceptTimestampsAhead(admin, true);
            // Given dora's and erin's accounts, each erasure filed and verified
            String dora = file(platform, "dora.deadline@example.com");
            String erin = file(platform, "erin.deadline@example.com");

            // When the DPO extends dora's by two months, through the API
            HttpResponse<String> extension = post(
                    platform.dpoUrl(),
                    "/v1/requests/" + dora + "/extension",
                    "{\"months\":2,\"reason\":\"many holders to reach\"}");
            assertThat(extension.statusCode()).as(extension.body()).isEqualTo(202);
            JsonNode extended =
                    await(platform, dora, r -> r.path("deadlineBasis").asText().equals("EXTENSION"));

            // And the topology's wall clock moves 40 days on
            clock.advance(Duration.ofDays(40));

            // Then erin's is flagged overdue by the topology, dora's is not (and was reminded meanwhile)
            JsonNode erins = await(platform, erin, r -> r.path("overdue").asBoolean());
            assertThat(erins.path("state").asText()).isEqualTo("IN_PROGRESS");
            JsonNode doras = await(platform, dora, r -> r.path("escalatedTasks").size() > 0);
            assertThat(doras.path("overdue").asBoolean()).isFalse();
            assertThat(doras.path("deadline").asText())
                    .isEqualTo(extended.path("deadline").asText());
            assertThat(doras.path("extensionReason").asText()).isEqualTo("many holders to reach");
            ShiftedTime.acceptTimestampsAhead(admin, false);
        }
    }

    /** A person with data at the app, whose erasure is filed and verified; the request id. */
    private String file(Platform platform, String email) throws Exception {
        HttpResponse<String> event = post(platform.ingestUrl(), "/v1/events", """
                {"sourceSystem":"smarttrackers-app","subject":{"email":"%s"},"holder":"smarttrackers-app",
                 "categories":["user.contact.email"],"purpose":"account","legalBasis":"CONTRACT"}""".formatted(email));
        assertThat(event.statusCode()).as(event.body()).isEqualTo(202);
        awaitLookup(platform, email);
        HttpResponse<String> filed = post(
                platform.dpoUrl(),
                "/v1/requests",
                "{\"type\":\"ERASURE\",\"subject\":{\"email\":\"" + email + "\"},\"note\":\"deadline test\"}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        String requestId = json.readTree(filed.body()).get("requestId").asText();
        await(platform, requestId, r -> r.path("state").asText().equals("AWAITING_VERIFICATION"));
        HttpResponse<String> verified = post(
                platform.dpoUrl(),
                "/v1/requests/" + requestId + "/verification",
                "{\"verified\":true,\"method\":\"ID_DOCUMENT_COPY\",\"note\":\"document checked\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(202);
        JsonNode inProgress =
                await(platform, requestId, r -> r.path("state").asText().equals("IN_PROGRESS"));
        assertThat(inProgress.path("deadlineBasis").asText()).isEqualTo("PROMISE");
        return requestId;
    }

    private void awaitLookup(Platform platform, String email) throws Exception {
        String body = "{\"subject\":{\"email\":\"" + email + "\"},\"reason\":\"deadline test\"}";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> found = post(platform.dpoUrl(), "/v1/lookup", body);
            if (found.statusCode() == 200 && found.body().contains("smarttrackers-app")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(email + " not found within " + WAIT);
    }

    private JsonNode await(Platform platform, String requestId, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(platform.dpoUrl() + "/v1/requests/" + requestId))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                last = json.readTree(answer.body());
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + WAIT.toSeconds() + " s; last answer: " + last);
    }

    private HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
