package dev.whereabouts.model.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerdeConfigTest {

    @Test
    void shouldDefaultLikeConfluent() {
        SerdeConfig config = SerdeConfig.defaults();

        assertThat(config.schemaRegistryUrls()).isEmpty();
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.keySubjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.valueSubjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.basicAuthCredentialsSource()).isEqualTo("URL");
        assertThat(config.basicAuthCredentials()).isEmpty();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.maxSchemasPerSubject()).isEqualTo(1000);
        assertThat(config.latestCacheTtl()).isEmpty();
        assertThat(config.httpConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.httpReadTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadConfluentStylePropertiesIgnoringUnrelatedKeys() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("schema.registry.url", "http://registry-a:8081, https://registry-b:8081/ccompat");
        props.put("auto.register.schemas", "false");
        props.put("use.latest.version", true);
        props.put("key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        props.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        props.put("basic.auth.credentials.source", "USER_INFO");
        props.put("basic.auth.user.info", "svc:secret");
        props.put("specific.avro.reader", "TRUE");
        props.put("max.schemas.per.subject", 50);
        props.put("latest.cache.ttl.sec", "30");

        SerdeConfig config = SerdeConfig.fromMap(props);

        assertThat(config.schemaRegistryUrls())
                .containsExactly(URI.create("http://registry-a:8081"), URI.create("https://registry-b:8081/ccompat"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.keySubjectNameStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(config.valueSubjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(config.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(config.basicAuthCredentials()).contains("svc:secret");
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.maxSchemasPerSubject()).isEqualTo(50);
        assertThat(config.latestCacheTtl()).contains(Duration.ofSeconds(30));
    }

    @Test
    void shouldAcceptOurEnumNamesAndEnumInstancesForStrategies() {
        SerdeConfig config = SerdeConfig.fromMap(Map.of(
                "key.subject.name.strategy",
                "topic_record_name",
                "value.subject.name.strategy",
                SubjectNameStrategy.RECORD_NAME));

        assertThat(config.keySubjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(config.valueSubjectNameStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "auto.register.schemas | yes | Invalid value yes for configuration auto.register.schemas: Expected value to be either true or false",
                "use.latest.version | 1 | Invalid value 1 for configuration use.latest.version: Expected value to be either true or false",
                "schema.registry.url | ftp://registry:21 | Invalid value ftp://registry:21 for configuration schema.registry.url: 'ftp://registry:21' is not an http or https URL",
                "schema.registry.url | registry:8081 | Invalid value registry:8081 for configuration schema.registry.url: 'registry:8081' is not an http or https URL",
                "schema.registry.url | http://registry:8081?x=1 | Invalid value http://registry:8081?x=1 for configuration schema.registry.url: 'http://registry:8081?x=1' must not have a query or fragment",
                "value.subject.name.strategy | io.confluent.kafka.serializers.subject.NoSuchStrategy | Invalid value io.confluent.kafka.serializers.subject.NoSuchStrategy for configuration value.subject.name.strategy: unknown subject name strategy 'io.confluent.kafka.serializers.subject.NoSuchStrategy'; expected one of TOPIC_NAME (io.confluent.kafka.serializers.subject.TopicNameStrategy), RECORD_NAME (io.confluent.kafka.serializers.subject.RecordNameStrategy), TOPIC_RECORD_NAME (io.confluent.kafka.serializers.subject.TopicRecordNameStrategy)",
                "basic.auth.credentials.source | SASL_INHERIT | Invalid value SASL_INHERIT for configuration basic.auth.credentials.source: SASL_INHERIT is not supported by this client; use USER_INFO with basic.auth.user.info=user:password",
                "basic.auth.credentials.source | TOKEN | Invalid value TOKEN for configuration basic.auth.credentials.source: expected URL or USER_INFO",
                "max.schemas.per.subject | 0 | Invalid value 0 for configuration max.schemas.per.subject: Value must be at least 1",
                "max.schemas.per.subject | many | Invalid value many for configuration max.schemas.per.subject: Not a number of type INT",
                "latest.cache.ttl.sec | -2 | Invalid value -2 for configuration latest.cache.ttl.sec: Value must be at least -1",
                "http.read.timeout.ms | 0 | Invalid value 0 for configuration http.read.timeout.ms: Value must be at least 1"
            })
    void shouldRejectBadValuesNamingKeyValueAndExpectation(String key, String value, String message) {
        assertThatThrownBy(() -> SerdeConfig.fromMap(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void shouldRequireUserAndPasswordWhenCredentialsComeFromUserInfo() {
        assertThatThrownBy(() -> SerdeConfig.fromMap(
                        Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "just-a-token")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid value [hidden] for configuration basic.auth.user.info: must be 'user:password' with a non-empty user"
                                + " when basic.auth.credentials.source=USER_INFO");
    }

    @Test
    void shouldTakeCredentialsFromUrlUserInfoByDefault() {
        SerdeConfig config = SerdeConfig.fromMap(Map.of("schema.registry.url", "https://reader:p%40ss@registry:8081"));

        assertThat(config.basicAuthCredentials()).contains("reader:p@ss");
    }

    @Test
    void shouldHideSecretsInToString() {
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl("https://reader:url-secret@registry:8081")
                .basicAuthUserInfo("svc:info-secret")
                .build();

        assertThat(config.toString())
                .doesNotContain("url-secret")
                .doesNotContain("info-secret")
                .contains("https://[hidden]@registry:8081");
    }

    @Test
    void shouldRoundTripThroughBuilderAndMap() {
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl("http://a:8081", "http://b:8081")
                .autoRegisterSchemas(false)
                .useLatestVersion(true)
                .keySubjectNameStrategy(SubjectNameStrategy.RECORD_NAME)
                .valueSubjectNameStrategy(SubjectNameStrategy.TOPIC_RECORD_NAME)
                .basicAuthUserInfo("u:p")
                .specificAvroReader(true)
                .maxSchemasPerSubject(10)
                .latestCacheTtl(Duration.ofMinutes(1))
                .httpConnectTimeout(Duration.ofSeconds(2))
                .httpReadTimeout(Duration.ofSeconds(3))
                .build();

        assertThat(SerdeConfig.fromMap(config.toMap())).isEqualTo(config);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.latestCacheTtl()).isEqualTo(Optional.of(Duration.ofSeconds(60)));
    }

    @Test
    void shouldReadEveryKeyFromPrefixedEnvironmentVariables() {
        Map<String, String> env = Map.of(
                "WHEREABOUTS_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "WHEREABOUTS_AUTO_REGISTER_SCHEMAS", "false",
                "WHEREABOUTS_VALUE_SUBJECT_NAME_STRATEGY", "RecordNameStrategy",
                "PATH", "/usr/bin");

        SerdeConfig config = SerdeConfig.fromEnvironment("WHEREABOUTS_", env);

        assertThat(config.schemaRegistryUrls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.valueSubjectNameStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SerdeConfig.environmentVariable("WHEREABOUTS_", SerdeConfig.HTTP_READ_TIMEOUT_MS))
                .isEqualTo("WHEREABOUTS_HTTP_READ_TIMEOUT_MS");
    }

    @Test
    void shouldDocumentEveryKeyWithDefaultAndDoc() {
        assertThat(SerdeConfig.configDef().configKeys().values()).hasSize(12).allSatisfy(key -> {
            assertThat(key.documentation).isNotBlank();
            assertThat(key.hasDefault()).as(key.name).isTrue();
        });
        assertThat(SerdeConfig.configDef().names())
                .containsAll(SerdeConfig.defaults().toMap().keySet());
    }

    @Test
    void shouldRequireRegistryUrlWhenSerializerIsConfiguredFromProperties() {
        assertThatThrownBy(() -> new AvroSerializer<Object>().configure(Map.of("auto.register.schemas", "true"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Missing required configuration \"schema.registry.url\" which has no default value.");
        assertThatThrownBy(() -> new AvroDeserializer<Object>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
