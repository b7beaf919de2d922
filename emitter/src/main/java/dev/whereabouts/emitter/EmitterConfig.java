package dev.whereabouts.emitter;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.id.SourceSystemId;
import dev.whereabouts.model.serde.SerdeConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Immutable settings of a {@link WhereaboutsEmitter}. Every key has a name, a default, a doc line
 * and a validator ({@link #configDef()}), and can be given in code, as a {@code Map} of Kafka-style
 * properties, or as an environment variable named {@value #ENVIRONMENT_PREFIX} plus the key in
 * upper case with dots as underscores ({@code max.pending.events} is
 * {@code WHEREABOUTS_EMITTER_MAX_PENDING_EVENTS}).
 *
 * <p>The producer defaults are chosen so an event is durable once acknowledged (acks=all,
 * idempotent) and the emitter is cheap on the wire (lz4, 10 ms linger, 64 KiB batches). The
 * serde keys of {@link SerdeConfig} ({@code schema.registry.url}, basic auth, subject naming) are
 * accepted as they are. Any other producer setting, e.g. TLS or SASL, passes through with the
 * prefix {@value #PRODUCER_PREFIX} ({@code producer.security.protocol=SASL_SSL}, or
 * {@code WHEREABOUTS_EMITTER_PRODUCER_SECURITY_PROTOCOL}).
 */
public final class EmitterConfig {

    /** Prefix of the environment variables {@link #fromEnvironment(Map)} reads. */
    public static final String ENVIRONMENT_PREFIX = "WHEREABOUTS_EMITTER_";

    /** Prefix of producer settings passed through unchanged, e.g. {@code producer.ssl.truststore.location}. */
    public static final String PRODUCER_PREFIX = "producer.";

    /** {@code bootstrap.servers}: Kafka brokers, {@code host:port} comma-separated. Required unless a producer is injected. */
    public static final String BOOTSTRAP_SERVERS = ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;

    /** {@code schema.registry.url}: see {@link SerdeConfig#SCHEMA_REGISTRY_URL}. Required unless a registry client or producer is injected. */
    public static final String SCHEMA_REGISTRY_URL = SerdeConfig.SCHEMA_REGISTRY_URL;

    /**
     * {@code source.system}: id of the service that emits, written into every event as
     * {@code sourceSystem} (the catalog id when the service is itself a holder). Required.
     */
    public static final String SOURCE_SYSTEM = "source.system";

    /** {@code default.purpose}: purpose id used when an event names none. Default: none (every event must name one). */
    public static final String DEFAULT_PURPOSE = "default.purpose";

    /**
     * {@code default.legal.basis}: Art. 6(1) legal basis used when an event names none, one of
     * {@code CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS}.
     * Default: none (every event must name one).
     */
    public static final String DEFAULT_LEGAL_BASIS = "default.legal.basis";

    /**
     * {@code max.pending.events}: how many accepted events may wait for the broker at once (queued
     * or in flight). Beyond this, new events are rejected with {@code REJECTED_BUFFER_FULL} instead
     * of using more memory or blocking the caller. Default: 10000.
     */
    public static final String MAX_PENDING_EVENTS = "max.pending.events";

    /** {@code close.timeout.ms}: how long {@code close()} without arguments waits for pending events. Default: 30000. */
    public static final String CLOSE_TIMEOUT_MS = "close.timeout.ms";

    /** {@code client.id}: Kafka client id. Default: {@code whereabouts-emitter-<source.system>}. */
    public static final String CLIENT_ID = ProducerConfig.CLIENT_ID_CONFIG;

    /** {@code acks}: {@code all} (default) so an acknowledged event survives the loss of a broker. */
    public static final String ACKS = ProducerConfig.ACKS_CONFIG;

    /** {@code enable.idempotence}: {@code true} (default) so producer retries never duplicate or reorder events. */
    public static final String ENABLE_IDEMPOTENCE = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;

    /** {@code compression.type}: {@code lz4} (default); events compress well and lz4 costs little CPU. */
    public static final String COMPRESSION_TYPE = ProducerConfig.COMPRESSION_TYPE_CONFIG;

    /** {@code linger.ms}: how long the producer waits to fill a batch. Default: 10. */
    public static final String LINGER_MS = ProducerConfig.LINGER_MS_CONFIG;

    /** {@code batch.size}: bytes per partition batch. Default: 65536. */
    public static final String BATCH_SIZE = ProducerConfig.BATCH_SIZE_CONFIG;

    /** {@code max.in.flight.requests.per.connection}: 5 (default), the most that keeps idempotent order. */
    public static final String MAX_IN_FLIGHT = ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;

    /**
     * {@code delivery.timeout.ms}: how long an event may take from being accepted to being
     * acknowledged before it is reported {@code TIMED_OUT}; the time a broker or registry outage
     * is bridged. Default: 120000. Must be at least {@code linger.ms + request.timeout.ms}.
     */
    public static final String DELIVERY_TIMEOUT_MS = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;

    /** {@code request.timeout.ms}: how long the producer waits for one broker response. Default: 30000. */
    public static final String REQUEST_TIMEOUT_MS = ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG;

    /**
     * {@code max.block.ms}: how long the emitter's sender thread waits in one attempt for topic
     * metadata or producer buffer space before it rechecks deadlines and retries. The calling
     * thread never waits for Kafka at all. Default: 50.
     */
    public static final String MAX_BLOCK_MS = ProducerConfig.MAX_BLOCK_MS_CONFIG;

    private static final Pattern HIDDEN =
            Pattern.compile(".*(password|secret|jaas|credentials|token).*|.*\\.key|.*user\\.info");
    private static final Set<String> SERDE_KEYS = SerdeConfig.configDef().names();
    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final Map<String, Object> originals;
    private final Map<String, Object> parsed;
    private final Map<String, Object> passThrough;
    private final SerdeConfig serdeConfig;
    private final String sourceSystem;
    private final String defaultPurpose;
    private final LegalBasis defaultLegalBasis;

    private EmitterConfig(Map<String, ?> originals) {
        this.originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
        this.parsed = CONFIG_DEF.parse(this.originals);
        this.serdeConfig = SerdeConfig.fromMap(this.originals);
        this.passThrough = passThrough(this.originals);
        // Read once: every event consults them.
        this.sourceSystem = (String) parsed.get(SOURCE_SYSTEM);
        String purpose = (String) parsed.get(DEFAULT_PURPOSE);
        this.defaultPurpose = purpose == null || purpose.isBlank() ? null : purpose;
        String basis = (String) parsed.get(DEFAULT_LEGAL_BASIS);
        this.defaultLegalBasis = basis == null || basis.isBlank()
                ? null
                : LegalBasis.valueOf(basis.strip().toUpperCase(Locale.ROOT));
        long linger = (Integer) parsed.get(LINGER_MS);
        long request = (Integer) parsed.get(REQUEST_TIMEOUT_MS);
        long delivery = (Integer) parsed.get(DELIVERY_TIMEOUT_MS);
        if (delivery < linger + request) {
            throw new ConfigException(
                    DELIVERY_TIMEOUT_MS,
                    delivery,
                    "must be at least " + LINGER_MS + " + " + REQUEST_TIMEOUT_MS + " = " + (linger + request)
                            + "; lower " + REQUEST_TIMEOUT_MS + " too");
        }
    }

    /**
     * Reads the settings from Kafka-style properties; keys this class does not know are ignored
     * unless they start with {@value #PRODUCER_PREFIX}.
     *
     * @throws ConfigException naming the key, the value and what was expected
     */
    public static EmitterConfig fromMap(Map<String, ?> settings) {
        return new EmitterConfig(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Reads every key from variables named {@value #ENVIRONMENT_PREFIX} plus the key in upper case
     * with dots as underscores, and producer pass-through settings from
     * {@code WHEREABOUTS_EMITTER_PRODUCER_*} ({@code WHEREABOUTS_EMITTER_PRODUCER_SASL_MECHANISM}
     * is {@code producer.sasl.mechanism}).
     *
     * @param environment usually {@link System#getenv()}
     * @throws ConfigException naming the key, the value and what was expected
     */
    public static EmitterConfig fromEnvironment(Map<String, String> environment) {
        return fromMap(settingsFromEnvironment(environment));
    }

    /** The settings {@link #fromEnvironment} finds, as Kafka-style keys; nothing is validated yet. */
    static Map<String, Object> settingsFromEnvironment(Map<String, String> environment) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String name : CONFIG_DEF.names()) {
            String value = environment.get(environmentVariable(name));
            if (value != null) {
                settings.put(name, value);
            }
        }
        String producerPrefix = environmentVariable(PRODUCER_PREFIX);
        environment.forEach((variable, value) -> {
            if (variable.startsWith(producerPrefix) && variable.length() > producerPrefix.length()) {
                String key = variable.substring(producerPrefix.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                settings.put(PRODUCER_PREFIX + key, value);
            }
        });
        return settings;
    }

    /** The environment variable for {@code key}, e.g. {@code WHEREABOUTS_EMITTER_LINGER_MS}. */
    public static String environmentVariable(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Definitions (name, type, default, validator, doc) of every key, serde keys included. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    /** See {@link #BOOTSTRAP_SERVERS}; empty when not set. */
    public List<String> bootstrapServers() {
        @SuppressWarnings("unchecked")
        List<String> servers = (List<String>) parsed.get(BOOTSTRAP_SERVERS);
        return servers;
    }

    /** See {@link #SOURCE_SYSTEM}. */
    public String sourceSystem() {
        return sourceSystem;
    }

    /** See {@link #DEFAULT_PURPOSE}. */
    public Optional<String> defaultPurpose() {
        return Optional.ofNullable(defaultPurpose);
    }

    /** See {@link #DEFAULT_LEGAL_BASIS}. */
    public Optional<LegalBasis> defaultLegalBasis() {
        return Optional.ofNullable(defaultLegalBasis);
    }

    String defaultPurposeOrNull() {
        return defaultPurpose;
    }

    LegalBasis defaultLegalBasisOrNull() {
        return defaultLegalBasis;
    }

    /** See {@link #MAX_PENDING_EVENTS}. */
    public int maxPendingEvents() {
        return (Integer) parsed.get(MAX_PENDING_EVENTS);
    }

    /** See {@link #DELIVERY_TIMEOUT_MS}. */
    public Duration deliveryTimeout() {
        return Duration.ofMillis((Integer) parsed.get(DELIVERY_TIMEOUT_MS));
    }

    /** See {@link #MAX_BLOCK_MS}. */
    public Duration maxBlock() {
        return Duration.ofMillis((Long) parsed.get(MAX_BLOCK_MS));
    }

    /** See {@link #CLOSE_TIMEOUT_MS}. */
    public Duration closeTimeout() {
        return Duration.ofMillis((Long) parsed.get(CLOSE_TIMEOUT_MS));
    }

    /** The registry and subject-naming settings, read from the same keys. */
    public SerdeConfig serdeConfig() {
        return serdeConfig;
    }

    /** Properties for the {@code KafkaProducer}: the producer keys above plus every pass-through setting. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new LinkedHashMap<>(passThrough);
        props.put(BOOTSTRAP_SERVERS, String.join(",", bootstrapServers()));
        String clientId = (String) parsed.get(CLIENT_ID);
        props.put(
                CLIENT_ID, clientId == null || clientId.isBlank() ? "whereabouts-emitter-" + sourceSystem() : clientId);
        for (String key : List.of(
                ACKS,
                ENABLE_IDEMPOTENCE,
                COMPRESSION_TYPE,
                LINGER_MS,
                BATCH_SIZE,
                MAX_IN_FLIGHT,
                DELIVERY_TIMEOUT_MS,
                REQUEST_TIMEOUT_MS,
                MAX_BLOCK_MS)) {
            props.put(key, parsed.get(key));
        }
        return props;
    }

    /** Every value; secrets (basic auth, passwords, JAAS configs) hidden. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String name : CONFIG_DEF.names()) {
            if (!SERDE_KEYS.contains(name)) {
                shown.put(name, parsed.get(name));
            }
        }
        passThrough.forEach(
                (k, v) -> shown.put(PRODUCER_PREFIX + k, HIDDEN.matcher(k).matches() ? "[hidden]" : v));
        return "EmitterConfig" + shown + " " + serdeConfig;
    }

    private static Map<String, Object> passThrough(Map<String, Object> originals) {
        Map<String, Object> passThrough = new LinkedHashMap<>();
        originals.forEach((key, value) -> {
            if (!key.startsWith(PRODUCER_PREFIX)) {
                return;
            }
            String producerKey = key.substring(PRODUCER_PREFIX.length());
            if (CONFIG_DEF.names().contains(producerKey)) {
                throw new ConfigException(
                        key,
                        "[as given]",
                        "set " + producerKey + " directly, not with the " + PRODUCER_PREFIX + " prefix");
            }
            if (producerKey.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)
                    || producerKey.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)
                    || producerKey.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                throw new ConfigException(
                        key, "[as given]", "the emitter sets its own serializers and does not use" + " transactions");
            }
            passThrough.put(producerKey, value);
        });
        return passThrough;
    }

    private static ConfigDef buildConfigDef() {
        return new ConfigDef(SerdeConfig.configDef())
                .define(
                        BOOTSTRAP_SERVERS,
                        Type.LIST,
                        "",
                        Importance.HIGH,
                        "Kafka brokers as host:port, comma-separated. Required unless a producer is injected.")
                .define(
                        SOURCE_SYSTEM,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        EmitterConfig::validateId,
                        Importance.HIGH,
                        "Id of the emitting service, written into every event as sourceSystem.")
                .define(
                        DEFAULT_PURPOSE,
                        Type.STRING,
                        null,
                        EmitterConfig::validateOptionalId,
                        Importance.MEDIUM,
                        "Purpose id used when an event names none.")
                .define(
                        DEFAULT_LEGAL_BASIS,
                        Type.STRING,
                        null,
                        EmitterConfig::validateLegalBasis,
                        Importance.MEDIUM,
                        "Legal basis used when an event names none: " + legalBases() + ".")
                .define(
                        MAX_PENDING_EVENTS,
                        Type.INT,
                        10_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "Accepted events that may wait for the broker at once; beyond it new events are rejected.")
                .define(
                        CLOSE_TIMEOUT_MS,
                        Type.LONG,
                        30_000L,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "How long close() waits for pending events before reporting them failed.")
                .define(
                        CLIENT_ID,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        "Kafka client id; default whereabouts-emitter-<source.system>.")
                .define(
                        ACKS,
                        Type.STRING,
                        "all",
                        ConfigDef.ValidString.in("all", "-1", "1", "0"),
                        Importance.MEDIUM,
                        "Broker acknowledgements required: all, so an acknowledged event survives a broker loss.")
                .define(
                        ENABLE_IDEMPOTENCE,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Idempotent producer: retries never duplicate or reorder events.")
                .define(
                        COMPRESSION_TYPE,
                        Type.STRING,
                        "lz4",
                        ConfigDef.ValidString.in("none", "gzip", "snappy", "lz4", "zstd"),
                        Importance.LOW,
                        "Batch compression.")
                .define(
                        LINGER_MS,
                        Type.INT,
                        10,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Milliseconds the producer waits to fill a batch.")
                .define(
                        BATCH_SIZE,
                        Type.INT,
                        64 * 1024,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Bytes per partition batch.")
                .define(
                        MAX_IN_FLIGHT,
                        Type.INT,
                        5,
                        ConfigDef.Range.between(1, 5),
                        Importance.LOW,
                        "Unacknowledged requests per broker connection; at most 5 keeps idempotent order.")
                .define(
                        DELIVERY_TIMEOUT_MS,
                        Type.INT,
                        120_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "Milliseconds from accepting an event to reporting it TIMED_OUT if not acknowledged.")
                .define(
                        REQUEST_TIMEOUT_MS,
                        Type.INT,
                        30_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Milliseconds the producer waits for one broker response.")
                .define(
                        MAX_BLOCK_MS,
                        Type.LONG,
                        50L,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Milliseconds the sender thread waits in one attempt for metadata or buffer space;"
                                + " the calling thread never waits for Kafka.");
    }

    private static void validateId(String name, Object value) {
        boolean purpose = DEFAULT_PURPOSE.equals(name);
        boolean valid = value instanceof String id && (purpose ? PurposeId.isValid(id) : SourceSystemId.isValid(id));
        if (!valid) {
            throw new ConfigException(
                    name,
                    value,
                    "must be "
                            + (purpose
                                    ? PurposeId.RULE + " (a catalog purpose id such as system-mail)"
                                    : SourceSystemId.RULE + " (a system id such as checkout-service)"));
        }
    }

    private static void validateOptionalId(String name, Object value) {
        if (value != null && !((String) value).isBlank()) {
            validateId(name, value);
        }
    }

    private static void validateLegalBasis(String name, Object value) {
        if (value == null || ((String) value).isBlank()) {
            return;
        }
        String upper = ((String) value).strip().toUpperCase(Locale.ROOT);
        if (upper.equals(LegalBasis.UNSPECIFIED.name())
                || Arrays.stream(LegalBasis.values()).noneMatch(b -> b.name().equals(upper))) {
            throw new ConfigException(name, value, "expected one of " + legalBases());
        }
    }

    private static String legalBases() {
        return Arrays.stream(LegalBasis.values())
                .filter(b -> b != LegalBasis.UNSPECIFIED)
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
