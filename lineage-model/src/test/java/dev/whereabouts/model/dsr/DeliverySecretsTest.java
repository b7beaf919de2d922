package dev.whereabouts.model.dsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook signatures, callback tokens and where their secrets come from. */
class DeliverySecretsTest {

    private static final byte[] BODY = "{\"taskId\":\"r/postmark\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final WebhookSignature signature = new WebhookSignature("a-secret-of-sixteen+");

    @Test
    void shouldVerifyItsOwnSignatureWithinTheReplayWindow() {
        String header = signature.sign(BODY, NOW);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(signature.problem(header, BODY, NOW.plus(Duration.ofMinutes(4))))
                .isEmpty();
    }

    @Test
    void shouldRefuseATamperedBodyAnotherSecretAnOldTimestampAndGarbage() {
        String header = signature.sign(BODY, NOW);
        byte[] tampered = "{\"taskId\":\"r/zendesk\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(signature.problem(header, tampered, NOW))
                .hasValueSatisfying(p -> assertThat(p).contains("does not match"));
        assertThat(new WebhookSignature("another-secret-of-16").problem(header, BODY, NOW))
                .isPresent();
        assertThat(signature.problem(header, BODY, NOW.plus(Duration.ofMinutes(6))))
                .hasValueSatisfying(p -> assertThat(p).contains("replay window"));
        assertThat(signature.problem("v1=zz", BODY, NOW)).isPresent();
        assertThat(signature.problem(null, BODY, NOW))
                .hasValueSatisfying(p -> assertThat(p).contains("missing"));
        assertThat(signature.problem("t=abc,v1=00", BODY, NOW)).isPresent();
    }

    @Test
    void shouldMatchATasksTokenOnlyForThatTask() {
        TaskTokens tokens = new TaskTokens("a-callback-key-of-16+");

        String token = tokens.token("req-1/postmark");

        assertThat(tokens.matches("req-1/postmark", token)).isTrue();
        assertThat(tokens.matches("req-1/zendesk", token)).isFalse();
        assertThat(tokens.matches("req-1/postmark", null)).isFalse();
        assertThat(new TaskTokens("another-key-of-16+++").matches("req-1/postmark", token))
                .isFalse();
    }

    @Test
    void shouldRequireTheTokenKeyOutsideTheDemoAndUseDemoSecretsInIt() {
        assertThatThrownBy(() -> DeliveryKeys.fromSettings(Settings.of(Map.of())))
                .hasMessageContaining(DeliverySettings.TASK_TOKEN_KEY.environmentVariable());

        DeliveryKeys demo =
                DeliveryKeys.fromSettings(Settings.of(Map.of(CommonSettings.DEMO.environmentVariable(), "true")));
        DeliveryKeys production = DeliveryKeys.fromSettings(Settings.of(Map.of(
                DeliverySettings.TASK_TOKEN_KEY.environmentVariable(), "a-callback-key-of-16+",
                DeliverySettings.WEBHOOK_SECRETS.environmentVariable(), "postmark=postmark-secret-0001")));

        assertThat(demo.webhook("postmark")).isPresent();
        assertThat(production.webhook("postmark")).isPresent();
        assertThat(production.webhook("zendesk")).isEmpty();
    }

    @Test
    void shouldNameTheHolderButNeverTheSecretOfAMalformedEntry() {
        assertThatThrownBy(() -> DeliveryKeys.parseSecrets("postmark=short"))
                .hasMessageContaining("postmark")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> DeliveryKeys.parseSecrets("Bad_Id=a-long-enough-secret"))
                .hasMessageNotContaining("a-long-enough-secret");
        assertThatThrownBy(() -> DeliveryKeys.parseSecrets("no-equals-sign")).hasMessageContaining("holder=secret");
    }
}
