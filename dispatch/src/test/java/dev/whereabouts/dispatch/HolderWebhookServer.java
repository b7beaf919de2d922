package dev.whereabouts.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server playing the holders' webhooks ({@code POST /hooks/{holder}}): each call is kept
 * with what a holder would check, the signature (with the holder's secret) and the callback token
 * (with the platform's token key), and answered with the status scripted for that holder.
 */
final class HolderWebhookServer implements AutoCloseable {

    /** One call as the holder saw it. */
    record Call(
            String holder,
            Instant at,
            byte[] body,
            JsonNode json,
            Optional<String> signatureProblem,
            boolean tokenMatches,
            String deliveryId,
            String taskIdHeader,
            String contentType,
            int answered) {}

    private final HttpService http;
    private final Map<String, WebhookSignature> secrets;
    private final TaskTokens tokens;
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> otherwise = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    HolderWebhookServer(Map<String, String> secrets, TaskTokens tokens) throws IOException {
        this.secrets = new ConcurrentHashMap<>();
        secrets.forEach((holder, secret) -> this.secrets.put(holder, new WebhookSignature(secret)));
        this.tokens = tokens;
        this.http = HttpService.builder("test-holders")
                .routes(List.of(Endpoint.open("POST", "/hooks/{holder}", request -> {
                    String holder = request.pathParameter("holder");
                    byte[] body = request.body(1 << 20);
                    WebhookSignature signature = this.secrets.get(holder);
                    Optional<String> problem = signature == null
                            ? Optional.of("the test server has no secret for " + holder)
                            : signature.problem(
                                    request.header(WebhookSignature.HEADER).orElse(null), body, Instant.now());
                    JsonNode tree = json.readTree(body);
                    String taskId = tree.path("taskId").asText();
                    boolean tokenMatches =
                            tokens.matches(taskId, tree.at("/callback/token").asText(null));
                    int status = next(holder);
                    calls.add(new Call(
                            holder,
                            Instant.now(),
                            body,
                            tree,
                            problem,
                            tokenMatches,
                            request.header(WebhookSignature.DELIVERY_HEADER).orElse(null),
                            request.header(CallbackLinks.TASK_ID_HEADER).orElse(null),
                            request.header("Content-Type").orElse(null),
                            status));
                    return Response.text(status, "application/json", "{}");
                })))
                .start();
    }

    /** The holder's webhook URL. */
    String url(String holder) {
        return http.url() + "/hooks/" + holder;
    }

    /** Answers {@code statuses} in turn, then {@code thereafter}. */
    HolderWebhookServer answer(String holder, int thereafter, Integer... statuses) {
        scripts.put(holder, new ArrayDeque<>(List.of(statuses)));
        otherwise.put(holder, thereafter);
        return this;
    }

    List<Call> calls(String holder) {
        return calls.stream().filter(c -> c.holder().equals(holder)).toList();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private synchronized int next(String holder) {
        Deque<Integer> script = scripts.get(holder);
        if (script != null && !script.isEmpty()) {
            return script.pollFirst();
        }
        return otherwise.getOrDefault(holder, 200);
    }

    @Override
    public void close() {
        http.close();
    }
}
