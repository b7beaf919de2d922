package dev.whereabouts.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.dispatch.CallbackLinks;
import dev.whereabouts.dispatch.DeliveryResult;
import dev.whereabouts.dispatch.WebhookChannel;
import dev.whereabouts.dispatch.WebhookPayload;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo webhook holder against the dispatcher's real webhook channel, and a real HTTP server in
 * the place of the DPO API's callback endpoint.
 */
class DemoWebhookHolderTest {

    private static final String REQUEST_ID = "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93";
    private static final TaskTokens TOKENS = new TaskTokens("demo-holder-test-token-key");

    /** One answer as the callback endpoint got it. */
    record Answer(String taskId, JsonNode body, Optional<String> signatureProblem, boolean tokenMatches) {}

    private final ObjectMapper json = new ObjectMapper();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpService callbacks;
    private DemoWebhookHolder holder;
    private WebhookChannel channel;

    @BeforeEach
    void start() throws Exception {
        callbacks = HttpService.builder("test-callbacks")
                .routes(List.of(Endpoint.open("POST", "/v1/callbacks/tasks/{taskId}", request -> {
                    String taskId = request.pathParameter("taskId");
                    byte[] body = request.body(64 * 1024);
                    String holderId = taskId.substring(taskId.indexOf('/') + 1);
                    answers.add(new Answer(
                            taskId,
                            json.readTree(body),
                            new WebhookSignature(DeliveryKeys.demoWebhookSecret(holderId))
                                    .problem(
                                            request.header(WebhookSignature.HEADER)
                                                    .orElse(null),
                                            body,
                                            Instant.now()),
                            TOKENS.matches(
                                    taskId,
                                    request.header(CallbackLinks.TOKEN_HEADER).orElse(null))));
                    return Response.text(202, "application/json", "{}");
                })))
                .start();
        holder = DemoWebhookHolder.start("127.0.0.1", 0, Clock.systemUTC(), Duration.ofMillis(50));
        channel = new WebhookChannel(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                new CallbackLinks(callbacks.url().toString(), TOKENS),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        holder.close();
        callbacks.close();
    }

    @Test
    void shouldTakeASignedTaskAndAnswerItWithAFittingSignedOutcome() throws Exception {
        // When the dispatcher's channel delivers an ERASE and an EXPORT task
        assertThat(deliver(task("postmark", TaskType.ERASE))).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(deliver(task("zendesk", TaskType.EXPORT))).isInstanceOf(DeliveryResult.Delivered.class);

        // Then each is answered on its callback, signed with the holder's demo secret, with its token
        awaitAnswers(2);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.signatureProblem()).isEmpty();
            assertThat(a.tokenMatches()).isTrue();
            assertThat(Instant.parse(a.body().get("reportedAt").asText())).isNotNull();
        });
        Answer erased = answerTo(REQUEST_ID + "/postmark");
        assertThat(erased.body().get("outcome").asText()).isEqualTo("ERASED");
        assertThat(erased.body().get("evidence").asText()).isEqualTo("demo holder postmark: deleted 2 records");
        assertThat(answerTo(REQUEST_ID + "/zendesk").body().get("outcome").asText())
                .isEqualTo("EXPORTED");
        assertThat(holder.received()).isEqualTo(2);
        assertThat(holder.answered()).isEqualTo(2);
    }

    @Test
    void shouldTakeAnExpiresNoticeWithoutAnswering() throws Exception {
        assertThat(deliver(task("amazon-s3-database-backups", TaskType.EXPIRES)))
                .isInstanceOf(DeliveryResult.Delivered.class);

        Thread.sleep(500);
        assertThat(holder.received()).isEqualTo(1);
        assertThat(answers).isEmpty();
    }

    @Test
    void shouldIgnoreARepeatedDeliveryAndRefuseABadSignature() throws Exception {
        // Given one signed call, sent twice with the same delivery id
        HolderTask task = task("postmark", TaskType.RESTRICT);
        byte[] body =
                WebhookPayload.render(task, new CallbackLinks(callbacks.url().toString(), TOKENS));
        WebhookSignature secret = new WebhookSignature(DeliveryKeys.demoWebhookSecret("postmark"));
        HttpRequest.Builder call = HttpRequest.newBuilder(holder.endpointFor("postmark"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.DELIVERY_HEADER, "delivery-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));

        HttpResponse<String> first = http.send(
                call.copy()
                        .header(WebhookSignature.HEADER, secret.sign(body, Instant.now()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(
                call.copy()
                        .header(WebhookSignature.HEADER, secret.sign(body, Instant.now()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // Then the repeat is not acted on twice
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        awaitAnswers(1);
        Thread.sleep(300);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).body().get("outcome").asText()).isEqualTo("RESTRICTED");

        // And a call signed with another holder's secret is refused, naming the header, not the value
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(holder.endpointFor("postmark"))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.DELIVERY_HEADER, "delivery-2")
                        .header(
                                WebhookSignature.HEADER,
                                new WebhookSignature(DeliveryKeys.demoWebhookSecret("zendesk"))
                                        .sign(body, Instant.now()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("Whereabouts-Signature: signature does not match the body");
        assertThat(holder.received()).isEqualTo(1);
    }

    private DeliveryResult deliver(HolderTask task) {
        return channel.deliver(
                task,
                holder.endpointFor(task.getHolder()),
                new WebhookSignature(DeliveryKeys.demoWebhookSecret(task.getHolder())));
    }

    private static HolderTask task(String holder, TaskType type) {
        return HolderTask.newBuilder()
                .setTaskId(REQUEST_ID + "/" + holder)
                .setRequestId(REQUEST_ID)
                .setSubjectId("s-0123456789abcdef0123456789abcdef")
                .setIdentifiers(List.of(SubjectIdentifier.newBuilder()
                        .setType(IdentifierType.EMAIL)
                        .setPseudonym("ab".repeat(32))
                        .setKeyId("demo")
                        .build()))
                .setHolder(holder)
                .setType(type)
                .setCategories(List.of("user.contact.email", "user.name"))
                .setIssuedAt(Instant.now())
                .setDeadline(Instant.now().plus(Duration.ofDays(28)))
                .build();
    }

    private Answer answerTo(String taskId) {
        return answers.stream()
                .filter(a -> a.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    private void awaitAnswers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (answers.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(answers).hasSizeGreaterThanOrEqualTo(count);
    }
}
