package dev.whereabouts.model.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * One configuration key: its environment variable, default, doc line and validator. A JVM system
 * property named like the variable in lower case with dots ({@code WHEREABOUTS_KAFKA_PORT} →
 * {@code whereabouts.kafka.port}) wins over the environment variable, which wins over the default.
 * Each service lists its keys as an enum holding one of these.
 *
 * @param secret never echo the value in an error (tokens, passwords)
 */
public record Setting(
        String environmentVariable, String defaultValue, String doc, Predicate<String> validator, boolean secret) {

    public Setting {
        Objects.requireNonNull(environmentVariable, "environmentVariable");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(validator, "validator");
    }

    public static Setting of(String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        return new Setting(environmentVariable, defaultValue, doc, validator, false);
    }

    public static Setting secret(
            String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        return new Setting(environmentVariable, defaultValue, doc, validator, true);
    }

    /** The system property that overrides the environment variable. */
    public String systemProperty() {
        return environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The value from system properties, then the environment, then the default; rejected when invalid, naming its source. */
    public String resolve(Map<String, String> environment, Properties systemProperties) {
        String value = systemProperties.getProperty(systemProperty());
        String source = "system property " + systemProperty();
        if (value == null) {
            value = environment.get(environmentVariable);
            source = "environment variable " + environmentVariable;
        }
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (!validator.test(trimmed)) {
            String shown = secret ? "(hidden)" : "'" + value + "'";
            throw new IllegalArgumentException(source + " has invalid value " + shown + ": " + doc);
        }
        return trimmed;
    }

    /** A TCP port, 0 meaning any free one. */
    public static boolean isPort(String value) {
        return isIntBetween(value, 0, 65535);
    }

    public static boolean isIntBetween(String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            return parsed >= min && parsed <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static boolean isBoolean(String value) {
        return value.equals("true") || value.equals("false");
    }
}
