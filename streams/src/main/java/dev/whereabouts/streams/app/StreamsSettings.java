package dev.whereabouts.streams.app;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.ServiceCommandLine;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.TopologyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;

/**
 * The lineage topology's keys ({@code streams.*}), and the values one application runs with. Kafka
 * and the registry are the shared keys of {@link CommonSettings}; any other Streams property passes
 * through with the {@link CommonSettings#KAFKA_STREAMS_PREFIX} prefix.
 */
public final class StreamsSettings {

    /** The prefix of every key here; dropped in {@link StreamsApp}'s own options. */
    public static final String PREFIX = "streams.";

    public static final Setting<String> APPLICATION_ID = Setting.text(
                    "streams.application.id",
                    "whereabouts-streams",
                    "Streams application id; instances with the same id share the partitions. Also names the"
                            + " routing topic. The platform uses whereabouts-lineage.")
            .deprecatedOption("--application.id");
    public static final Setting<Long> COMMIT_INTERVAL_MS = Setting.longInteger(
                    "streams.commit.interval.ms",
                    200L,
                    10,
                    "Transaction commit interval in ms: longer is faster, shorter makes outputs visible sooner"
                            + " (each routing hop waits for a commit).")
            .deprecatedOption("--commit.interval.ms");
    public static final Setting<Integer> NUM_STREAM_THREADS = Setting.integer(
                    "streams.num.stream.threads", 2, 1, 64, "Stream threads per instance.")
            .deprecatedOption("--num.stream.threads");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = Setting.integer(
                    "streams.num.standby.replicas",
                    0,
                    0,
                    8,
                    "Standby copies of each state store on other instances, for fast fail-over.")
            .deprecatedOption("--num.standby.replicas");
    public static final Setting<String> STATE_DIR = Setting.text(
                    "streams.state.dir",
                    "data/streams",
                    "Directory of the local RocksDB state stores. The platform keeps them under data.dir.")
            .deprecatedOption("--state.dir");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer(
                    "streams.replication.factor",
                    1,
                    1,
                    7,
                    "Replication factor of the internal topics: 1 on the embedded single node, 3 in production.")
            .deprecatedOption("--replication.factor");
    public static final Setting<Integer> ROUTE_PARTITIONS = Setting.integer(
                    "streams.route.partitions",
                    TopologyConfig.DEFAULT_ROUTE_PARTITIONS,
                    1,
                    1024,
                    "Partitions of the routing topic, created on first start; the parallelism of identity,"
                            + " subject and request work. Must equal an existing routing topic's count.")
            .deprecatedOption("--route.partitions");
    public static final Setting<Long> DEDUPE_WINDOW_MS = Setting.longInteger(
                    "streams.dedupe.window.ms",
                    TopologyConfig.DEFAULT_DEDUPE_WINDOW.toMillis(),
                    1,
                    "How long a sharing event id is remembered to drop an emitter's re-send, in ms.")
            .deprecatedOption("--dedupe.window.ms");
    public static final Setting<Long> RETENTION_SCAN_INTERVAL_MS = Setting.longInteger(
                    "streams.retention.scan.interval.ms",
                    TopologyConfig.DEFAULT_RETENTION_SCAN_INTERVAL.toMillis(),
                    1,
                    "Wall-clock interval of the retention-findings punctuator, in ms.")
            .deprecatedOption("--retention.scan.interval.ms");
    public static final Setting<Long> DEADLINE_SCAN_INTERVAL_MS = Setting.longInteger(
                    "streams.deadline.scan.interval.ms",
                    TopologyConfig.DEFAULT_DEADLINE_SCAN_INTERVAL.toMillis(),
                    1,
                    "Wall-clock interval of the overdue-request punctuator, in ms.")
            .deprecatedOption("--deadline.scan.interval.ms");
    public static final Setting<Integer> SCAN_SLICE_SIZE = Setting.integer(
                    "streams.scan.slice.size",
                    TopologyConfig.DEFAULT_SCAN_SLICE_SIZE,
                    1,
                    Integer.MAX_VALUE,
                    "Most due index entries one punctuation handles, so a backlog never stalls a task.")
            .deprecatedOption("--scan.slice.size");
    public static final Setting<Integer> SESSION_TIMEOUT_MS = Setting.integer(
                    "streams.session.timeout.ms",
                    45_000,
                    6_000,
                    1_800_000,
                    "Consumer session timeout in ms: how soon the partitions of a crashed instance move to the"
                            + " others.")
            .deprecatedOption("--session.timeout.ms");
    public static final Setting<String> BACKUP_PROMISE = Setting.text(
                    "streams.backup.promise",
                    TopologyConfig.DEFAULT_BACKUP_PROMISE,
                    "How long backups may keep data after the last share (the privacy statement promises P1Y).",
                    "an ISO-8601 period such as P1Y, P2M, P45D or PT24H",
                    IsoPeriod::isValid)
            .deprecatedOption("--backup.promise");

    public static final SettingGroup GROUP = new SettingGroup(
            "Lineage topology (Kafka Streams)",
            "Read by the lineage topology (`StreamsApp`, and inside `./whereabouts`). Processing is always"
                    + " exactly_once_v2.",
            List.of(
                    APPLICATION_ID,
                    COMMIT_INTERVAL_MS,
                    NUM_STREAM_THREADS,
                    NUM_STANDBY_REPLICAS,
                    STATE_DIR,
                    REPLICATION_FACTOR,
                    ROUTE_PARTITIONS,
                    DEDUPE_WINDOW_MS,
                    RETENTION_SCAN_INTERVAL_MS,
                    DEADLINE_SCAN_INTERVAL_MS,
                    SCAN_SLICE_SIZE,
                    SESSION_TIMEOUT_MS,
                    BACKUP_PROMISE));

    private final Settings settings;

    /** Validates every key now, so a bad value stops the start with a {@link ConfigException} naming it. */
    public StreamsSettings(Settings settings) {
        try {
            for (SettingGroup group : COMMAND_LINE.groups()) {
                group.settings().forEach(settings::get);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        this.settings = settings;
    }

    /** Only these values, everything else at its default (tests, benchmarks). */
    public StreamsSettings(Map<Setting<?>, ?> values) {
        this(with(Settings.defaults(), values));
    }

    /** {@link StreamsApp}'s command line: these keys, {@code streams.} dropped from the option names. */
    public static final ServiceCommandLine COMMAND_LINE = new ServiceCommandLine(
            "StreamsApp",
            "Runs the lineage topology (Kafka Streams).",
            List.of(GROUP, CommonSettings.CONNECTION),
            PREFIX);

    /** Environment first, then command-line options ({@code --commit-interval-ms=250}) on top. */
    public static StreamsSettings from(Map<String, String> environment, String... args) {
        return from(Settings.of(environment), args);
    }

    /** {@code base} (e.g. {@link Settings#fromProcess()}) with command-line options on top. */
    public static StreamsSettings from(Settings base, String... args) {
        Settings settings;
        try {
            settings = COMMAND_LINE.parse(base, args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(e.getMessage());
        }
        return new StreamsSettings(settings == null ? base : settings);
    }

    /** The option that sets {@code setting} on {@link StreamsApp}'s command line. */
    public static String optionName(Setting<?> setting) {
        return COMMAND_LINE.optionName(setting);
    }

    public <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    public String getString(Setting<String> setting) {
        return settings.get(setting);
    }

    public int getInt(Setting<Integer> setting) {
        return settings.get(setting);
    }

    public long getLong(Setting<Long> setting) {
        return settings.get(setting);
    }

    public String applicationId() {
        return settings.get(APPLICATION_ID);
    }

    public Duration duration(Setting<Long> millis) {
        return Duration.ofMillis(settings.get(millis));
    }

    /** The settings behind these values, for the Kafka client and Streams pass-through. */
    public Settings settings() {
        return settings;
    }

    private static Settings with(Settings base, Map<Setting<?>, ?> values) {
        Settings settings = base;
        for (Map.Entry<Setting<?>, ?> entry : values.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        return settings;
    }
}
