package dev.whereabouts.emitter;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds a {@link WhereaboutsEmitter}. Required: {@link #sourceSystem}, a {@link #pseudonymiser},
 * {@link #bootstrapServers} and a registry ({@link #schemaRegistryUrl} or {@link #schemaRegistry}).
 * Everything else has a safe default ({@link EmitterConfig}). Settings given later replace earlier
 * ones, whichever method set them.
 */
public final class EmitterBuilder {

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private Pseudonymiser pseudonymiser;
    private SchemaRegistryClient registry;
    private Producer<String, SharingEvent> producer;
    private Consumer<FailedEvent> onFailure;
    private Clock clock = Clock.systemUTC();

    EmitterBuilder() {}

    /** {@value EmitterConfig#BOOTSTRAP_SERVERS}: {@code host:port[,host:port...]}. */
    public EmitterBuilder bootstrapServers(String bootstrapServers) {
        return set(EmitterConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }

    /** {@value EmitterConfig#SCHEMA_REGISTRY_URL}: the emitter creates and closes its own caching client. */
    public EmitterBuilder schemaRegistryUrl(String url) {
        return set(EmitterConfig.SCHEMA_REGISTRY_URL, url);
    }

    /** A registry client to use instead of a URL; the caller keeps ownership and closes it. */
    public EmitterBuilder schemaRegistry(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** {@value EmitterConfig#SOURCE_SYSTEM}: the emitting service's id. */
    public EmitterBuilder sourceSystem(String sourceSystem) {
        return set(EmitterConfig.SOURCE_SYSTEM, sourceSystem);
    }

    /**
     * How identifiers are pseudonymised; must be the platform's keys and normalisation rules
     * ({@link Pseudonymiser#fromEnvironment}), or lookups will not find this service's events.
     */
    public EmitterBuilder pseudonymiser(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        return this;
    }

    /** {@value EmitterConfig#DEFAULT_PURPOSE}. */
    public EmitterBuilder defaultPurpose(String purpose) {
        return set(EmitterConfig.DEFAULT_PURPOSE, purpose);
    }

    /** {@value EmitterConfig#DEFAULT_LEGAL_BASIS}. */
    public EmitterBuilder defaultLegalBasis(LegalBasis legalBasis) {
        return set(EmitterConfig.DEFAULT_LEGAL_BASIS, legalBasis == null ? null : legalBasis.name());
    }

    /** {@value EmitterConfig#MAX_PENDING_EVENTS}. */
    public EmitterBuilder maxPendingEvents(int maxPendingEvents) {
        return set(EmitterConfig.MAX_PENDING_EVENTS, maxPendingEvents);
    }

    /** {@value EmitterConfig#DELIVERY_TIMEOUT_MS}. */
    public EmitterBuilder deliveryTimeout(Duration timeout) {
        return set(EmitterConfig.DELIVERY_TIMEOUT_MS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * Called once for every event that fails or is rejected, with pseudonyms only, just before
     * the event's stage completes. Runs on the producer's network thread or the emitter's sender
     * thread (on the caller's thread for events rejected at once): keep it short and
     * non-blocking. Exceptions it throws are logged and ignored. Without a callback, failures are
     * logged as warnings, at most one line per 10 seconds.
     */
    public EmitterBuilder onFailure(Consumer<FailedEvent> onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        return this;
    }

    /** Any {@link EmitterConfig} key, serde key or {@code producer.*} pass-through setting. */
    public EmitterBuilder set(String key, Object value) {
        settings.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /**
     * Kafka client properties as a host service holds them (bootstrap servers, TLS, SASL, tuning): a
     * key the emitter declares is set as it is, any other passes through to the producer as if given
     * with the {@value EmitterConfig#PRODUCER_PREFIX} prefix. The platform's services hand their
     * {@code kafka.client.*} settings over this way.
     */
    public EmitterBuilder kafkaClient(Map<String, ?> properties) {
        Set<String> declared = EmitterConfig.configDef().names();
        properties.forEach(
                (key, value) -> set(declared.contains(key) ? key : EmitterConfig.PRODUCER_PREFIX + key, value));
        return this;
    }

    /** Many settings at once, as Kafka-style properties. */
    public EmitterBuilder configure(Map<String, ?> settings) {
        settings.forEach(this::set);
        return this;
    }

    /**
     * Every {@code WHEREABOUTS_EMITTER_*} variable (see {@link EmitterConfig#fromEnvironment}),
     * and, when {@value PseudonymisationKeys#ENVIRONMENT_VARIABLE} is set, the pseudonymiser from
     * it ({@link Pseudonymiser#fromEnvironment}).
     *
     * @param environment usually {@link System#getenv()}
     * @throws IllegalArgumentException when the pseudonymisation variables are malformed
     */
    public EmitterBuilder fromEnvironment(Map<String, String> environment) {
        configure(EmitterConfig.settingsFromEnvironment(environment));
        if (environment.get(PseudonymisationKeys.ENVIRONMENT_VARIABLE) != null) {
            pseudonymiser(Pseudonymiser.fromEnvironment(environment));
        }
        return this;
    }

    /** The clock that dates events emitted without {@code at(...)}; for tests. */
    public EmitterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sends through this producer instead of building a {@code KafkaProducer}; for tests with
     * Kafka's {@code MockProducer}, configured with the serializers of {@link TopicSerdes}. The
     * emitter closes it. Bootstrap servers and registry are then not needed.
     */
    public EmitterBuilder producer(Producer<String, SharingEvent> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
        return this;
    }

    /**
     * Validates the settings and starts the emitter (its sender thread, and a {@code KafkaProducer}
     * unless one was injected). Does not contact the broker or the registry, so it succeeds while
     * they are down.
     *
     * @throws ConfigException naming the key for a missing or invalid setting
     * @throws IllegalStateException when no pseudonymiser was given
     */
    public WhereaboutsEmitter build() {
        EmitterConfig config = EmitterConfig.fromMap(settings);
        if (pseudonymiser == null) {
            throw new IllegalStateException("a Pseudonymiser is required: pass the platform's keys with"
                    + " pseudonymiser(Pseudonymiser.fromEnvironment(System.getenv())), or set "
                    + PseudonymisationKeys.ENVIRONMENT_VARIABLE + " and call fromEnvironment(System.getenv())");
        }
        if (producer != null) {
            return new KafkaEmitter(config, pseudonymiser, producer, null, onFailure, clock);
        }
        if (config.bootstrapServers().isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + EmitterConfig.BOOTSTRAP_SERVERS
                    + "\" which has no default value.");
        }
        SerdeConfig serdeConfig = config.serdeConfig();
        SchemaRegistryClient client = registry;
        SchemaRegistryClient owned = null;
        if (client == null) {
            if (serdeConfig.schemaRegistryUrls().isEmpty()) {
                throw new ConfigException("Missing required configuration \"" + EmitterConfig.SCHEMA_REGISTRY_URL
                        + "\" which has no default value (or pass a client with schemaRegistry(...)).");
            }
            owned = CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(serdeConfig), serdeConfig);
            client = owned;
        }
        try {
            // Serializers built once from the topic catalogue: the record path allocates nothing
            // for them, and the schema id is cached after the first event.
            TopicSerdes serdes = new TopicSerdes(client, serdeConfig);
            KafkaProducer<String, SharingEvent> kafka = new KafkaProducer<>(
                    config.producerProperties(),
                    serdes.keySerde(Topics.SHARING_EVENTS).serializer(),
                    serdes.valueSerde(Topics.SHARING_EVENTS).serializer());
            return new KafkaEmitter(config, pseudonymiser, kafka, owned, onFailure, clock);
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.close();
            }
            throw e;
        }
    }
}
