package dev.whereabouts.model.config;

import java.util.List;

/**
 * Keys of the holder channels read by both ends of a delivery: the task dispatcher, which signs
 * webhooks and writes callback links, and the DPO API, which checks the signatures and tokens of
 * the answers (docs/channels.md).
 */
public final class DeliverySettings {

    /** Base URL holders answer on; the DPO API's public address. */
    public static final Setting<String> CALLBACK_URL = Setting.httpUrl(
            "delivery.callback.url",
            "http://127.0.0.1:8080",
            "Public base URL of the DPO API that WEBHOOK and EMAIL holders answer on"
                    + " (<url>/v1/callbacks/tasks/{taskId}).");

    /** Key of the per-task callback tokens. */
    public static final Setting<String> TASK_TOKEN_KEY = Setting.optionalText(
                    "delivery.task.token.key",
                    "Secret (at least 16 characters) the per-task callback tokens are derived from; the same on the"
                            + " dispatcher and the DPO API. Required unless demo=true, where a demo key is used.")
            .secret();

    /** Per-holder webhook secrets. */
    public static final Setting<String> WEBHOOK_SECRETS = Setting.optionalText(
                    "delivery.webhook.secrets",
                    "Per-holder webhook secrets as holder=secret[,holder=secret...] (each at least 16 characters);"
                            + " a WEBHOOK holder without one gets no task (dead-lettered) and cannot answer. In the"
                            + " demo, holders without one use a secret derived from the demo key.")
            .secret();

    /** These keys, for the reference and {@code --help}. */
    public static final SettingGroup GROUP = new SettingGroup(
            "Holder channels",
            "Read by the task dispatcher and the DPO API: where holders answer and the secrets that sign the"
                    + " webhooks and the callback tokens.",
            List.of(CALLBACK_URL, TASK_TOKEN_KEY, WEBHOOK_SECRETS));

    private DeliverySettings() {}
}
