package dev.whereabouts.model.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where setting values come from, in this order: an explicit value (the command line, or the code
 * that starts a service), the JVM system property, the environment variable, a deprecated
 * environment variable (warned about once per process), the default. Immutable; {@link #with}
 * returns a copy.
 *
 * <p>Values a {@link Setting} does not declare reach Kafka through pass-through prefixes
 * ({@link #passThrough}): every key under the prefix, from system properties, the environment
 * (upper case, underscores for dots) or explicit values, with the prefix removed.
 */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Map<String, String> explicit;

    private Settings(Map<String, String> environment, Properties systemProperties, Map<String, String> explicit) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.systemProperties = copy(Objects.requireNonNull(systemProperties, "systemProperties"));
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    }

    /** This process's environment and system properties. */
    public static Settings fromProcess() {
        return of(System.getenv(), System.getProperties());
    }

    public static Settings of(Map<String, String> environment, Properties systemProperties) {
        return new Settings(environment, systemProperties, Map.of());
    }

    /** Only these environment-style values (variable name to value) and the defaults; no system properties. */
    public static Settings of(Map<String, String> environment) {
        return of(environment, new Properties());
    }

    /** Nothing set: every key at its default. */
    public static Settings defaults() {
        return of(Map.of());
    }

    /** A copy where {@code setting} is {@code value}, above every other source; null removes it. */
    public Settings with(Setting<?> setting, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(explicit);
        if (value == null) {
            copy.remove(setting.name());
        } else {
            copy.put(setting.name(), value.toString());
        }
        return new Settings(environment, systemProperties, copy);
    }

    /** A copy with {@code key} (a setting name or a pass-through key) set explicitly. */
    public Settings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(explicit);
        copy.put(key, value);
        return new Settings(environment, systemProperties, copy);
    }

    /** The value, validated and parsed. */
    public <T> T get(Setting<T> setting) {
        Sourced raw = raw(setting);
        return raw == null ? setting.defaultParsed() : setting.parse(raw.value, raw.source);
    }

    /** Whether any source but the default gives a (non-blank) value. */
    public boolean isSet(Setting<?> setting) {
        Sourced raw = raw(setting);
        return raw != null && !raw.value.isBlank();
    }

    /**
     * Every value under {@code prefix} (e.g. {@code kafka.client.}) with the prefix removed: from the
     * environment ({@code WHEREABOUTS_KAFKA_CLIENT_SECURITY_PROTOCOL} gives {@code security.protocol}),
     * then system properties ({@code whereabouts.kafka.client.security.protocol}), then explicit
     * values, later sources winning.
     */
    public Map<String, String> passThrough(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        String variablePrefix = Setting.environmentVariable(prefix.substring(0, prefix.length() - 1)) + "_";
        environment.forEach((variable, value) -> {
            if (variable.startsWith(variablePrefix) && variable.length() > variablePrefix.length()) {
                values.put(
                        variable.substring(variablePrefix.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        String propertyPrefix = Setting.SYSTEM_PROPERTY_PREFIX + prefix;
        for (String property : systemProperties.stringPropertyNames()) {
            if (property.startsWith(propertyPrefix) && property.length() > propertyPrefix.length()) {
                values.put(property.substring(propertyPrefix.length()), systemProperties.getProperty(property));
            }
        }
        explicit.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                values.put(key.substring(prefix.length()), value);
            }
        });
        return values;
    }

    private Sourced raw(Setting<?> setting) {
        String value = explicit.get(setting.name());
        if (value != null) {
            return new Sourced(value, "option " + setting.optionName());
        }
        value = systemProperties.getProperty(setting.systemProperty());
        if (value != null) {
            return new Sourced(value, "system property " + setting.systemProperty());
        }
        value = environment.get(setting.environmentVariable());
        if (value != null) {
            return new Sourced(value, "environment variable " + setting.environmentVariable());
        }
        for (String deprecated : setting.deprecatedEnvironmentVariables()) {
            value = environment.get(deprecated);
            if (value != null) {
                if (WARNED.add(deprecated)) {
                    LOG.warn(
                            "environment variable {} is deprecated and will be removed: use {} instead",
                            deprecated,
                            setting.environmentVariable());
                }
                return new Sourced(value, "environment variable " + deprecated);
            }
        }
        return null;
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(Setting.SYSTEM_PROPERTY_PREFIX)) {
                copy.setProperty(name, properties.getProperty(name));
            }
        }
        return copy;
    }

    private record Sourced(String value, String source) {}
}
