package dev.whereabouts.streams;

import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link LineageTopology#build} needs, and nothing it would have to read from the
 * environment: the application id (it names the topology's own routing topic and signs dead
 * letters), the serdes of the catalogue topics, and the tuning of windows and punctuators.
 *
 * @param applicationId         Streams application id; the routing topic is {@code <applicationId>-route}
 * @param serdes                serdes of every catalogue topic
 * @param dedupeWindow          how long a sharing event id is remembered to drop a re-sent duplicate
 * @param retentionScanInterval wall-clock interval of the retention-findings punctuator
 * @param deadlineScanInterval  wall-clock interval of the overdue-request punctuator
 * @param scanSliceSize         most index entries one punctuation handles, so a backlog never stalls a task
 * @param backupPromise         ISO-8601 period backups may keep data after the last share (privacy statement: P1Y)
 * @param routePartitions       partition count of the routing topic; it decides which task owns a key, so it
 *                              must be the topic's real count (the application checks it at start-up)
 */
public record TopologyConfig(
        String applicationId,
        TopicSerdes serdes,
        Duration dedupeWindow,
        Duration retentionScanInterval,
        Duration deadlineScanInterval,
        int scanSliceSize,
        String backupPromise,
        int routePartitions) {

    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(15);
    public static final Duration DEFAULT_RETENTION_SCAN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_DEADLINE_SCAN_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_SCAN_SLICE_SIZE = 10_000;
    public static final String DEFAULT_BACKUP_PROMISE = "P1Y";
    /** As many routing partitions as the input topics have, so the task reading an event owns its key. */
    public static final int DEFAULT_ROUTE_PARTITIONS = 6;

    public TopologyConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(serdes, "serdes");
        requirePositive(dedupeWindow, "dedupeWindow");
        requirePositive(retentionScanInterval, "retentionScanInterval");
        requirePositive(deadlineScanInterval, "deadlineScanInterval");
        if (scanSliceSize < 1) {
            throw new IllegalArgumentException("scanSliceSize must be at least 1, got " + scanSliceSize);
        }
        if (!IsoPeriod.isValid(backupPromise)) {
            throw new IllegalArgumentException("backupPromise: '" + backupPromise + "' is not an ISO-8601 period");
        }
        if (routePartitions < 1) {
            throw new IllegalArgumentException("routePartitions must be at least 1, got " + routePartitions);
        }
    }

    /** Defaults for everything but the application id and the serdes. */
    public static TopologyConfig defaults(String applicationId, TopicSerdes serdes) {
        return new TopologyConfig(
                applicationId,
                serdes,
                DEFAULT_DEDUPE_WINDOW,
                DEFAULT_RETENTION_SCAN_INTERVAL,
                DEFAULT_DEADLINE_SCAN_INTERVAL,
                DEFAULT_SCAN_SLICE_SIZE,
                DEFAULT_BACKUP_PROMISE,
                DEFAULT_ROUTE_PARTITIONS);
    }

    /**
     * The topology's own routing topic: identity hops, subject hand-overs and request tracking
     * travel on it, keyed by pseudonym, subject id or request id. It is a loop (the routing
     * processors write to the topic they read), which Streams' internal repartition topics cannot
     * express, so the application provisions it ({@code InternalTopics}); the name carries the
     * application id as Streams' own internal topics do.
     */
    public String routeTopic() {
        return routeTopic(applicationId);
    }

    /** The routing topic of an application id. */
    public static String routeTopic(String applicationId) {
        return applicationId + "-route";
    }

    public TopologyConfig withDedupeWindow(Duration window) {
        return new TopologyConfig(
                applicationId,
                serdes,
                window,
                retentionScanInterval,
                deadlineScanInterval,
                scanSliceSize,
                backupPromise,
                routePartitions);
    }

    public TopologyConfig withScanIntervals(Duration retention, Duration deadline) {
        return new TopologyConfig(
                applicationId,
                serdes,
                dedupeWindow,
                retention,
                deadline,
                scanSliceSize,
                backupPromise,
                routePartitions);
    }

    public TopologyConfig withScanSliceSize(int size) {
        return new TopologyConfig(
                applicationId,
                serdes,
                dedupeWindow,
                retentionScanInterval,
                deadlineScanInterval,
                size,
                backupPromise,
                routePartitions);
    }

    public TopologyConfig withRoutePartitions(int partitions) {
        return new TopologyConfig(
                applicationId,
                serdes,
                dedupeWindow,
                retentionScanInterval,
                deadlineScanInterval,
                scanSliceSize,
                backupPromise,
                partitions);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
