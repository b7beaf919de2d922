package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

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
}
