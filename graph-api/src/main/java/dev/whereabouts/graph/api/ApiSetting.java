package dev.whereabouts.graph.api;

import dev.whereabouts.model.config.Setting;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Every setting of the graph writer and DPO API service: environment variable, default, doc line
 * and validator. A JVM system property named like the variable in lower case with dots
 * ({@code whereabouts.api.port}) wins over the environment variable, which wins over the default.
 */
public enum ApiSetting {
    HOST(
            "WHEREABOUTS_API_HOST",
            "127.0.0.1",
            "Interface the DPO API binds to; 0.0.0.0 behind a TLS proxy in production.",
            v -> !v.isBlank()),
    PORT("WHEREABOUTS_API_PORT", "8080", "HTTP port of the DPO API (0 = any free port).", Setting::isPort),
    HTTP_THREADS(
            "WHEREABOUTS_API_HTTP_THREADS",
            "16",
            "Request threads of the HTTP server.",
            v -> Setting.isIntBetween(v, 1, 512)),
    BOLT_URI(
            "WHEREABOUTS_API_BOLT_URI",
            "bolt://127.0.0.1:7687",
            "Neo4j Bolt URI (bolt:// or neo4j://, +s for TLS).",
            v -> v.matches("(bolt|neo4j)(\\+s|\\+ssc)?://.+")),
    BOLT_USER(
            "WHEREABOUTS_API_BOLT_USER",
            "",
            "Neo4j user; empty for no authentication (the embedded node on loopback).",
            v -> true),
    BOLT_PASSWORD("WHEREABOUTS_API_BOLT_PASSWORD", "", "Neo4j password, used with the user.", v -> true),
    BOOTSTRAP_SERVERS(
            "WHEREABOUTS_API_BOOTSTRAP_SERVERS",
            "127.0.0.1:9092",
            "Kafka bootstrap servers, comma-separated host:port.",
            v -> v.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")),
    REGISTRY_URL(
            "WHEREABOUTS_API_REGISTRY_URL",
            "http://127.0.0.1:8081",
            "Schema registry URL (Confluent REST API).",
            ApiSetting::isHttpUrl),
    TOKENS(
            "WHEREABOUTS_API_TOKENS",
            "",
            "Bearer tokens as token=name:ROLE[+ROLE],...; required unless WHEREABOUTS_API_DEMO=true.",
            v -> true),
    DEMO(
            "WHEREABOUTS_API_DEMO",
            "false",
            "Embedded demo only: anonymous callers get every role (audited as 'demo') and the public"
                    + " demo pseudonymisation key is used when WHEREABOUTS_PSEUDONYM_KEYS is unset.",
            Setting::isBoolean),
    CONTROLLER(
            "WHEREABOUTS_API_CONTROLLER",
            "SmartTrackers B.V.",
            "The controller named in access reports and the ROPA.",
            v -> !v.isBlank()),
    WRITER_ENABLED(
            "WHEREABOUTS_API_WRITER_ENABLED",
            "true",
            "Run the graph writer in this process (false: API only).",
            Setting::isBoolean),
    WRITER_GROUP_ID(
            "WHEREABOUTS_API_WRITER_GROUP_ID",
            "whereabouts-graph-writer",
            "Consumer group of the graph writer.",
            v -> !v.isBlank()),
    WRITER_MAX_POLL_RECORDS(
            "WHEREABOUTS_API_WRITER_MAX_POLL_RECORDS",
            "30000",
            "Records per poll, hence per Neo4j transaction" + " (written as statements of at most 5,000 rows).",
            v -> Setting.isIntBetween(v, 1, 100_000));

    private final Setting setting;

    ApiSetting(String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        // Tokens and the Neo4j password are never echoed in an error.
        this.setting = new Setting(
                environmentVariable,
                defaultValue,
                doc,
                validator,
                environmentVariable.endsWith("_TOKENS") || environmentVariable.endsWith("_PASSWORD"));
    }

    public String environmentVariable() {
        return setting.environmentVariable();
    }

    public String systemProperty() {
        return setting.systemProperty();
    }

    public String defaultValue() {
        return setting.defaultValue();
    }

    public String doc() {
        return setting.doc();
    }

    /** The value from system properties, then the environment, then the default; rejected when invalid. */
    public String resolve(Map<String, String> environment, Properties systemProperties) {
        return setting.resolve(environment, systemProperties);
    }

    private static boolean isHttpUrl(String value) {
        try {
            String scheme = URI.create(value).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
