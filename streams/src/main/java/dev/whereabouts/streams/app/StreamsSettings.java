package dev.whereabouts.streams.app;

import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.TopologyConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Streams application's settings. Every key has a default, a validator and a doc line, and
 * can be set as {@code --key=value} or through the environment variable
 * {@code WHEREABOUTS_STREAMS_<KEY>} (upper case, dots and dashes as underscores), e.g.
 * {@code WHEREABOUTS_STREAMS_NUM_STREAM_THREADS=2}. Arguments win over the environment.
 */
public final class StreamsSettings extends AbstractConfig {

    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "WHEREABOUTS_STREAMS_";

    /** Kafka bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Schema registry base URL (Confluent REST API). */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Streams application id; instances with the same id share the work. */
    public static final String APPLICATION_ID = "application.id";
    /** How often Streams commits its transaction, in ms. */
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    /** Stream threads per instance. */
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    /** Warm standby copies of each state store on other instances. */
    public static final String NUM_STANDBY_REPLICAS = "num.standby.replicas";
    /** Directory of the local state stores. */
    public static final String STATE_DIR = "state.dir";
    /** Replication factor of the topics Streams and this application create. */
    public static final String REPLICATION_FACTOR = "replication.factor";
    /** Partitions of the application's routing topic (created on first start). */
    public static final String ROUTE_PARTITIONS = "route.partitions";
    /** How long a sharing event id is remembered to drop a re-sent duplicate, in ms. */
    public static final String DEDUPE_WINDOW_MS = "dedupe.window.ms";
    /** Wall-clock interval of the retention-findings punctuator, in ms. */
    public static final String RETENTION_SCAN_INTERVAL_MS = "retention.scan.interval.ms";
    /** Wall-clock interval of the overdue-request punctuator, in ms. */
    public static final String DEADLINE_SCAN_INTERVAL_MS = "deadline.scan.interval.ms";
    /** Most index entries one punctuation handles. */
    public static final String SCAN_SLICE_SIZE = "scan.slice.size";
    /** Consumer session timeout, in ms: how soon a crashed instance's partitions move to another. */
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    /** ISO-8601 period backups may keep data after the last share. */
    public static final String BACKUP_PROMISE = "backup.promise";
    /** ISO-8601 period by which a request's deadline may be extended once. */
    public static final String MAX_EXTENSION = "max.extension";

    private static final ConfigDef.Validator PERIOD = (name, value) -> {
        if (value == null || !IsoPeriod.isValid(value.toString())) {
            throw new ConfigException(name, value, "an ISO-8601 period such as P1Y, P2M, P45D or PT24H");
        }
    };

    private static final ConfigDef.Validator NOT_BLANK = (name, value) -> {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "must not be blank");
        }
    };

    private static final ConfigDef DEF = new ConfigDef()
            .define(
                    BOOTSTRAP_SERVERS,
                    Type.STRING,
                    "localhost:9092",
                    NOT_BLANK,
                    Importance.HIGH,
                    "Kafka bootstrap servers, host:port[,host:port].")
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.STRING,
                    "http://localhost:8081",
                    NOT_BLANK,
                    Importance.HIGH,
                    "Schema registry base URL (Confluent REST API).")
            .define(
                    APPLICATION_ID,
                    Type.STRING,
                    "whereabouts-streams",
                    NOT_BLANK,
                    Importance.HIGH,
                    "Streams application id; instances with the same id share the partitions. Also names the routing topic.")
            .define(
                    COMMIT_INTERVAL_MS,
                    Type.LONG,
                    200L,
                    Range.atLeast(10),
                    Importance.MEDIUM,
                    "Transaction commit interval in ms: longer is faster, shorter makes outputs visible sooner.")
            .define(
                    NUM_STREAM_THREADS,
                    Type.INT,
                    2,
                    Range.between(1, 64),
                    Importance.MEDIUM,
                    "Stream threads per instance.")
            .define(
                    NUM_STANDBY_REPLICAS,
                    Type.INT,
                    0,
                    Range.between(0, 8),
                    Importance.MEDIUM,
                    "Standby copies of each state store on other instances, for fast fail-over.")
            .define(
                    STATE_DIR,
                    Type.STRING,
                    "data/streams",
                    NOT_BLANK,
                    Importance.MEDIUM,
                    "Directory of the local RocksDB state stores.")
            .define(
                    REPLICATION_FACTOR,
                    Type.INT,
                    1,
                    Range.between(1, 7),
                    Importance.MEDIUM,
                    "Replication factor of the internal topics: 1 on the embedded single node, 3 in production.")
            .define(
                    ROUTE_PARTITIONS,
                    Type.INT,
                    6,
                    Range.between(1, 1024),
                    Importance.LOW,
                    "Partitions of the routing topic, created on first start; the parallelism of identity, subject and request work.")
            .define(
                    DEDUPE_WINDOW_MS,
                    Type.LONG,
                    TopologyConfig.DEFAULT_DEDUPE_WINDOW.toMillis(),
                    Range.atLeast(1),
                    Importance.LOW,
                    "How long a sharing event id is remembered to drop an emitter's re-send, in ms.")
            .define(
                    RETENTION_SCAN_INTERVAL_MS,
                    Type.LONG,
                    TopologyConfig.DEFAULT_RETENTION_SCAN_INTERVAL.toMillis(),
                    Range.atLeast(1),
                    Importance.LOW,
                    "Wall-clock interval of the retention-findings punctuator, in ms.")
            .define(
                    DEADLINE_SCAN_INTERVAL_MS,
                    Type.LONG,
                    TopologyConfig.DEFAULT_DEADLINE_SCAN_INTERVAL.toMillis(),
                    Range.atLeast(1),
                    Importance.LOW,
                    "Wall-clock interval of the overdue-request punctuator, in ms.")
            .define(
                    SCAN_SLICE_SIZE,
                    Type.INT,
                    TopologyConfig.DEFAULT_SCAN_SLICE_SIZE,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Most due index entries one punctuation handles, so a backlog never stalls a task.")
            .define(
                    SESSION_TIMEOUT_MS,
                    Type.INT,
                    45_000,
                    Range.between(6_000, 1_800_000),
                    Importance.LOW,
                    "Consumer session timeout in ms: how soon the partitions of a crashed instance move to the others.")
            .define(
                    BACKUP_PROMISE,
                    Type.STRING,
                    TopologyConfig.DEFAULT_BACKUP_PROMISE,
                    PERIOD,
                    Importance.LOW,
                    "How long backups may keep data after the last share (the privacy statement promises P1Y).")
            .define(
                    MAX_EXTENSION,
                    Type.STRING,
                    TopologyConfig.DEFAULT_MAX_EXTENSION,
                    PERIOD,
                    Importance.LOW,
                    "How far a request's deadline may be extended, once, beyond one month (GDPR Art. 12(3): P2M).");

    public StreamsSettings(Map<String, ?> values) {
        super(DEF, values, false);
    }

    /** The definitions of every key, for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(DEF);
    }

    /** Environment first, then {@code --key=value} arguments on top. */
    public static StreamsSettings from(Map<String, String> environment, String... args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : DEF.names()) {
            String value = environment.get(environmentVariable(name));
            if (value != null) {
                values.put(name, value);
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new ConfigException("argument '" + arg + "' is not --key=value; keys: " + DEF.names());
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (!DEF.names().contains(key)) {
                throw new ConfigException("unknown setting '" + key + "'; keys: " + DEF.names());
            }
            values.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        return new StreamsSettings(values);
    }

    /** The environment variable a key is read from. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }
}
