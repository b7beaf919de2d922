package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchSettingsTest {

    @Test
    void shouldStartFromTheDefaults() {
        Settings settings = DispatchSettings.validate(Settings.defaults());

        assertThat(DispatchSettings.backoff(settings))
                .isEqualTo(new DeliveryBackoff(10, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        assertThat(settings.get(DispatchSettings.GROUP_ID)).isEqualTo("whereabouts-dispatcher");
        assertThat(settings.get(DispatchSettings.SMTP_TLS)).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(DispatcherApp.mailDrop(settings, java.time.Clock.systemUTC()))
                .isInstanceOf(OutboxDrop.class);
    }

    @Test
    void shouldSendThroughSmtpWhenAHostIsSet() {
        Settings settings =
                Settings.of(Map.of("WHEREABOUTS_SMTP_HOST", "mail.example.test", "WHEREABOUTS_SMTP_TLS", "tls"));

        MailDrop drop = DispatcherApp.mailDrop(DispatchSettings.validate(settings), java.time.Clock.systemUTC());

        assertThat(drop.describe()).isEqualTo("SMTP mail.example.test:587 (TLS)");
    }

    @Test
    void shouldRefuseABadSenderANameLessTlsModeAndAShorterCapThanTheFirstPause() {
        assertThatThrownBy(
                        () -> DispatchSettings.validate(Settings.of(Map.of("WHEREABOUTS_SMTP_FROM", "not an address"))))
                .hasMessageContaining("WHEREABOUTS_SMTP_FROM")
                .hasMessageContaining("an e-mail address");
        assertThatThrownBy(() -> DispatchSettings.validate(Settings.of(Map.of("WHEREABOUTS_SMTP_TLS", "SSL"))))
                .hasMessageContaining("NONE, STARTTLS, TLS");
        assertThatThrownBy(() -> DispatchSettings.validate(Settings.of(Map.of(
                        "WHEREABOUTS_DELIVERY_RETRY_BACKOFF_MS", "5000",
                        "WHEREABOUTS_DELIVERY_RETRY_MAX_BACKOFF_MS", "1000"))))
                .hasMessageContaining("WHEREABOUTS_DELIVERY_RETRY_MAX_BACKOFF_MS");
    }

    @Test
    void shouldNeverEchoTheSmtpPassword() {
        assertThat(DispatchSettings.SMTP_PASSWORD.isSecret()).isTrue();
    }

    @Test
    void shouldListEveryKeyInItsOwnCommandsHelpWithoutTheDeliveryPrefixAndSecretsOnlyAsVariables() {
        String usage = DispatchSettings.COMMAND_LINE.usage();

        assertThat(usage)
                .contains("--retry-tries")
                .contains("--outbox-dir")
                .contains("--callback-url")
                .contains("--smtp-host")
                .contains("WHEREABOUTS_SMTP_PASSWORD")
                .doesNotContain("--smtp-password")
                .contains("--kafka-bootstrap-servers");
    }
}
