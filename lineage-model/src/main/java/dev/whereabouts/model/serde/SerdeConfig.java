package dev.whereabouts.model.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Immutable configuration of the serde and its registry client.
 *
 * <p>Keys are the ones Confluent's {@code KafkaAvroSerializer} and {@code KafkaAvroDeserializer}
 * read, so producer, consumer and Streams properties written for Confluent work unchanged. Each
 * key is a constant here with its name, default and meaning; {@link #configDef()} exposes the
 * same definitions for generated documentation. Build one with {@link #builder()}, from Kafka
 * properties with {@link #fromMap(Map)}, or from environment variables with {@link
 * #fromEnvironment(String, Map)}. Every route validates the same way and rejects bad values
 * with a {@link ConfigException} naming the key, the value and what was expected.
 */
public final class SerdeConfig {

    /**
     * {@code schema.registry.url}: base URL of the Schema Registry, {@code http} or {@code https},
     * optionally with a path prefix (e.g. Apicurio's {@code /apis/ccompat/v7}). A comma-separated
     * list is accepted: the first URL is used, the others only when it cannot be reached. Default:
     * none; required by {@link AvroSerializer#configure} and {@link AvroDeserializer#configure},
     * not needed when a {@link SchemaRegistryClient} is passed in.
     */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /**
     * {@code auto.register.schemas}: whether the serializer registers the value's schema under its
     * subject on first use. When false it only looks the schema up and fails on {@code 40401} or
     * {@code 40403} if nobody registered it. Default: {@code true}.
     */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    /**
     * {@code use.latest.version}: when {@code auto.register.schemas} is false, write every value
     * with the latest schema of its subject instead of looking up the value's own schema; the
     * latest schema must be able to read the value's schema. Default: {@code false}.
     */
    public static final String USE_LATEST_VERSION = "use.latest.version";

    /**
     * {@code key.subject.name.strategy}: how to name the subject for message keys; a {@link
     * SubjectNameStrategy} constant or Confluent's class name. Default: {@code TOPIC_NAME}.
     */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

    /**
     * {@code value.subject.name.strategy}: how to name the subject for message values; a {@link
     * SubjectNameStrategy} constant or Confluent's class name. Default: {@code TOPIC_NAME}.
     */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    /**
     * {@code basic.auth.credentials.source}: where HTTP basic-auth credentials come from: {@code
     * USER_INFO} reads {@code basic.auth.user.info}; {@code URL} takes the user info of the
     * registry URL ({@code https://user:pass@host}), and sends none when the URL has none.
     * Default: {@code URL}, as Confluent's.
     */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

    /**
     * {@code basic.auth.user.info}: {@code user:password} for HTTP basic auth when {@code
     * basic.auth.credentials.source=USER_INFO}. Hidden in {@link #toString()}. Default: empty.
     */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    /**
     * {@code specific.avro.reader}: whether a deserializer without a configured specific type
     * returns the generated class named by the writer schema instead of a {@code GenericRecord}.
     * Default: {@code false}.
     */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    /**
     * {@code max.schemas.per.subject}: capacity of each client-side cache (schema to id, id to
     * schema, latest per subject); bounds memory when schemas are generated at run time. Default:
     * {@code 1000}.
     */
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

    /**
     * {@code latest.cache.ttl.sec}: how long the latest version of a subject is cached for {@code
     * use.latest.version}; {@code -1} caches it until restart. Default: {@code -1}, as Confluent's.
     */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    /**
     * {@code http.connect.timeout.ms}: TCP/TLS connect timeout for registry calls. Default: {@code
     * 10000} (Confluent: 60000; a producer blocked a minute on a dead registry is worse than an
     * early, retriable error).
     */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

    /**
     * {@code http.read.timeout.ms}: time allowed for a registry call to answer once connected.
     * Default: {@code 30000} (Confluent: 60000).
     */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

    /** Value of {@link #BASIC_AUTH_CREDENTIALS_SOURCE} that reads {@link #BASIC_AUTH_USER_INFO}. */
    public static final String CREDENTIALS_SOURCE_USER_INFO = "USER_INFO";

    /** Value of {@link #BASIC_AUTH_CREDENTIALS_SOURCE} that reads the registry URL's user info. */
    public static final String CREDENTIALS_SOURCE_URL = "URL";

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final List<URI> schemaRegistryUrls;
    private final boolean autoRegisterSchemas;
    private final boolean useLatestVersion;
    private final SubjectNameStrategy keySubjectNameStrategy;
    private final SubjectNameStrategy valueSubjectNameStrategy;
    private final String basicAuthCredentialsSource;
    private final String basicAuthUserInfo;
    private final boolean specificAvroReader;
    private final int maxSchemasPerSubject;
    private final long latestCacheTtlSec;
    private final int httpConnectTimeoutMs;
    private final int httpReadTimeoutMs;

    private SerdeConfig(Map<String, Object> parsed) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) parsed.get(SCHEMA_REGISTRY_URL);
        this.schemaRegistryUrls = urls.stream().map(URI::create).collect(Collectors.toUnmodifiableList());
        this.autoRegisterSchemas = (Boolean) parsed.get(AUTO_REGISTER_SCHEMAS);
        this.useLatestVersion = (Boolean) parsed.get(USE_LATEST_VERSION);
        this.keySubjectNameStrategy =
                SubjectNameStrategy.forConfigValue((String) parsed.get(KEY_SUBJECT_NAME_STRATEGY));
        this.valueSubjectNameStrategy =
                SubjectNameStrategy.forConfigValue((String) parsed.get(VALUE_SUBJECT_NAME_STRATEGY));
        this.basicAuthCredentialsSource =
                ((String) parsed.get(BASIC_AUTH_CREDENTIALS_SOURCE)).trim().toUpperCase(Locale.ROOT);
        Password userInfo = (Password) parsed.get(BASIC_AUTH_USER_INFO);
        this.basicAuthUserInfo = userInfo == null ? "" : userInfo.value();
        this.specificAvroReader = (Boolean) parsed.get(SPECIFIC_AVRO_READER);
        this.maxSchemasPerSubject = (Integer) parsed.get(MAX_SCHEMAS_PER_SUBJECT);
        this.latestCacheTtlSec = (Long) parsed.get(LATEST_CACHE_TTL_SEC);
        this.httpConnectTimeoutMs = (Integer) parsed.get(HTTP_CONNECT_TIMEOUT_MS);
        this.httpReadTimeoutMs = (Integer) parsed.get(HTTP_READ_TIMEOUT_MS);

        if (CREDENTIALS_SOURCE_USER_INFO.equals(basicAuthCredentialsSource)) {
            int colon = basicAuthUserInfo.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(
                        BASIC_AUTH_USER_INFO,
                        "[hidden]",
                        "must be 'user:password' with a non-empty user when "
                                + BASIC_AUTH_CREDENTIALS_SOURCE
                                + "="
                                + CREDENTIALS_SOURCE_USER_INFO);
            }
        }
    }

    /**
     * Reads the keys above from Kafka-style properties; other keys (producer, consumer, Streams
     * settings) are ignored, so the whole client configuration can be passed in.
     *
     * @throws ConfigException naming the key, the offending value and what was expected
     */
    public static SerdeConfig fromMap(Map<String, ?> configs) {
        Objects.requireNonNull(configs, "configs");
        Map<String, Object> relevant = new LinkedHashMap<>();
        for (String name : CONFIG_DEF.names()) {
            if (configs.containsKey(name)) {
                Object value = configs.get(name);
                // Code that builds properties by hand may put our enum or a Class; accept both.
                if (value instanceof SubjectNameStrategy) {
                    value = ((SubjectNameStrategy) value).name();
                } else if (value instanceof Class) {
                    value = ((Class<?>) value).getName();
                }
                relevant.put(name, value);
            }
        }
        return new SerdeConfig(CONFIG_DEF.parse(relevant));
    }

    /**
     * Reads the keys above from environment variables named {@code prefix} followed by the key in
     * upper case with dots as underscores: with prefix {@code WHEREABOUTS_}, {@code
     * schema.registry.url} is read from {@code WHEREABOUTS_SCHEMA_REGISTRY_URL}.
     *
     * @param prefix prepended to every variable name; may be empty
     * @param environment usually {@link System#getenv()}
     */
    public static SerdeConfig fromEnvironment(String prefix, Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : CONFIG_DEF.names()) {
            String value = environment.get(environmentVariable(prefix, name));
            if (value != null) {
                values.put(name, value);
            }
        }
        return fromMap(values);
    }

    /** The environment variable {@link #fromEnvironment} reads for {@code key}. */
    public static String environmentVariable(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A configuration with every default and no registry URL. */
    public static SerdeConfig defaults() {
        return fromMap(Map.of());
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** Starts from this configuration's values. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(toMap()));
    }

    /**
     * The definitions of every key (name, type, default, validator, doc), for documentation and
     * for tools that merge our keys into a larger {@link ConfigDef}.
     */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    /** Registry base URLs in configured order; empty when none was configured. */
    public List<URI> schemaRegistryUrls() {
        return schemaRegistryUrls;
    }

    /** See {@link #AUTO_REGISTER_SCHEMAS}. */
    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    /** See {@link #USE_LATEST_VERSION}. */
    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    /** See {@link #KEY_SUBJECT_NAME_STRATEGY}. */
    public SubjectNameStrategy keySubjectNameStrategy() {
        return keySubjectNameStrategy;
    }

    /** See {@link #VALUE_SUBJECT_NAME_STRATEGY}. */
    public SubjectNameStrategy valueSubjectNameStrategy() {
        return valueSubjectNameStrategy;
    }

    /** The key or value strategy. */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    /** See {@link #BASIC_AUTH_CREDENTIALS_SOURCE}; upper case. */
    public String basicAuthCredentialsSource() {
        return basicAuthCredentialsSource;
    }

    /**
     * The {@code user:password} pair to send as HTTP basic auth, resolved from the configured
     * source; empty when no credentials are configured.
     */
    public Optional<String> basicAuthCredentials() {
        if (CREDENTIALS_SOURCE_USER_INFO.equals(basicAuthCredentialsSource)) {
            return Optional.of(basicAuthUserInfo);
        }
        return schemaRegistryUrls.stream()
                .map(URI::getRawUserInfo)
                .filter(Objects::nonNull)
                .map(SerdeConfig::percentDecode)
                .findFirst();
    }

    /** See {@link #SPECIFIC_AVRO_READER}. */
    public boolean specificAvroReader() {
        return specificAvroReader;
    }

    /** See {@link #MAX_SCHEMAS_PER_SUBJECT}. */
    public int maxSchemasPerSubject() {
        return maxSchemasPerSubject;
    }

    /**
     * See {@link #LATEST_CACHE_TTL_SEC}: how long a latest version stays cached; empty means until
     * restart.
     */
    public Optional<Duration> latestCacheTtl() {
        return latestCacheTtlSec < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(latestCacheTtlSec));
    }

    /** See {@link #HTTP_CONNECT_TIMEOUT_MS}. */
    public Duration httpConnectTimeout() {
        return Duration.ofMillis(httpConnectTimeoutMs);
    }

    /** See {@link #HTTP_READ_TIMEOUT_MS}. */
    public Duration httpReadTimeout() {
        return Duration.ofMillis(httpReadTimeoutMs);
    }

    /**
     * Every key with its value as a string, ready to merge into producer, consumer or Streams
     * properties. Contains the basic-auth secret in clear, as Kafka properties must.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(
                SCHEMA_REGISTRY_URL,
                schemaRegistryUrls.stream().map(URI::toString).collect(Collectors.joining(",")));
        map.put(AUTO_REGISTER_SCHEMAS, Boolean.toString(autoRegisterSchemas));
        map.put(USE_LATEST_VERSION, Boolean.toString(useLatestVersion));
        map.put(KEY_SUBJECT_NAME_STRATEGY, keySubjectNameStrategy.name());
        map.put(VALUE_SUBJECT_NAME_STRATEGY, valueSubjectNameStrategy.name());
        map.put(BASIC_AUTH_CREDENTIALS_SOURCE, basicAuthCredentialsSource);
        map.put(BASIC_AUTH_USER_INFO, basicAuthUserInfo);
        map.put(SPECIFIC_AVRO_READER, Boolean.toString(specificAvroReader));
        map.put(MAX_SCHEMAS_PER_SUBJECT, Integer.toString(maxSchemasPerSubject));
        map.put(LATEST_CACHE_TTL_SEC, Long.toString(latestCacheTtlSec));
        map.put(HTTP_CONNECT_TIMEOUT_MS, Integer.toString(httpConnectTimeoutMs));
        map.put(HTTP_READ_TIMEOUT_MS, Integer.toString(httpReadTimeoutMs));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerdeConfig && toMap().equals(((SerdeConfig) o).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    /** All values, with the basic-auth secret and any credentials inside URLs hidden. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(toMap());
        shown.put(
                SCHEMA_REGISTRY_URL,
                schemaRegistryUrls.stream().map(SerdeConfig::redact).collect(Collectors.joining(",")));
        if (!basicAuthUserInfo.isEmpty()) {
            shown.put(BASIC_AUTH_USER_INFO, "[hidden]");
        }
        return "SerdeConfig" + shown;
    }

    /** Strips credentials from a URL before it goes into a log line or an exception message. */
    static String redact(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        String authority = uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://[hidden]@" + authority.substring(authority.lastIndexOf('@') + 1) + path;
    }

    private static String percentDecode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Fluent construction; {@link #build()} validates exactly like {@link #fromMap(Map)}. */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = values;
        }

        /** Sets {@link #SCHEMA_REGISTRY_URL}; several URLs are tried in order. */
        public Builder schemaRegistryUrl(String... urls) {
            values.put(SCHEMA_REGISTRY_URL, String.join(",", urls));
            return this;
        }

        /** Sets {@link #AUTO_REGISTER_SCHEMAS}. */
        public Builder autoRegisterSchemas(boolean autoRegister) {
            values.put(AUTO_REGISTER_SCHEMAS, autoRegister);
            return this;
        }

        /** Sets {@link #USE_LATEST_VERSION}. */
        public Builder useLatestVersion(boolean useLatest) {
            values.put(USE_LATEST_VERSION, useLatest);
            return this;
        }

        /** Sets {@link #KEY_SUBJECT_NAME_STRATEGY}. */
        public Builder keySubjectNameStrategy(SubjectNameStrategy strategy) {
            values.put(KEY_SUBJECT_NAME_STRATEGY, strategy.name());
            return this;
        }

        /** Sets {@link #VALUE_SUBJECT_NAME_STRATEGY}. */
        public Builder valueSubjectNameStrategy(SubjectNameStrategy strategy) {
            values.put(VALUE_SUBJECT_NAME_STRATEGY, strategy.name());
            return this;
        }

        /**
         * Sets {@link #BASIC_AUTH_USER_INFO} and switches {@link #BASIC_AUTH_CREDENTIALS_SOURCE} to
         * {@code USER_INFO}.
         */
        public Builder basicAuthUserInfo(String userColonPassword) {
            values.put(BASIC_AUTH_CREDENTIALS_SOURCE, CREDENTIALS_SOURCE_USER_INFO);
            values.put(BASIC_AUTH_USER_INFO, userColonPassword);
            return this;
        }

        /** Sets {@link #SPECIFIC_AVRO_READER}. */
        public Builder specificAvroReader(boolean specific) {
            values.put(SPECIFIC_AVRO_READER, specific);
            return this;
        }

        /** Sets {@link #MAX_SCHEMAS_PER_SUBJECT}. */
        public Builder maxSchemasPerSubject(int max) {
            values.put(MAX_SCHEMAS_PER_SUBJECT, max);
            return this;
        }

        /** Sets {@link #LATEST_CACHE_TTL_SEC}; {@code null} caches until restart. */
        public Builder latestCacheTtl(Duration ttl) {
            values.put(LATEST_CACHE_TTL_SEC, ttl == null ? -1L : ttl.toSeconds());
            return this;
        }

        /** Sets {@link #HTTP_CONNECT_TIMEOUT_MS}. */
        public Builder httpConnectTimeout(Duration timeout) {
            values.put(HTTP_CONNECT_TIMEOUT_MS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return this;
        }

        /** Sets {@link #HTTP_READ_TIMEOUT_MS}. */
        public Builder httpReadTimeout(Duration timeout) {
            values.put(HTTP_READ_TIMEOUT_MS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return this;
        }

        /** Sets any key by name, as it would appear in Kafka properties. */
        public Builder set(String key, Object value) {
            values.put(key, value);
            return this;
        }

        /**
         * @throws ConfigException as {@link SerdeConfig#fromMap(Map)} does
         */
        public SerdeConfig build() {
            return fromMap(values);
        }
    }

    private static ConfigDef buildConfigDef() {
        return new ConfigDef()
                .define(
                        SCHEMA_REGISTRY_URL,
                        Type.LIST,
                        "",
                        SerdeConfig::validateUrls,
                        Importance.HIGH,
                        "Base URL of the Schema Registry (http or https, optional path prefix). A comma-separated"
                                + " list is accepted: the first URL is used, the others only when it cannot be reached.")
                .define(
                        AUTO_REGISTER_SCHEMAS,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Register the value's schema under its subject on first use; when false, only look it up.")
                .define(
                        USE_LATEST_VERSION,
                        Type.BOOLEAN,
                        false,
                        Importance.LOW,
                        "With auto.register.schemas=false, write with the latest schema of the subject instead of"
                                + " looking up the value's own schema.")
                .define(
                        KEY_SUBJECT_NAME_STRATEGY,
                        Type.STRING,
                        SubjectNameStrategy.TOPIC_NAME.name(),
                        SerdeConfig::validateStrategy,
                        Importance.MEDIUM,
                        "Subject naming for keys: TOPIC_NAME, RECORD_NAME, TOPIC_RECORD_NAME or Confluent's class name.")
                .define(
                        VALUE_SUBJECT_NAME_STRATEGY,
                        Type.STRING,
                        SubjectNameStrategy.TOPIC_NAME.name(),
                        SerdeConfig::validateStrategy,
                        Importance.MEDIUM,
                        "Subject naming for values: TOPIC_NAME, RECORD_NAME, TOPIC_RECORD_NAME or Confluent's class name.")
                .define(
                        BASIC_AUTH_CREDENTIALS_SOURCE,
                        Type.STRING,
                        CREDENTIALS_SOURCE_URL,
                        SerdeConfig::validateCredentialsSource,
                        Importance.MEDIUM,
                        "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL (user info"
                                + " of the registry URL).")
                .define(
                        BASIC_AUTH_USER_INFO,
                        Type.PASSWORD,
                        "",
                        Importance.MEDIUM,
                        "user:password for HTTP basic auth when basic.auth.credentials.source=USER_INFO.")
                .define(
                        SPECIFIC_AVRO_READER,
                        Type.BOOLEAN,
                        false,
                        Importance.LOW,
                        "Deserialize into the generated class named by the writer schema instead of GenericRecord.")
                .define(
                        MAX_SCHEMAS_PER_SUBJECT,
                        Type.INT,
                        1000,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Capacity of each client-side schema cache.")
                .define(
                        LATEST_CACHE_TTL_SEC,
                        Type.LONG,
                        -1L,
                        ConfigDef.Range.atLeast(-1),
                        Importance.LOW,
                        "Seconds the latest version of a subject stays cached for use.latest.version; -1 until restart.")
                .define(
                        HTTP_CONNECT_TIMEOUT_MS,
                        Type.INT,
                        10_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Connect timeout for Schema Registry calls, in milliseconds.")
                .define(
                        HTTP_READ_TIMEOUT_MS,
                        Type.INT,
                        30_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Time a Schema Registry call may take once connected, in milliseconds.");
    }

    private static void validateUrls(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> urls = value == null ? List.of() : (List<String>) value;
        List<String> problems = new ArrayList<>();
        for (String url : urls) {
            if (url.isBlank()) {
                problems.add("an empty entry");
                continue;
            }
            try {
                URI uri = new URI(url.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problems.add("'" + url + "' is not an http or https URL");
                } else if (uri.getHost() == null) {
                    problems.add("'" + url + "' has no host");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problems.add("'" + url + "' must not have a query or fragment");
                }
            } catch (URISyntaxException e) {
                problems.add("'" + url + "' is not a URL (" + e.getReason() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(
                    name,
                    urls.stream().map(u -> redact(safeUri(u))).collect(Collectors.joining(",")),
                    String.join("; ", problems));
        }
    }

    private static URI safeUri(String s) {
        try {
            return new URI(s.trim());
        } catch (URISyntaxException e) {
            return URI.create("invalid:" + s.length());
        }
    }

    private static void validateStrategy(String name, Object value) {
        try {
            SubjectNameStrategy.forConfigValue((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static void validateCredentialsSource(String name, Object value) {
        String source = value == null ? "" : ((String) value).trim().toUpperCase(Locale.ROOT);
        if (source.equals(CREDENTIALS_SOURCE_URL) || source.equals(CREDENTIALS_SOURCE_USER_INFO)) {
            return;
        }
        if (source.equals("SASL_INHERIT")) {
            throw new ConfigException(
                    name,
                    value,
                    "SASL_INHERIT is not supported by this client; use USER_INFO with "
                            + BASIC_AUTH_USER_INFO
                            + "=user:password");
        }
        throw new ConfigException(name, value, "expected URL or USER_INFO");
    }
}
