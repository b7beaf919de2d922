package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.dsr.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {

    @Test
    void shouldCountEvery2xxAsDelivered() {
        assertThat(WebhookChannel.classify(200)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(WebhookChannel.classify(202)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(WebhookChannel.classify(204)).isInstanceOf(DeliveryResult.Delivered.class);
    }

    @Test
    void shouldRetryServerErrorsTimeoutsAndThrottling() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(WebhookChannel.classify(status))
                    .as("status %d", status)
                    .isEqualTo(DeliveryResult.retry("webhook-status", "the webhook answered " + status));
        }
    }

    @Test
    void shouldGiveUpAtOnceOnAnyOtherClientErrorOrARedirect() {
        assertThat(WebhookChannel.classify(404))
                .isEqualTo(DeliveryResult.giveUp("webhook-status", "the webhook refused the task with 404"));
        assertThat(WebhookChannel.classify(401)).extracting("retriable").isEqualTo(false);
        assertThat(WebhookChannel.classify(422)).extracting("retriable").isEqualTo(false);
        assertThat(WebhookChannel.classify(301))
                .isEqualTo(DeliveryResult.giveUp(
                        "webhook-status", "the webhook answered 301 (redirects are not followed)"));
    }

    @Test
    void shouldSignLikeTheWorkedExampleInTheChannelsDocument() {
        // docs/channels.md, "Verifying the signature": holders check their code against these numbers
        byte[] body = "{\"taskId\":\"3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93/postmark\",\"type\":\"ERASE\"}"
                .getBytes(StandardCharsets.UTF_8);

        String header =
                new WebhookSignature("postmark-webhook-secret-0123").sign(body, Instant.ofEpochSecond(1765100000));

        assertThat(header)
                .isEqualTo("t=1765100000,v1=05876431b1fafd85a46e18ab37ef61c3dca5a915c429e6c156a8f3966fcfd868");
    }
}
