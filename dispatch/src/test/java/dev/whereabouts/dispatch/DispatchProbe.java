package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.catalog.ErasureRoute;
import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test helper on the real embedded stack: publishes the seed catalog with some holders moved to the
 * WEBHOOK or EMAIL channel, writes tasks as the topology does, reads what the dispatcher wrote, and
 * starts the dispatcher with test settings.
 */
final class DispatchProbe implements AutoCloseable {

    static final String GROUP = "whereabouts-dispatcher";

    private final StackFixture stack;
    private final SchemaRegistryClient registry;
    private final TopicSerdes serdes;

    DispatchProbe(StackFixture stack) {
        this.stack = stack;
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl(stack.registryUrl().toString())
                .build();
        this.registry = new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config));
        this.serdes = new TopicSerdes(registry, config);
    }

    Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    /** The seed catalog with each of {@code routes}' holders on the given channel and endpoint. */
    void publishCatalog(Map<String, ErasureRoute> routes) {
        Catalog seed = CatalogLoader.seed();
        List<CatalogHolder> holders = new ArrayList<>();
        for (CatalogHolder h : seed.holders().values()) {
            ErasureRoute route = routes.getOrDefault(h.id(), h.erasure());
            holders.add(new CatalogHolder(
                    h.id(),
                    h.displayName(),
                    h.legalEntity(),
                    h.country(),
                    h.role(),
                    h.purposes(),
                    h.categories(),
                    h.retention(),
                    h.legalHolds(),
                    route));
        }
        Catalog catalog = new Catalog(
                seed.version(),
                seed.controller(),
                seed.purposes().values(),
                holders,
                seed.flows().values());
        try (CatalogPublisher publisher = new CatalogPublisher(kafka(), serdes)) {
            publisher.publish(catalog);
        }
    }

    static ErasureRoute webhook(String url) {
        return new ErasureRoute(ErasureChannel.WEBHOOK, Optional.of(url));
    }

    static ErasureRoute email(String mailbox) {
        return new ErasureRoute(ErasureChannel.EMAIL, Optional.of(mailbox));
    }

    /** Settings of a dispatcher on this stack: fast retries, the given webhook secrets, no demo. */
    Settings settings(String callbackUrl, String webhookSecrets) {
        return Settings.defaults()
                .with(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, stack.bootstrapServers())
                .with(CommonSettings.REGISTRY_URL, stack.registryUrl().toString())
                .with(DeliverySettings.CALLBACK_URL, callbackUrl)
                .with(DeliverySettings.TASK_TOKEN_KEY, TaskFixtures.TOKEN_KEY)
                .with(DeliverySettings.WEBHOOK_SECRETS, webhookSecrets)
                .with(DispatchSettings.RETRY_TRIES, 3)
                .with(DispatchSettings.RETRY_BACKOFF_MS, 200)
                .with(DispatchSettings.RETRY_MAX_BACKOFF_MS, 400)
                .with(DispatchSettings.HTTP_REQUEST_TIMEOUT_MS, 5_000);
    }

    /** Writes the task as the topology does (keyed by holder) and returns the value bytes as written. */
    byte[] produceTask(HolderTask task) {
        byte[] value = serdes.valueSerde(Topics.DSR_TASKS).serializer().serialize(Topics.DSR_TASKS.name(), task);
        produce(Topics.DSR_TASKS, task.getHolder(), value);
        return value;
    }

    void produce(Topic<?, ?> topic, String key, byte[] value) {
        Map<String, Object> properties = new HashMap<>(kafka());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of the topic so far, all partitions. */
    List<ConsumerRecord<byte[], byte[]>> records(Topic<?, ?> topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(kafka(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    List<DeadLetter> deadLetters() {
        var deserializer = serdes.valueSerde(Topics.DSR_DELIVERY_DEAD_LETTERS).deserializer();
        return records(Topics.DSR_DELIVERY_DEAD_LETTERS).stream()
                .map(r -> deserializer.deserialize(r.topic(), r.value()))
                .toList();
    }

    /** Outcomes with the key they were written under. */
    Map<String, List<HolderOutcome>> outcomesByKey() {
        var deserializer = serdes.valueSerde(Topics.DSR_OUTCOMES).deserializer();
        return records(Topics.DSR_OUTCOMES).stream()
                .collect(Collectors.groupingBy(
                        r -> new String(r.key(), StandardCharsets.UTF_8),
                        Collectors.mapping(r -> deserializer.deserialize(r.topic(), r.value()), Collectors.toList())));
    }

    List<HolderOutcome> outcomes() {
        return outcomesByKey().values().stream().flatMap(List::stream).toList();
    }

    /** Offsets the dispatcher's group has committed, summed over the task topic's partitions. */
    long committedTasks() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = stack.admin()
                    .listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.DSR_TASKS.name()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds; fails after {@code seconds}. */
    static void eventually(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
