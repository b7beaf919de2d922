package dev.whereabouts.streams.app;

import dev.whereabouts.streams.TopologyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the application's routing topic, idempotently, before Streams starts. Streams creates
 * its own repartition and changelog topics, but not this one: it is a loop, read and written by
 * the same processors, which Streams' internal topics cannot express.
 */
public final class InternalTopics {

    /** Records on the routing topic are consumed within seconds; a week covers any outage. */
    static final Duration ROUTE_RETENTION = Duration.ofDays(7);

    private InternalTopics() {}

    /**
     * Waits until every topic is described with partitions: Streams refuses to start a global store
     * on a topic its metadata does not show yet (e.g. just created by the launcher).
     */
    public static void awaitTopics(Admin admin, java.util.Collection<String> names, Duration timeout) {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            try {
                var described =
                        admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (described.values().stream()
                        .allMatch(d -> !d.partitions().isEmpty()
                                && d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not there yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topics " + names + " not available within " + timeout
                        + "; are the catalogue topics provisioned (TopicProvisioner)?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
        }
    }

    /** The topic's partition count, retried while a just-created topic is not yet described. */
    private static int partitionCount(Admin admin, String name, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            try {
                return admin.describeTopics(List.of(name))
                        .allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(name)
                        .partitions()
                        .size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || java.time.Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    public static void ensureRouteTopic(
            Admin admin, String applicationId, int partitions, short replicationFactor, Duration timeout) {
        String name = TopologyConfig.routeTopic(applicationId);
        NewTopic topic = new NewTopic(name, partitions, replicationFactor)
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(ROUTE_RETENTION.toMillis())));
        try {
            if (!admin.listTopics()
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(name)) {
                try {
                    admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "could not create " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            int actual = partitionCount(admin, name, timeout);
            if (actual != partitions) {
                // The partition count decides which task owns a key; running with another count than the
                // topic's would let two tasks work on one subject.
                throw new IllegalStateException("routing topic " + name + " has " + actual + " partitions but "
                        + StreamsSettings.ROUTE_PARTITIONS + " is " + partitions + "; set "
                        + StreamsSettings.ROUTE_PARTITIONS.name().substring(StreamsSettings.PREFIX.length())
                        + "=" + actual + " (" + StreamsSettings.ROUTE_PARTITIONS.environmentVariable() + "=" + actual
                        + "; a routing topic cannot be repartitioned in place)");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not describe " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + name, e);
        }
    }
}
