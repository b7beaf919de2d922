package dev.whereabouts.dispatch;

import dev.whereabouts.model.dsr.TaskTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where and how a holder answers a task on the DPO API (docs/channels.md): {@code POST
 * <base>/v1/callbacks/tasks/<taskId>} with the task's token in {@value #TOKEN_HEADER}, or for people
 * the form at the same URL with {@code ?token=<token>}. Task ids hold a '/' (request id / holder), so
 * the id is one percent-encoded path segment.
 */
public final class CallbackLinks {

    /** The header a holder's answer carries its task token in. */
    public static final String TOKEN_HEADER = dev.whereabouts.model.dsr.TaskTokens.HEADER;

    /** The header naming the task of a webhook call, so a holder can route it before parsing the body. */
    public static final String TASK_ID_HEADER = "Whereabouts-Task-Id";

    private final String base;
    private final TaskTokens tokens;

    /**
     * @param base   the DPO API's public base URL ({@code delivery.callback.url}), with or without a trailing '/'
     * @param tokens the platform's task tokens
     */
    public CallbackLinks(String base, TaskTokens tokens) {
        String trimmed = Objects.requireNonNull(base, "base").strip();
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** The URL a system POSTs its JSON answer to. */
    public URI answerUrl(String taskId) {
        return URI.create(base + "/v1/callbacks/tasks/" + encode(taskId));
    }

    /** The link a person opens: the answer form, the token in the query. */
    public URI formUrl(String taskId) {
        return URI.create(answerUrl(taskId) + "?token=" + encode(token(taskId)));
    }

    public String token(String taskId) {
        return tokens.token(taskId);
    }

    /** One path segment or query value: every reserved character percent-encoded, spaces as %20. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
