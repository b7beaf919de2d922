package dev.whereabouts.model.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics, idempotently: a topic that exists is left alone (and reported if
 * it has fewer partitions than declared), a missing one is created with the declared configs. Safe to
 * run from every instance at every start, concurrently.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final short replicationFactor;
    private final long timeoutMillis;

    /**
     * @param admin             a Kafka admin client the caller owns
     * @param replicationFactor replicas per partition: 1 on the embedded single node, 3 in production
     * @param timeoutMillis     how long to wait for the cluster before failing
     */
    public TopicProvisioner(Admin admin, short replicationFactor, long timeoutMillis) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeoutMillis = timeoutMillis;
    }

    /** Ensures every topic of {@link Topics#all()} exists; returns the names that were created. */
    public List<String> ensureAll() {
        return ensure(Topics.all());
    }

    /** Ensures the given topics exist; returns the names that were created by this call. */
    public List<String> ensure(Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(
                            new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                Map<String, KafkaFuture<Void>> results =
                        admin.createTopics(missing).values();
                for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                    try {
                        result.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
                        created.add(result.getKey());
                    } catch (ExecutionException e) {
                        // Another instance created it between our listing and our request: that is success.
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            // Only topics that existed before can disagree with the catalogue; fresh ones may not be
            // visible to describeTopics yet.
            warnAboutUnderPartitioned(
                    topics.stream().filter(t -> existing.contains(t.name())).toList());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            return List.copyOf(created);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not provision topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not provision topics: Kafka did not answer within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        }
    }

    private void warnAboutUnderPartitioned(Collection<Topic<?, ?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                        topics.stream().map(Topic::name).toList())
                .allTopicNames()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description != null && description.partitions().size() < topic.partitions()) {
                LOG.warn(
                        "topic {} has {} partitions, fewer than the {} declared",
                        topic.name(),
                        description.partitions().size(),
                        topic.partitions());
            }
        }
    }
}
