package dev.whereabouts.model.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One configuration key, declared once: its name, type, default, doc line and validator. Every other
 * spelling of the key is derived from its name by one rule, so a key never has two environment
 * variables or two option names:
 *
 * <ul>
 *   <li>environment variable: {@code WHEREABOUTS_} + the name in upper case, dots as underscores
 *       ({@code kafka.bootstrap.servers} is {@code WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS});
 *   <li>JVM system property: {@code whereabouts.} + the name ({@code whereabouts.kafka.bootstrap.servers});
 *   <li>command-line option: {@code --} + the name, dots as dashes ({@code --kafka-bootstrap-servers}).
 * </ul>
 *
 * <p>Names that were in use before this rule stay readable as deprecated environment variables
 * ({@link #deprecatedEnvironmentVariables()}); {@link Settings} warns once when it reads one.
 *
 * @param <T> the type a value is parsed to
 */
public final class Setting<T> {

    /** Prefix of every environment variable. */
    public static final String ENVIRONMENT_PREFIX = "WHEREABOUTS_";
    /** Prefix of every system property. */
    public static final String SYSTEM_PROPERTY_PREFIX = "whereabouts.";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+)*");

    private final String name;
    private final String type;
    private final String defaultValue;
    private final String doc;
    private final String rule;
    private final Predicate<String> validator;
    private final Function<String, T> parser;
    private final boolean secret;
    private final List<String> deprecatedEnvironmentVariables;
    private final List<String> deprecatedOptions;

    private Setting(
            String name,
            String type,
            String defaultValue,
            String doc,
            String rule,
            Predicate<String> validator,
            Function<String, T> parser,
            boolean secret,
            List<String> deprecatedEnvironmentVariables,
            List<String> deprecatedOptions) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("setting name '" + name + "' is not lower-case words joined by dots");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.secret = secret;
        this.deprecatedEnvironmentVariables = List.copyOf(deprecatedEnvironmentVariables);
        this.deprecatedOptions = List.copyOf(deprecatedOptions);
        if (doc.isBlank()) {
            throw new IllegalArgumentException("setting " + name + " has no doc line");
        }
        if (!defaultValue.isEmpty() && !validator.test(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of " + name + " breaks its own rule");
        }
    }

    /** Free text; {@code validator} decides what is acceptable, {@code rule} says it in words. */
    public static Setting<String> text(
            String name, String defaultValue, String doc, String rule, Predicate<String> validator) {
        return new Setting<>(name, "text", defaultValue, doc, rule, validator, v -> v, false, List.of(), List.of());
    }

    /** Text that must not be blank. */
    public static Setting<String> text(String name, String defaultValue, String doc) {
        return text(name, defaultValue, doc, "not blank", v -> !v.isBlank());
    }

    /** Text that may be empty, meaning "not set". */
    public static Setting<String> optionalText(String name, String doc) {
        return text(name, "", doc, "any text; empty for none", v -> true);
    }

    /** A whole number between {@code min} and {@code max}. */
    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new Setting<>(
                name,
                "integer",
                Integer.toString(defaultValue),
                doc,
                max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max,
                v -> isIntBetween(v, min, max),
                Integer::valueOf,
                false,
                List.of(),
                List.of());
    }

    /** A whole number of at least {@code min}, as a long (milliseconds, counts). */
    public static Setting<Long> longInteger(String name, long defaultValue, long min, String doc) {
        return new Setting<>(
                name,
                "long",
                Long.toString(defaultValue),
                doc,
                "at least " + min,
                v -> isLongAtLeast(v, min),
                Long::valueOf,
                false,
                List.of(),
                List.of());
    }

    /** A TCP port, 0 meaning any free one. */
    public static Setting<Integer> port(String name, int defaultValue, String doc) {
        return new Setting<>(
                name,
                "port",
                Integer.toString(defaultValue),
                doc,
                "0 to 65535, 0 for any free port",
                Setting::isPort,
                Integer::valueOf,
                false,
                List.of(),
                List.of());
    }

    /** {@code true} or {@code false}. */
    public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new Setting<>(
                name,
                "boolean",
                Boolean.toString(defaultValue),
                doc,
                "true or false",
                Setting::isBoolean,
                Boolean::valueOf,
                false,
                List.of(),
                List.of());
    }

    /** An http:// or https:// URL. */
    public static Setting<String> httpUrl(String name, String defaultValue, String doc) {
        return text(name, defaultValue, doc, "an http:// or https:// URL", Setting::isHttpUrl);
    }

    /** One of an enum's constants, given in any case. */
    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String doc) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return new Setting<>(
                name,
                "one of " + String.join(", ", names),
                defaultValue.name(),
                doc,
                "one of " + String.join(", ", names),
                v -> names.contains(v.toUpperCase(Locale.ROOT)),
                v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)),
                false,
                List.of(),
                List.of());
    }

    /** The same key, never echoed in an error or a listing (tokens, passwords, keys). */
    public Setting<T> secret() {
        return new Setting<>(
                name,
                type,
                defaultValue,
                doc,
                rule,
                validator,
                parser,
                true,
                deprecatedEnvironmentVariables,
                deprecatedOptions);
    }

    /** The same key, also read from these former environment variable names (each warned about once). */
    public Setting<T> deprecatedAlias(String... environmentVariables) {
        List<String> all = new ArrayList<>(deprecatedEnvironmentVariables);
        all.addAll(List.of(environmentVariables));
        return new Setting<>(name, type, defaultValue, doc, rule, validator, parser, secret, all, deprecatedOptions);
    }

    /** The same key, also accepted under these former option names on the command line. */
    public Setting<T> deprecatedOption(String... optionNames) {
        List<String> all = new ArrayList<>(deprecatedOptions);
        all.addAll(List.of(optionNames));
        return new Setting<>(
                name, type, defaultValue, doc, rule, validator, parser, secret, deprecatedEnvironmentVariables, all);
    }

    /** The same key with another default, e.g. for a key whose default depends on the deployment. */
    public Setting<T> withDefault(String newDefault) {
        return new Setting<>(
                name,
                type,
                newDefault,
                doc,
                rule,
                validator,
                parser,
                secret,
                deprecatedEnvironmentVariables,
                deprecatedOptions);
    }

    public String name() {
        return name;
    }

    /** The kind of value, for documentation: text, integer, port, boolean, ... */
    public String type() {
        return type;
    }

    /** The default as text; empty when the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** What a valid value looks like, in words. */
    public String rule() {
        return rule;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Environment variables this key was read from before the one naming rule; still read, with a warning. */
    public List<String> deprecatedEnvironmentVariables() {
        return deprecatedEnvironmentVariables;
    }

    /** Option names this key had before the one naming rule; still accepted. */
    public List<String> deprecatedOptions() {
        return deprecatedOptions;
    }

    /** {@code WHEREABOUTS_} + the name in upper case, dots as underscores. */
    public String environmentVariable() {
        return environmentVariable(name);
    }

    /** {@code whereabouts.} + the name. */
    public String systemProperty() {
        return SYSTEM_PROPERTY_PREFIX + name;
    }

    /** {@code --} + the name, dots as dashes. */
    public String optionName() {
        return "--" + name.replace('.', '-');
    }

    /** The environment variable of any setting name, by the one rule. */
    public static String environmentVariable(String name) {
        return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * Validates and parses {@code raw} (trimmed first).
     *
     * @param source where the value came from, named in the error ("environment variable X")
     * @throws IllegalArgumentException naming the source, the value (unless secret), the doc and the rule
     */
    public T parse(String raw, String source) {
        String trimmed = raw.trim();
        if (!validator.test(trimmed)) {
            String shown = secret ? "(hidden)" : "'" + raw + "'";
            throw new IllegalArgumentException(source + " has invalid value " + shown + ": " + doc + " Expected " + rule
                    + " (key " + name + ", option " + optionName() + ").");
        }
        return parser.apply(trimmed);
    }

    /** The parsed default; null when the key has none and is not text. */
    public T defaultParsed() {
        if (defaultValue.isEmpty() && !type.equals("text")) {
            return null;
        }
        return parser.apply(defaultValue);
    }

    /** The value from system properties, then the environment, then the default (see {@link Settings}). */
    public T resolve(Map<String, String> environment, Properties systemProperties) {
        return Settings.of(environment, systemProperties).get(this);
    }

    @Override
    public String toString() {
        return name;
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

    public static boolean isLongAtLeast(String value, long min) {
        try {
            return Long.parseLong(value) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static boolean isBoolean(String value) {
        return value.equals("true") || value.equals("false");
    }

    public static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
