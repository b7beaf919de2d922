package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services pointed at Kafka, a registry and Neo4j that they did not start, as in production. */
class ExternalPlatformIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRunEveryServiceAgainstExternalKafkaRegistryAndNeo4jAndLeaveThemRunning(
            @TempDir Path elsewhere, @TempDir Path own) throws Exception {
        try (EmbeddedStack external = EmbeddedStack.start(
                StackConfig.fromEnvironment().withDataDirectory(elsewhere).withEphemeralPorts())) {
            ExternalEndpoints endpoints = new ExternalEndpoints(
                    external.bootstrapServers(), external.registryUrl(), external.boltUri(), (short) 1);
            StackConfig config =
                    StackConfig.fromEnvironment().withDataDirectory(own).withEphemeralPorts();

            try (Platform platform = Platform.start(
                    config,
                    new PlatformOptions(0, 0, 0, true),
                    Optional.of(endpoints),
                    new PrintStream(new ByteArrayOutputStream()))) {
                HttpResponse<String> accepted = post(platform.ingestUrl(), "/v1/events", """
                        {"sourceSystem":"smarttrackers-app","subject":{"email":"dave@example.com"},"holder":"postmark",
                         "categories":["user.contact.email"],"purpose":"system-mail","legalBasis":"CONTRACT"}""");
                assertThat(accepted.statusCode()).isEqualTo(202);

                String body = "{\"subject\":{\"email\":\"dave@example.com\"},\"reason\":\"external test\"}";
                long deadline = System.nanoTime() + 60_000_000_000L;
                HttpResponse<String> lookup = post(platform.dpoUrl(), "/v1/lookup", body);
                // Identity links and lineage reach the graph separately: wait for the holder, not just the person.
                while (!(lookup.statusCode() == 200 && lookup.body().contains("postmark"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    lookup = post(platform.dpoUrl(), "/v1/lookup", body);
                }
                assertThat(lookup.statusCode()).isEqualTo(200);
                assertThat(lookup.body()).contains("postmark");
                assertThat(platform.endpoints()).containsKey("Kafka (external)");
            }

            assertThat(external.isHealthy())
                    .as("the platform does not stop what it did not start")
                    .isTrue();
        }
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
