package dev.whereabouts.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.dispatch.CallbackLinks;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo's webhook holders, all in one small server: {@code POST /holders/{holder}/tasks}
 * takes a task as a holder's system would (docs/channels.md), verifies its signature with the
 * holder's public demo secret ({@link DeliveryKeys#demoWebhookSecret}), ignores a repeated
 * {@code Whereabouts-Delivery}, and a couple of seconds later answers on the task's callback URL with
 * the outcome that fits (ERASE: ERASED, EXPORT: EXPORTED, RESTRICT: RESTRICTED, RECTIFY: RECTIFIED;
 * an EXPIRES notice gets no answer), signed the same way. A catalog entry such as
 * {@code erasure: {channel: webhook, endpoint: http://127.0.0.1:8095/holders/postmark/tasks}} puts a
 * holder on it. Demo only: the secrets are public.
 */
public final class DemoWebhookHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWebhookHolder.class);
    private static final int MAX_BODY = 256 * 1024;

    private final Clock clock;
    private final Duration answerDelay;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Instant> seenDeliveries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-holder-answers");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final HttpService server;

    private DemoWebhookHolder(String host, int port, Clock clock, Duration answerDelay) throws IOException {
        this.clock = clock;
        this.answerDelay = answerDelay;
        this.server = HttpService.builder("demo-holder")
                .host(host)
                .port(port)
                .threads(2)
                .routes(List.of(Endpoint.open("POST", "/holders/{holder}/tasks", this::task)))
                .start();
    }

    /**
     * Listens on {@code host:port} (0 = a free port).
     *
     * @param answerDelay how long the holder "works" before it answers
     */
    public static DemoWebhookHolder start(String host, int port, Clock clock, Duration answerDelay) throws IOException {
        return new DemoWebhookHolder(host, port, clock, answerDelay);
    }

    public URI url() {
        return server.url();
    }

    /** The webhook URL of {@code holder} on this server, for its catalog entry. */
    public URI endpointFor(String holder) {
        return URI.create(url() + "/holders/" + holder + "/tasks");
    }

    /** Tasks accepted (repeats not counted). */
    public long received() {
        return received.get();
    }

    /** Answers the DPO API accepted (202). */
    public long answered() {
        return answered.get();
    }

    private Response task(Request request) {
        String holder = request.pathParameter("holder");
        if (!HolderId.isValid(holder)) {
            throw ProblemException.notFound("no demo holder at this path");
        }
        byte[] body = request.body(MAX_BODY);
        WebhookSignature signature = new WebhookSignature(DeliveryKeys.demoWebhookSecret(holder));
        Instant now = clock.instant();
        Optional<String> problem =
                signature.problem(request.header(WebhookSignature.HEADER).orElse(null), body, now);
        if (problem.isPresent()) {
            throw ProblemException.unauthorized(problem.get());
        }
        String delivery = request.header(WebhookSignature.DELIVERY_HEADER)
                .orElseThrow(
                        () -> ProblemException.badParameter(WebhookSignature.DELIVERY_HEADER, "required: a unique id"));
        forgetOldDeliveries(now);
        if (seenDeliveries.putIfAbsent(delivery, now) != null) {
            return Response.json(200, Map.of("status", "duplicate delivery ignored"), json);
        }
        Task task = read(request.jsonBody(MAX_BODY));
        received.incrementAndGet();
        Optional<OutcomeType> outcome = outcomeFor(task.type());
        if (outcome.isEmpty()) {
            LOG.info("demo holder {}: notice {} taken, nothing to answer", holder, task.taskId());
        } else {
            answers.schedule(
                    () -> answer(holder, task, outcome.get(), signature),
                    answerDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return Response.json(202, Map.of("taskId", task.taskId()), json);
    }

    /** What the demo holder reports for a task of this type; none for an EXPIRES notice. */
    static Optional<OutcomeType> outcomeFor(TaskType type) {
        return switch (type) {
            case ERASE -> Optional.of(OutcomeType.ERASED);
            case EXPORT -> Optional.of(OutcomeType.EXPORTED);
            case RESTRICT -> Optional.of(OutcomeType.RESTRICTED);
            case RECTIFY -> Optional.of(OutcomeType.RECTIFIED);
            case EXPIRES -> Optional.empty();
        };
    }

    /** The evidence the demo holder gives, e.g. "demo holder postmark: deleted 3 records". */
    static String evidence(String holder, OutcomeType outcome, int records) {
        String did = switch (outcome) {
            case ERASED -> "deleted " + records + " records";
            case EXPORTED -> "exported " + records + " records to demo-exports/" + holder + ".json";
            case RESTRICTED -> "restricted " + records + " records";
            case RECTIFIED -> "corrected " + records + " records";
            default -> outcome.name().toLowerCase(java.util.Locale.ROOT);
        };
        return "demo holder " + holder + ": " + did;
    }

    private void answer(String holder, Task task, OutcomeType outcome, WebhookSignature signature) {
        try {
            ObjectNode answer = json.createObjectNode()
                    .put("outcome", outcome.name())
                    .put("evidence", evidence(holder, outcome, task.categories()))
                    .put("reportedAt", clock.instant().toString());
            byte[] body = json.writeValueAsBytes(answer);
            HttpRequest request = HttpRequest.newBuilder(task.callbackUrl())
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(CallbackLinks.TOKEN_HEADER, task.token())
                    .header(WebhookSignature.HEADER, signature.sign(body, clock.instant()))
                    .header(WebhookSignature.DELIVERY_HEADER, UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                answered.incrementAndGet();
                LOG.info("demo holder {}: answered {} for task {}", holder, outcome, task.taskId());
            } else {
                LOG.warn(
                        "demo holder {}: the callback refused the answer for task {} with {}",
                        holder,
                        task.taskId(),
                        response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("demo holder {}: could not answer task {}: {}", holder, task.taskId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The parts of a task the demo holder needs. */
    private record Task(String taskId, TaskType type, int categories, URI callbackUrl, String token) {}

    private static Task read(JsonNode body) {
        java.util.ArrayList<FieldError> errors = new java.util.ArrayList<>();
        Optional<JsonFields> fields = JsonFields.object(body, "", "the body must be a task object", errors);
        if (fields.isEmpty()) {
            throw ProblemException.invalid("the body is not a task", errors);
        }
        JsonFields task = fields.get();
        String taskId = task.requiredText("taskId", 200);
        TaskType type = task.enumValue("type", TaskType.class, Arrays.asList(TaskType.values()), false, true);
        JsonNode categories = task.node("categories");
        Optional<JsonFields> callback = task.object("callback", "required", "must be an object");
        URI url = null;
        String token = null;
        if (callback.isPresent()) {
            url = callback.get().required("url", 2_000, DemoWebhookHolder::isHttpUrl, URI::create, "an http(s) URL");
            token = callback.get().requiredText("token", 200);
        }
        task.throwIfInvalid(all -> ProblemException.invalid("the body is not a task", all));
        return new Task(taskId, type, categories == null ? 0 : categories.size(), url, token);
    }

    private static boolean isHttpUrl(String value) {
        return dev.whereabouts.model.config.Setting.isHttpUrl(value);
    }

    private void forgetOldDeliveries(Instant now) {
        // A repeat outside the replay window fails its signature anyway; ids older than that can go.
        Instant horizon = now.minus(WebhookSignature.REPLAY_WINDOW.multipliedBy(2));
        seenDeliveries.values().removeIf(seen -> seen.isBefore(horizon));
    }

    @Override
    public void close() {
        server.close();
        answers.shutdownNow();
    }
}
