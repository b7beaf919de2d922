package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a catalog to the compacted topics {@link Topics#CATALOG_HOLDERS} and
 * {@link Topics#CATALOG_FLOWS}, keyed by id, and its controller's policy to
 * {@link Topics#CATALOG_CONTROLLER} under {@link Topics#CONTROLLER_KEY}, writing only what changed.
 *
 * <p>Each {@link #publish} first reads the three topics to their end, compares what they hold with
 * the catalog ({@link CatalogDiff}: content, not version stamp), and writes the new or changed
 * holders, flows and controller policy and a tombstone for each one the catalog dropped. Publishing
 * the same catalog twice writes nothing; so does a restart. Order: holders first, then flows, then
 * the removal of holders, so a reader following both topics rarely sees a flow whose holder it does
 * not know; the controller policy last, as nothing on the other topics refers to it.
 *
 * <p>The producer is idempotent with {@code acks=all}; {@code publish} returns only when every
 * record is acknowledged, and throws otherwise, so a caller (the {@link CatalogWatcher}) can retry
 * the whole publication: since it compares first, a retry writes only what is still missing.
 * Publications are serialised; the publisher is safe to share.
 */
public final class CatalogPublisher implements CatalogSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);

    /** Default bound on reading the topics and on waiting for acknowledgements. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaProperties;
    private final TopicSerdes serdes;
    private final Duration timeout;
    private final KafkaProducer<String, Holder> holderProducer;
    private final KafkaProducer<String, DeclaredFlow> flowProducer;
    private final KafkaProducer<String, ControllerPolicy> controllerProducer;

    /**
     * @param kafkaProperties bootstrap servers and any security settings; acks, idempotence and
     *                        serialisers are set here
     * @param serdes          serdes for the catalog topics (the schema registry client inside is the caller's)
     */
    public CatalogPublisher(Map<String, Object> kafkaProperties, TopicSerdes serdes) {
        this(kafkaProperties, serdes, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout bound on reading the topics and on waiting for acknowledgements
     */
    public CatalogPublisher(Map<String, Object> kafkaProperties, TopicSerdes serdes, Duration timeout) {
        this.kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.holderProducer = new KafkaProducer<>(
                producerConfig("holders"),
                new StringSerializer(),
                serdes.valueSerde(Topics.CATALOG_HOLDERS).serializer());
        this.flowProducer = new KafkaProducer<>(
                producerConfig("flows"),
                new StringSerializer(),
                serdes.valueSerde(Topics.CATALOG_FLOWS).serializer());
        this.controllerProducer = new KafkaProducer<>(
                producerConfig("controller"),
                new StringSerializer(),
                serdes.valueSerde(Topics.CATALOG_CONTROLLER).serializer());
    }

    /**
     * Makes the catalog topics show {@code catalog}, writing only the difference.
     *
     * @throws CatalogPublishException when the topics could not be read or a write was not acknowledged
     */
    @Override
    public synchronized PublishResult publish(Catalog catalog) {
        CatalogDiff diff = compareWithTopics(catalog);
        if (diff.isEmpty()) {
            LOG.info(
                    "catalog {} is already published ({} holders, {} flows unchanged)",
                    catalog.version(),
                    diff.holdersUnchanged(),
                    diff.flowsUnchanged());
        } else {
            write(diff, catalog.version());
        }
        PublishResult result = new PublishResult(
                catalog.version(),
                diff.holdersToWrite().stream().map(CatalogHolder::id).toList(),
                diff.holdersToRemove(),
                diff.flowsToWrite().stream().map(CatalogFlow::id).toList(),
                diff.flowsToRemove(),
                diff.holdersUnchanged(),
                diff.flowsUnchanged(),
                diff.controllerToWrite().isPresent(),
                diff.controllerToRemove());
        if (result.changed()) {
            LOG.info("published {}", result);
        }
        return result;
    }

    @Override
    public void close() {
        holderProducer.close(Duration.ofSeconds(5));
        flowProducer.close(Duration.ofSeconds(5));
        controllerProducer.close(Duration.ofSeconds(5));
    }

    private CatalogDiff compareWithTopics(Catalog catalog) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (CatalogTopicsReader reader = new CatalogTopicsReader(
                kafkaProperties, serdes, "whereabouts-catalog-publisher-reader-" + UUID.randomUUID())) {
            // Freshly created topics take a moment to show in metadata; missing ones never do.
            while (!reader.assign(Duration.ofMillis(Math.max(1, remaining(deadline))))) {
                if (remaining(deadline) <= 0) {
                    throw new CatalogPublishException("the catalog topics " + CatalogTopicsReader.TOPICS
                            + " do not all exist after " + timeout + "; provision the topics first");
                }
                sleep(Duration.ofMillis(100));
            }
            while (!reader.caughtUp()) {
                if (System.nanoTime() > deadline) {
                    throw new CatalogPublishException(
                            "could not read the catalog topics to their end within " + timeout);
                }
                if (reader.poll(Duration.ofMillis(200)).mustBackOff()) {
                    sleep(Duration.ofMillis(500));
                }
            }
            return CatalogDiff.between(CatalogDiff.Current.of(reader), catalog);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new CatalogPublishException("could not read the catalog topics: " + e.getMessage(), e);
        }
    }

    private void write(CatalogDiff diff, String version) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (CatalogHolder holder : diff.holdersToWrite()) {
                sent.add(holderProducer.send(new ProducerRecord<>(
                        Topics.CATALOG_HOLDERS.name(), holder.id(), CatalogAvro.toAvro(holder, version))));
            }
            // Flows wait for the holders they may name to be acknowledged.
            await(sent, holderProducer);
            for (CatalogFlow flow : diff.flowsToWrite()) {
                sent.add(flowProducer.send(new ProducerRecord<>(
                        Topics.CATALOG_FLOWS.name(), flow.id(), CatalogAvro.toAvro(flow, version))));
            }
            for (String flowId : diff.flowsToRemove()) {
                sent.add(flowProducer.send(new ProducerRecord<>(Topics.CATALOG_FLOWS.name(), flowId, null)));
            }
            await(sent, flowProducer);
            for (String holderId : diff.holdersToRemove()) {
                sent.add(holderProducer.send(new ProducerRecord<>(Topics.CATALOG_HOLDERS.name(), holderId, null)));
            }
            await(sent, holderProducer);
            if (diff.controllerToWrite().isPresent()) {
                sent.add(controllerProducer.send(new ProducerRecord<>(
                        Topics.CATALOG_CONTROLLER.name(),
                        Topics.CONTROLLER_KEY,
                        CatalogAvro.toAvro(diff.controllerToWrite().get(), version))));
            } else if (diff.controllerToRemove()) {
                sent.add(controllerProducer.send(
                        new ProducerRecord<>(Topics.CATALOG_CONTROLLER.name(), Topics.CONTROLLER_KEY, null)));
            }
            await(sent, controllerProducer);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new CatalogPublishException("could not publish catalog " + version + ": " + e.getMessage(), e);
        }
    }

    private void await(List<Future<RecordMetadata>> sent, KafkaProducer<?, ?> producer) {
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            sent.clear();
        } catch (ExecutionException e) {
            throw new CatalogPublishException(
                    "a catalog record was not acknowledged: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CatalogPublishException("catalog records were not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogPublishException("interrupted while publishing the catalog", e);
        }
    }

    private Map<String, Object> producerConfig(String topic) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "whereabouts-catalog-publisher-" + topic + "-" + UUID.randomUUID());
        // Delivery and request timeouts stay Kafka's: a record acknowledged after we gave up is
        // harmless, the next publication compares first and finds it there.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        return config;
    }

    private static long remaining(long deadlineNanos) {
        return Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogPublishException("interrupted while reading the catalog topics", e);
        }
    }
}
