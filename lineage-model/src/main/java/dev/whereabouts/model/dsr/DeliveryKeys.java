package dev.whereabouts.model.dsr;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.id.HolderId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets of the holder channels as the settings give them ({@link DeliverySettings}): the
 * callback token key and each WEBHOOK holder's signing secret. In the demo, what is not set comes
 * from public demo values (documented in docs/channels.md, never usable outside the demo, where a
 * missing key stops the service at start and a holder without a secret gets no webhook).
 */
public final class DeliveryKeys {

    static final String DEMO_TOKEN_KEY = "whereabouts-demo-callback-token-key";
    static final String DEMO_WEBHOOK_SECRET_PREFIX = "whereabouts-demo-webhook-secret-";

    private final TaskTokens tokens;
    private final Map<String, WebhookSignature> webhooks;
    private final boolean demo;

    public DeliveryKeys(TaskTokens tokens, Map<String, WebhookSignature> webhooks, boolean demo) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.webhooks = Map.copyOf(webhooks);
        this.demo = demo;
    }

    /** Reads and checks the keys; throws naming the setting when one is missing or malformed. */
    public static DeliveryKeys fromSettings(Settings settings) {
        boolean demo = settings.get(CommonSettings.DEMO);
        String tokenKey = settings.get(DeliverySettings.TASK_TOKEN_KEY);
        if (tokenKey == null || tokenKey.isBlank()) {
            if (!demo) {
                throw new IllegalArgumentException(DeliverySettings.TASK_TOKEN_KEY.environmentVariable()
                        + " is required unless " + CommonSettings.DEMO.environmentVariable() + "=true");
            }
            tokenKey = DEMO_TOKEN_KEY;
        }
        return new DeliveryKeys(
                new TaskTokens(tokenKey), parseSecrets(settings.get(DeliverySettings.WEBHOOK_SECRETS)), demo);
    }

    static Map<String, WebhookSignature> parseSecrets(String text) {
        Map<String, WebhookSignature> secrets = new HashMap<>();
        if (text == null || text.isBlank()) {
            return secrets;
        }
        String variable = DeliverySettings.WEBHOOK_SECRETS.environmentVariable();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(variable + ": each entry must be holder=secret");
            }
            String holder = entry.substring(0, eq).trim();
            if (!HolderId.isValid(holder)) {
                throw new IllegalArgumentException(variable + ": holder ids must match " + HolderId.RULE);
            }
            try {
                secrets.put(holder, new WebhookSignature(entry.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        variable + ": the secret of holder " + holder + ": " + e.getMessage());
            }
        }
        return secrets;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    /** The signing secret of a WEBHOOK holder; empty when none is set (outside the demo). */
    public Optional<WebhookSignature> webhook(String holder) {
        WebhookSignature configured = webhooks.get(holder);
        if (configured != null) {
            return Optional.of(configured);
        }
        return demo ? Optional.of(new WebhookSignature(demoWebhookSecret(holder))) : Optional.empty();
    }

    /** The public demo secret of a holder, for the demo webhook holder and tests on the embedded demo. */
    public static String demoWebhookSecret(String holder) {
        return DEMO_WEBHOOK_SECRET_PREFIX + holder;
    }
}
