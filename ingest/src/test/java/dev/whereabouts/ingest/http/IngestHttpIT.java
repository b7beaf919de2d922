package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.openapi.OpenApiContract;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.Authenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest endpoint on the real stack: Kafka, the registry, the seed catalog published to its topics. */
@ExtendWith(EmbeddedStackExtension.class)
class IngestHttpIT {

    private static final String ENGINEER = "engineer-token-000000000001";
    private static final String DPO = "dpo-token-00000000000000001";
    private static final String ALICE = "Alice.Jansen@Example.com";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.demo());
    private StackFixture stack;
    private SchemaRegistryClient registry;
    private IngestServer server;
    private OpenApiContract contract;

    @BeforeEach
    void start(StackFixture stack) throws Exception {
        this.stack = stack;
        registry = new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(stack.registryUrl().toString()));
        try (CatalogPublisher publisher = new CatalogPublisher(kafka(), serdes())) {
            publisher.publish(CatalogLoader.seed());
        }
        Settings settings = Settings.defaults()
                .with(IngestSettings.PORT, 0)
                .with(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, stack.bootstrapServers())
                .with(CommonSettings.REGISTRY_URL, stack.registryUrl());
        server = IngestServer.start(
                settings, Authenticator.fromSpec(ENGINEER + "=checkout:ENGINEER," + DPO + "=dpo:DPO"), pseudonymiser);
        assertThat(server.awaitCatalog(Duration.ofSeconds(30)))
                .as("catalog loaded")
                .isTrue();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void shouldPublishAPseudonymisedEventAndAnswer202WithItsId() throws Exception {
        String eventId = UUID.randomUUID().toString();

        HttpResponse<String> response =
                post("/v1/events", event(eventId, "postmark", "user.contact.email", "system-mail"), ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(body(response).at("/accepted/0/eventId").asText()).isEqualTo(eventId);
        assertThat(body(response).at("/accepted/0/duplicate").asBoolean()).isFalse();
        List<ConsumerRecord<byte[], byte[]>> records = consume(1);
        SharingEvent published = serdes().valueSerde(Topics.SHARING_EVENTS)
                .deserializer()
                .deserialize(Topics.SHARING_EVENTS.name(), records.get(0).value());
        assertThat(published.getEventId()).isEqualTo(eventId);
        assertThat(published.getHolder()).isEqualTo("postmark");
        assertThat(published.getSourceSystem()).isEqualTo("smarttrackers-app");
        assertThat(published.getIdentifiers()).containsExactly(pseudonymiser.pseudonymise(IdentifierType.EMAIL, ALICE));
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo(
                        pseudonymiser.pseudonymise(IdentifierType.EMAIL, ALICE).getPseudonym());
        assertNoRawIdentifier(records);
    }

    @Test
    void shouldPublishABatchOnlyAfterKafkaAcknowledgedAll() throws Exception {
        String batch = "{\"events\":[" + event(null, "postmark", "user.contact.email", "system-mail") + ","
                + event(null, "zendesk", "user.contact.email", "helpdesk") + ","
                + event(null, "campaign-monitor", "user.contact.email", "newsletter") + "]}";

        HttpResponse<String> response = post("/v1/events/batch", batch, ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted")).hasSize(3);
        assertThat(consume(3)).hasSize(3);
    }

    @Test
    void shouldAnswerADuplicateEventIdWithoutPublishingItAgain() throws Exception {
        String event = event("order-42-mail", "postmark", "user.contact.email", "system-mail");

        post("/v1/events", event, ENGINEER);
        HttpResponse<String> again = post("/v1/events", event, ENGINEER);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(body(again).at("/accepted/0/duplicate").asBoolean()).isTrue();
        assertThat(consume(2)).as("only the first reached Kafka").hasSize(1);
    }

    @Test
    void shouldNameLineAndColumnOfMalformedJson() throws Exception {
        HttpResponse<String> response =
                post("/v1/events", "{\"holder\": \"postmark\",\n  \"categories\": [}", ENGINEER);

        assertProblem(response, 400, "body", "line 2");
    }

    @Test
    void shouldSuggestTheHolderForAnUnknownOne() throws Exception {
        HttpResponse<String> response =
                post("/v1/events", event(null, "postmrak", "user.contact.email", "system-mail"), ENGINEER);

        assertProblem(response, 422, "/holder", "did you mean 'postmark'");
        assertThat(consume(0)).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownCategoryAndOneTheHolderDoesNotReceive() throws Exception {
        assertProblem(
                post("/v1/events", event(null, "postmark", "user.contact.emial", "system-mail"), ENGINEER),
                422,
                "/categories/0",
                "user.contact.email");
        assertProblem(
                post("/v1/events", event(null, "postmark", "user.payment", "system-mail"), ENGINEER),
                422,
                "/categories/0",
                "not declared to receive");
    }

    @Test
    void shouldRejectAPurposeNotDeclaredForTheHolder() throws Exception {
        assertProblem(
                post("/v1/events", event(null, "postmark", "user.contact.email", "newsletter"), ENGINEER),
                422,
                "/purpose",
                "system-mail");
    }

    @Test
    void shouldRejectMissingAndMalformedIdentifiersWithoutEchoingThem() throws Exception {
        String noSubject = event(null, "postmark", "user.contact.email", "system-mail")
                .replace("\"subject\":{\"email\":\"" + ALICE + "\"},", "");
        String badEmail =
                event(null, "postmark", "user.contact.email", "system-mail").replace(ALICE, "alice-at-example");

        assertProblem(post("/v1/events", noSubject, ENGINEER), 422, "/subject", "required");
        HttpResponse<String> bad = post("/v1/events", badEmail, ENGINEER);
        assertProblem(bad, 422, "/subject/email", "@");
        assertThat(bad.body()).doesNotContain("alice-at-example");
    }

    @Test
    void shouldRejectABatchAsAWholeNamingTheBadEvent() throws Exception {
        String batch = "{\"events\":[" + event(null, "postmark", "user.contact.email", "system-mail") + ","
                + event(null, "postmark", "user.contact.email", "system-mail").replace("\"CONTRACT\"", "\"BECAUSE\"")
                + "]}";

        HttpResponse<String> response = post("/v1/events/batch", batch, ENGINEER);

        assertProblem(response, 422, "/events/1/legalBasis", "CONTRACT");
        assertThat(consume(0)).as("nothing of the batch was published").isEmpty();
    }

    @Test
    void shouldAnswer413ForAnOversizedEventOrBatch() throws Exception {
        String huge = event(null, "postmark", "user.contact.email", "system-mail")
                .replace("system-mail\"", "system-mail\",\"x\":\"" + "y".repeat(IngestApi.MAX_EVENT_BYTES) + "\"");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= IngestApi.MAX_BATCH_EVENTS; i++) {
            many.add(event(null, "postmark", "user.contact.email", "system-mail"));
        }

        assertProblem(post("/v1/events", huge, ENGINEER), 413, "Content-Length", "bytes");
        assertProblem(
                post("/v1/events/batch", "{\"events\":[" + String.join(",", many) + "]}", ENGINEER),
                413,
                "/events",
                "1000");
    }

    @Test
    void shouldRequireAnEngineerToken() throws Exception {
        assertThat(post("/v1/events", event(null, "postmark", "user.contact.email", "system-mail"), null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/v1/events", event(null, "postmark", "user.contact.email", "system-mail"), DPO)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldServeHealthMetricsAndItsOpenApiDocument() throws Exception {
        post("/v1/events", event(null, "postmark", "user.contact.email", "system-mail"), ENGINEER);

        HttpResponse<String> ready = get("/health/ready");
        HttpResponse<String> metrics = get("/metrics");
        HttpResponse<String> openApi = get("/openapi.yaml");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(body(ready).at("/checks/kafka").asText()).isEqualTo("ok");
        assertThat(metrics.body()).contains("whereabouts_ingest_events_accepted_total 1");
        // The names every dashboard built on this service reads, each exactly as before the client library.
        assertThat(metrics.body().lines().filter(line -> !line.startsWith("#")))
                .extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactlyInAnyOrder(
                        "whereabouts_ingest_events_accepted_total",
                        "whereabouts_ingest_events_duplicate_total",
                        "whereabouts_ingest_events_rejected_total",
                        "whereabouts_ingest_events_failed_total",
                        "whereabouts_ingest_emitter_pending",
                        "whereabouts_ingest_emitter_acked_total",
                        "whereabouts_ingest_emitter_failed_total",
                        "whereabouts_ingest_http_responses_2xx_total",
                        "whereabouts_ingest_http_responses_4xx_total",
                        "whereabouts_ingest_http_responses_5xx_total");
        assertThat(openApi.body()).contains("/v1/events/batch").contains("openapi: 3");
    }

    private String event(String eventId, String holder, String category, String purpose) {
        return "{" + (eventId == null ? "" : "\"eventId\":\"" + eventId + "\",")
                + "\"occurredAt\":\"2026-11-24T10:15:30Z\",\"sourceSystem\":\"smarttrackers-app\","
                + "\"subject\":{\"email\":\"" + ALICE + "\"},"
                + "\"holder\":\"" + holder + "\",\"categories\":[\"" + category + "\"],"
                + "\"purpose\":\"" + purpose + "\",\"legalBasis\":\"CONTRACT\"}";
    }

    private void assertProblem(HttpResponse<String> response, int status, String field, String reasonPart)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode errors = body(response).get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("reason").asText()).contains(reasonPart);
        });
    }

    private void assertNoRawIdentifier(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String all = new String(record.value(), StandardCharsets.ISO_8859_1)
                    + new String(record.key(), StandardCharsets.ISO_8859_1);
            assertThat(all.toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("alice")
                    .doesNotContain("example.com");
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> consume(int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, stack.uniqueId("ingest-check"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SHARING_EVENTS.name()));
            // Waiting for more than expected proves nothing extra arrives; bounded either way.
            long deadline = System.nanoTime()
                    + Duration.ofSeconds(expected == 0 ? 3 : 15).toNanos();
            while (System.nanoTime() < deadline && records.size() <= expected) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() == expected && expected > 0) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                    break;
                }
            }
        }
        return records;
    }

    private Map<String, Object> kafka() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    private TopicSerdes serdes() {
        return new TopicSerdes(
                registry,
                SerdeConfig.fromMap(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl().toString())));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return documented(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return documented(client.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Fails when the answer is not as the OpenAPI document the server serves says. */
    private HttpResponse<String> documented(HttpResponse<String> response) {
        if (contract == null) {
            contract = OpenApiContract.of(OpenApiContract.served(server.url()));
        }
        List<String> violations = contract.responseViolations(
                response.request().method(),
                response.uri().getPath(),
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
        assertThat(violations).as("the answer is as the OpenAPI document says").isEmpty();
        return response;
    }
}
