package dev.whereabouts.ingest.http;

import dev.whereabouts.model.config.Setting;
import java.util.Map;
import java.util.function.Predicate;

/** Every setting of the HTTP ingest service: environment variable, default, doc, validator. */
public enum IngestSetting {
    HOST("WHEREABOUTS_INGEST_HOST", "127.0.0.1", "Interface the ingest HTTP server binds to.", v -> !v.isBlank()),
    PORT(
            "WHEREABOUTS_INGEST_PORT",
            "8090",
            "Port of the ingest HTTP server (0 = any free port).",
            v -> Setting.isIntBetween(v, 0, 65535)),
    BOOTSTRAP_SERVERS("WHEREABOUTS_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka bootstrap servers.", v -> !v.isBlank()),
    REGISTRY_URL(
            "WHEREABOUTS_REGISTRY_URL", "http://127.0.0.1:8081", "Schema registry URL.", v -> v.startsWith("http")),
    THREADS(
            "WHEREABOUTS_INGEST_THREADS",
            "16",
            "Request threads; each may wait on Kafka acknowledgements.",
            v -> Setting.isIntBetween(v, 1, 512)),
    ACK_TIMEOUT_SECONDS(
            "WHEREABOUTS_INGEST_ACK_TIMEOUT_SECONDS",
            "15",
            "How long a request waits for Kafka to acknowledge its events before answering 503.",
            v -> Setting.isIntBetween(v, 1, 600)),
    REMEMBERED_EVENT_IDS(
            "WHEREABOUTS_INGEST_REMEMBERED_EVENT_IDS",
            "200000",
            "Event ids kept to answer resends as duplicates without publishing them again.",
            v -> Setting.isIntBetween(v, 0, 10_000_000)),
    MAX_PENDING_EVENTS(
            "WHEREABOUTS_INGEST_MAX_PENDING_EVENTS",
            "100000",
            "Events waiting for Kafka at most; beyond, requests get 503.",
            v -> Setting.isIntBetween(v, 1000, 10_000_000));

    private final Setting setting;

    IngestSetting(String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        this.setting = Setting.of(environmentVariable, defaultValue, doc, validator);
    }

    public String environmentVariable() {
        return setting.environmentVariable();
    }

    public String defaultValue() {
        return setting.defaultValue();
    }

    public String doc() {
        return setting.doc();
    }

    /**
     * The value in {@code settings} (keyed by environment variable name), else the default; rejected
     * when invalid. A system property (see {@link Setting#systemProperty()}) wins over both.
     */
    public String from(Map<String, String> settings) {
        return setting.resolve(settings, System.getProperties());
    }

    public int intFrom(Map<String, String> settings) {
        return Integer.parseInt(from(settings));
    }
}
