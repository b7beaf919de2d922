package dev.whereabouts.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmitterConfigTest {

    private static final Map<String, Object> MINIMAL = Map.of(
            EmitterConfig.SOURCE_SYSTEM, "checkout", EmitterConfig.BOOTSTRAP_SERVERS, "kafka-1:9092,kafka-2:9092");

    @Test
    void shouldGiveTheProducerSafeDefaults() {
        // Given only what is required
        EmitterConfig config = EmitterConfig.fromMap(MINIMAL);

        // Then the producer is durable, idempotent, compact on the wire, and never blocks for long
        assertThat(config.producerProperties())
                .contains(
                        entry("bootstrap.servers", "kafka-1:9092,kafka-2:9092"),
                        entry("client.id", "whereabouts-emitter-checkout"),
                        entry("acks", "all"),
                        entry("enable.idempotence", true),
                        entry("compression.type", "lz4"),
                        entry("linger.ms", 10),
                        entry("batch.size", 65536),
                        entry("max.in.flight.requests.per.connection", 5),
                        entry("delivery.timeout.ms", 120_000),
                        entry("request.timeout.ms", 30_000),
                        entry("max.block.ms", 50L));
        assertThat(config.maxPendingEvents()).isEqualTo(10_000);
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.defaultPurpose()).isEmpty();
        assertThat(config.defaultLegalBasis()).isEmpty();
    }

    @Test
    void shouldDefineEveryKeyWithADocAndADefaultOrRequirement() {
        ConfigDef def = EmitterConfig.configDef();

        for (String key : new String[] {
            "bootstrap.servers",
            "schema.registry.url",
            "source.system",
            "default.purpose",
            "default.legal.basis",
            "max.pending.events",
            "close.timeout.ms",
            "client.id",
            "acks",
            "enable.idempotence",
            "compression.type",
            "linger.ms",
            "batch.size",
            "max.in.flight.requests.per.connection",
            "delivery.timeout.ms",
            "request.timeout.ms",
            "max.block.ms"
        }) {
            assertThat(def.configKeys()).containsKey(key);
            assertThat(def.configKeys().get(key).documentation).as(key).isNotBlank();
        }
    }

    @Test
    void shouldReadEverySettingFromWhereaboutsEmitterVariables() {
        // Given the environment of a deployed service
        Map<String, String> env = Map.of(
                "WHEREABOUTS_EMITTER_BOOTSTRAP_SERVERS", "kafka:9093",
                "WHEREABOUTS_EMITTER_SCHEMA_REGISTRY_URL", "https://registry.internal:8081",
                "WHEREABOUTS_EMITTER_SOURCE_SYSTEM", "billing",
                "WHEREABOUTS_EMITTER_DEFAULT_PURPOSE", "invoicing",
                "WHEREABOUTS_EMITTER_DEFAULT_LEGAL_BASIS", "legal_obligation",
                "WHEREABOUTS_EMITTER_MAX_PENDING_EVENTS", "500",
                "WHEREABOUTS_EMITTER_LINGER_MS", "5",
                "WHEREABOUTS_EMITTER_PRODUCER_SECURITY_PROTOCOL", "SASL_SSL",
                "WHEREABOUTS_EMITTER_PRODUCER_SASL_MECHANISM", "SCRAM-SHA-512",
                "UNRELATED", "x");

        // When the config is read
        EmitterConfig config = EmitterConfig.fromEnvironment(env);

        // Then every variable lands on its key, producer pass-throughs included
        assertThat(config.sourceSystem()).isEqualTo("billing");
        assertThat(config.defaultPurpose()).contains("invoicing");
        assertThat(config.defaultLegalBasis()).contains(LegalBasis.LEGAL_OBLIGATION);
        assertThat(config.maxPendingEvents()).isEqualTo(500);
        assertThat(config.serdeConfig().schemaRegistryUrls())
                .containsExactly(URI.create("https://registry.internal:8081"));
        assertThat(config.producerProperties())
                .contains(
                        entry("bootstrap.servers", "kafka:9093"),
                        entry("linger.ms", 5),
                        entry("security.protocol", "SASL_SSL"),
                        entry("sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(EmitterConfig.environmentVariable(EmitterConfig.MAX_BLOCK_MS))
                .isEqualTo("WHEREABOUTS_EMITTER_MAX_BLOCK_MS");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            max.pending.events   | 0              | Value must be at least 1
            acks                 | 2              | String must be one of: all, -1, 1, 0
            compression.type     | brotli         | String must be one of: none, gzip, snappy, lz4, zstd
            linger.ms            | soon           | Not a number of type INT
            max.in.flight.requests.per.connection | 6 | Value must be no more than 5
            source.system        | Checkout Svc   | must be 1 to 128 lower-case letters
            default.purpose      | Mail!          | must be 1 to 128 lower-case letters
            default.legal.basis  | because        | expected one of CONSENT, CONTRACT, LEGAL_OBLIGATION
            default.legal.basis  | UNSPECIFIED    | expected one of CONSENT
            schema.registry.url  | ftp://registry | is not an http or https URL
            """)
    void shouldRejectAnInvalidSettingNamingTheKey(String key, String value, String expected) {
        Map<String, Object> settings = new HashMap<>(MINIMAL);
        settings.put(key, value);

        assertThatThrownBy(() -> EmitterConfig.fromMap(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(expected);
    }

    @Test
    void shouldRequireTheSourceSystem() {
        assertThatThrownBy(() -> EmitterConfig.fromMap(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing required configuration \"source.system\"");
    }

    @Test
    void shouldExplainADeliveryTimeoutShorterThanLingerPlusRequestTimeout() {
        Map<String, Object> settings = new HashMap<>(MINIMAL);
        settings.put(EmitterConfig.DELIVERY_TIMEOUT_MS, 5_000);

        assertThatThrownBy(() -> EmitterConfig.fromMap(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.timeout.ms")
                .hasMessageContaining(
                        "must be at least linger.ms + request.timeout.ms = 30010; lower request.timeout.ms too");
    }

    @Test
    void shouldRefuseAPassThroughOfASettingTheEmitterManages() {
        Map<String, Object> settings = new HashMap<>(MINIMAL);
        settings.put("producer.acks", "1");

        assertThatThrownBy(() -> EmitterConfig.fromMap(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set acks directly, not with the producer. prefix");
    }

    @Test
    void shouldHideSecretsWhenPrinted() {
        Map<String, Object> settings = new HashMap<>(MINIMAL);
        settings.put(
                "producer.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"svc\" password=\"hunter2\";");
        settings.put("producer.ssl.key.password", "hunter3");
        settings.put("basic.auth.credentials.source", "USER_INFO");
        settings.put("basic.auth.user.info", "svc:hunter4");

        String printed = EmitterConfig.fromMap(settings).toString();

        assertThat(printed)
                .doesNotContain("hunter2")
                .doesNotContain("hunter3")
                .doesNotContain("hunter4")
                .contains("producer.sasl.jaas.config=[hidden]");
    }

    @Test
    void shouldRefuseToBuildWithoutAPseudonymiser() {
        assertThatThrownBy(() -> WhereaboutsEmitter.builder()
                        .sourceSystem("checkout")
                        .bootstrapServers("kafka:9092")
                        .schemaRegistryUrl("http://registry:8081")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a Pseudonymiser is required")
                .hasMessageContaining("WHEREABOUTS_PSEUDONYM_KEYS");
    }

    @Test
    void shouldRefuseToBuildWithoutBrokersOrRegistry() {
        EmitterBuilder noBrokers = WhereaboutsEmitter.builder()
                .sourceSystem("checkout")
                .pseudonymiser(MockKafka.PSEUDONYMISER)
                .schemaRegistryUrl("http://registry:8081");
        EmitterBuilder noRegistry = WhereaboutsEmitter.builder()
                .sourceSystem("checkout")
                .pseudonymiser(MockKafka.PSEUDONYMISER)
                .bootstrapServers("kafka:9092");

        assertThatThrownBy(noBrokers::build)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(noRegistry::build)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldBuildFromTheEnvironmentAloneWithoutContactingAnything() {
        // Given a service configured only through its environment, brokers and registry not running
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> env = Map.of(
                "WHEREABOUTS_EMITTER_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "WHEREABOUTS_EMITTER_SCHEMA_REGISTRY_URL",
                "http://127.0.0.1:1",
                "WHEREABOUTS_EMITTER_SOURCE_SYSTEM",
                "checkout",
                PseudonymisationKeys.ENVIRONMENT_VARIABLE,
                "k-env:" + secret);

        // When it builds the emitter / Then it gets one, and closing it is quick
        WhereaboutsEmitter emitter =
                WhereaboutsEmitter.builder().fromEnvironment(env).build();
        assertThat(emitter.metrics().pending()).isZero();
        emitter.close(Duration.ofSeconds(5));
    }
}
