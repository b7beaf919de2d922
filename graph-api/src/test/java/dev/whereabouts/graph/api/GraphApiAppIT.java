package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.fixture.StackClients;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class GraphApiAppIT {

    @Test
    void shouldWireTheWriterAndTheApiFromSettingsAndAnswerALookupOfDataProducedAfterStart(StackFixture stack)
            throws Exception {
        // Given the service started from environment settings, as the launcher will
        Map<String, String> environment = Map.of(
                "WHEREABOUTS_API_PORT",
                "0",
                "WHEREABOUTS_API_BOLT_URI",
                stack.boltUri().toString(),
                "WHEREABOUTS_API_BOOTSTRAP_SERVERS",
                stack.bootstrapServers(),
                "WHEREABOUTS_API_REGISTRY_URL",
                stack.registryUrl().toString(),
                "WHEREABOUTS_API_TOKENS",
                ApiClient.TOKENS,
                DeliverySettings.TASK_TOKEN_KEY.environmentVariable(),
                "graph-api-app-it-token-key",
                "WHEREABOUTS_API_WRITER_GROUP_ID",
                stack.uniqueId("app-writer"),
                "WHEREABOUTS_PSEUDONYM_KEYS",
                "demo-2026:" + demoSecret());
        try (GraphApiApp app = GraphApiApp.start(ApiConfig.resolve(environment, new Properties()));
                StackClients clients = new StackClients(stack)) {
            ApiClient client = new ApiClient(app.url());
            assertThat(client.send(HttpRequest.newBuilder(client.uri("/health")).GET())
                            .status())
                    .isEqualTo(200);
            assertThat(app.writer()).isPresent();

            // When the seed scenario arrives on Kafka
            clients.produceSeedScenario();

            // Then the running writer makes it visible to the lookup within seconds
            ApiClient.Reply reply = null;
            for (int attempt = 0; attempt < 200; attempt++) {
                reply = client.post(
                        "/v1/lookup",
                        "{\"subject\": {\"email\": \"" + SeedScenario.ALICE_EMAIL + "\"}, \"reason\": \"smoke\"}");
                if (reply.status() == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("subjectIds").get(0).asText()).isEqualTo(SeedScenario.ALICE);
        }
    }

    /** The demo key's secret written as a key ring, so the app runs the production path of key configuration. */
    private static String demoSecret() throws Exception {
        byte[] secret = java.security.MessageDigest.getInstance("SHA-256")
                .digest("whereabouts demo pseudonymisation key 2026 - NOT FOR PRODUCTION"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.Base64.getEncoder().encodeToString(secret);
    }
}
