package dev.whereabouts.dispatch;

import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Delivers a task to a WEBHOOK holder: one signed {@code POST} of {@link WebhookPayload} to the
 * holder's URL from the catalog. A 2xx answer is delivered; 408, 429, 5xx, a timeout or a broken
 * connection is worth another try; any other answer (a 4xx, a redirect, which is not followed) is
 * given up at once, since the same call will be refused again.
 */
public final class WebhookChannel {

    private final HttpClient http;
    private final Duration requestTimeout;
    private final CallbackLinks links;
    private final Clock clock;

    public WebhookChannel(Duration connectTimeout, Duration requestTimeout, CallbackLinks links, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One try: a new {@code Whereabouts-Delivery} id and a fresh signature each time. */
    public DeliveryResult deliver(HolderTask task, URI endpoint, WebhookSignature signature) {
        byte[] body = WebhookPayload.render(task, links);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature.sign(body, clock.instant()))
                .header(WebhookSignature.DELIVERY_HEADER, UUID.randomUUID().toString())
                .header(CallbackLinks.TASK_ID_HEADER, task.getTaskId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            return DeliveryResult.retry("webhook-connect-timeout", "the webhook did not accept a connection in time");
        } catch (HttpTimeoutException e) {
            return DeliveryResult.retry(
                    "webhook-timeout", "the webhook did not answer within " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return DeliveryResult.retry(
                    "webhook-unreachable",
                    "the webhook could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted", "the dispatcher stopped during the call");
        }
        return classify(response.statusCode());
    }

    /** What an answer's status means for the task. */
    static DeliveryResult classify(int status) {
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered("webhook answered " + status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return DeliveryResult.retry("webhook-status", "the webhook answered " + status);
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.giveUp(
                    "webhook-status", "the webhook answered " + status + " (redirects are not followed)");
        }
        return DeliveryResult.giveUp("webhook-status", "the webhook refused the task with " + status);
    }
}
