package dev.whereabouts.model.config;

import dev.whereabouts.model.identity.IdentifierNormaliser;
import java.util.List;

/**
 * Keys more than one service reads, declared once: where Kafka and the schema registry are, the
 * API tokens, the demo switch and the pseudonymisation inputs. Every service takes these constants;
 * none declares its own copy.
 */
public final class CommonSettings {

    /**
     * Prefix of the Kafka client properties passed through unchanged to every Kafka client the
     * platform creates (admin, producers, consumers, Kafka Streams), e.g.
     * {@code WHEREABOUTS_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL}. For what no key declares: TLS, SASL.
     */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    /**
     * Prefix of Kafka Streams properties passed through unchanged to the lineage topology, e.g.
     * {@code WHEREABOUTS_KAFKA_STREAMS_METRICS_RECORDING_LEVEL=DEBUG}; applied after
     * {@link #KAFKA_CLIENT_PREFIX}, so it wins for Streams.
     */
    public static final String KAFKA_STREAMS_PREFIX = "kafka.streams.";

    /** Kafka bootstrap servers. */
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.text(
                    "kafka.bootstrap.servers",
                    "127.0.0.1:9092",
                    "Kafka bootstrap servers every service and command connects to.",
                    "host:port[,host:port...]",
                    v -> v.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*"))
            .deprecatedAlias(
                    "WHEREABOUTS_BOOTSTRAP_SERVERS",
                    "WHEREABOUTS_API_BOOTSTRAP_SERVERS",
                    "WHEREABOUTS_STREAMS_BOOTSTRAP_SERVERS")
            .deprecatedOption("--bootstrap-servers", "--bootstrap.servers");

    /** Schema registry base URL. */
    public static final Setting<String> REGISTRY_URL = Setting.httpUrl(
                    "registry.url",
                    "http://127.0.0.1:8081",
                    "Schema registry base URL (Confluent REST API) every service and command uses.")
            .deprecatedAlias("WHEREABOUTS_API_REGISTRY_URL", "WHEREABOUTS_STREAMS_SCHEMA_REGISTRY_URL")
            .deprecatedOption("--schema.registry.url");

    /** Bearer tokens of the HTTP services. */
    public static final Setting<String> API_TOKENS = Setting.optionalText(
                    "api.tokens",
                    "Bearer tokens of the ingest service and the DPO API, as token=name:ROLE[+ROLE],...;"
                            + " required unless demo=true.")
            .secret();

    /** The embedded demo's open door. */
    public static final Setting<Boolean> DEMO = Setting.bool(
                    "demo",
                    false,
                    "Embedded demo only: anonymous callers get every role (audited as 'demo') and the public demo"
                            + " pseudonymisation key is used when pseudonym.keys is unset. The launcher turns it on"
                            + " for its embedded stack unless set.")
            .deprecatedAlias("WHEREABOUTS_API_DEMO");

    /**
     * The pseudonymisation key ring; read by {@code Pseudonymiser#fromSettings} in the services, and
     * under the same variable by {@code PseudonymisationKeys#fromEnvironment} in services embedding
     * the emitter.
     */
    public static final Setting<String> PSEUDONYM_KEYS = Setting.optionalText(
                    "pseudonym.keys",
                    "Pseudonymisation key ring as keyId:base64secret[,keyId:base64secret...], newest first;"
                            + " required unless demo=true.")
            .secret();

    /**
     * Country calling code of national phone numbers; read by {@code Pseudonymiser#fromSettings}, and
     * under the same variable by {@link IdentifierNormaliser#fromEnvironment}.
     */
    public static final Setting<String> PHONE_DEFAULT_COUNTRY_CODE = Setting.text(
            "phone.default.country.code",
            IdentifierNormaliser.DEFAULT_COUNTRY_CALLING_CODE,
            "Country calling code given to national phone numbers; must be the same on every ingest path.",
            "1 to 3 digits not starting with 0, optionally with a leading +",
            v -> v.matches("\\+?[1-9][0-9]{0,2}"));

    /** These keys, for the reference and {@code --help}. */
    public static final SettingGroup GROUP = new SettingGroup(
            "Shared",
            "Read by every service and command that needs them (ingest, lineage topology, graph writer and DPO"
                    + " API, command line, emitter inside the platform).",
            List.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    REGISTRY_URL,
                    API_TOKENS,
                    DEMO,
                    PSEUDONYM_KEYS,
                    PHONE_DEFAULT_COUNTRY_CODE));

    /** Where Kafka and the registry are: the options of every command that only talks to them. */
    public static final SettingGroup CONNECTION = new SettingGroup(
            "Connection",
            "Where the platform's Kafka and schema registry are.",
            List.of(KAFKA_BOOTSTRAP_SERVERS, REGISTRY_URL));

    private CommonSettings() {}
}
