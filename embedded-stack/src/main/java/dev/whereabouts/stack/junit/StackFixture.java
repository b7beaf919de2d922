package dev.whereabouts.stack.junit;

import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicProvisioner;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.EmbeddedStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;

/**
 * What an integration test gets from {@link EmbeddedStackExtension}: the endpoints of the shared
 * embedded stack, a Kafka admin client and a Neo4j driver, and {@link #reset()} which the extension
 * calls before each test (clean topics, empty graph).
 */
public final class StackFixture implements AutoCloseable {

    private static final Duration RESET_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedStack stack;
    private final Admin admin;
    private final Driver driver;

    StackFixture(EmbeddedStack stack) {
        this.stack = stack;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        this.driver = GraphDatabase.driver(
                stack.boltUri(),
                AuthTokens.none(),
                Config.builder().withLogging(Logging.slf4j()).build());
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public URI registryUrl() {
        return stack.registryUrl();
    }

    public URI boltUri() {
        return stack.boltUri();
    }

    /** Shared admin client; do not close it. */
    public Admin admin() {
        return admin;
    }

    /** Shared Neo4j driver; do not close it. */
    public Driver driver() {
        return driver;
    }

    /** A consumer group or Streams application id no other test uses. */
    public String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Common client properties: bootstrap servers and the registry URL. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put("schema.registry.url", registryUrl().toString());
        return properties;
    }

    /**
     * Deletes every topic that is not Kafka's own and every consumer group, recreates the
     * catalogue's topics empty, and deletes every node and relationship of the graph.
     */
    public void reset() {
        try {
            Set<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .collect(Collectors.toSet());
            if (!groups.isEmpty()) {
                admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
            }
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()
                    .get(30, TimeUnit.SECONDS);
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
                awaitGone(topics);
            }
            new TopicProvisioner(admin, (short) 1, RESET_TIMEOUT.toMillis()).ensureAll();
            awaitVisible(Topics.all().stream().map(Topic::name).collect(Collectors.toSet()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not reset Kafka between tests: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting Kafka", e);
        }
        // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
        try (Session session = driver.session()) {
            session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
                    .consume();
        }
    }

    private void awaitGone(Set<String> deleted)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Instant deadline = Instant.now().plus(RESET_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Set<String> remaining = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (remaining.stream().noneMatch(deleted::contains)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics still present " + RESET_TIMEOUT.toSeconds() + " s after deletion");
    }

    /**
     * The controller acknowledges a creation before the broker's metadata shows it; a test must not
     * start in between, or its first client sees no topics.
     */
    private void awaitVisible(Set<String> topics)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Instant deadline = Instant.now().plus(RESET_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "catalogue topics not visible " + RESET_TIMEOUT.toSeconds() + " s after creation");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        driver.close();
        stack.close();
    }
}
