package dev.whereabouts.streams.app;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.LineageTopology;
import dev.whereabouts.streams.TopologyConfig;
import dev.whereabouts.streams.errors.DeadLetterDeserializationHandler;
import dev.whereabouts.streams.errors.DeadLetterProductionExceptionHandler;
import dev.whereabouts.streams.errors.DeadLetterSender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology: reads {@link StreamsSettings}, creates the routing topic, wires the registry
 * client, serdes and error handlers, and owns the lifecycle (start, SIGTERM, close). Everything the
 * topology does is in {@link LineageTopology#build}.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsSettings settings;
    private final SchemaRegistryClient registry;
    private final DeadLetterSender deadLetterSender;
    private final KafkaStreams streams;

    public StreamsApp(StreamsSettings settings) {
        this(settings, Time.SYSTEM);
    }

    /**
     * With the clock Kafka Streams runs wall-clock punctuation on (overdue flags, reminders, expiry,
     * retention findings): {@link Time#SYSTEM} in production; a clock moved ahead in tests that prove
     * what happens weeks later on the real broker.
     */
    public StreamsApp(StreamsSettings settings, Time time) {
        this.settings = settings;
        SerdeConfig serdeConfig = SerdeConfig.builder()
                .schemaRegistryUrl(settings.get(CommonSettings.REGISTRY_URL))
                .build();
        this.registry = CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(serdeConfig), serdeConfig);
        TopicSerdes serdes = new TopicSerdes(registry, serdeConfig);
        TopologyConfig topologyConfig = new TopologyConfig(
                settings.applicationId(),
                serdes,
                settings.duration(StreamsSettings.DEDUPE_WINDOW_MS),
                settings.duration(StreamsSettings.RETENTION_SCAN_INTERVAL_MS),
                settings.duration(StreamsSettings.DEADLINE_SCAN_INTERVAL_MS),
                settings.getInt(StreamsSettings.SCAN_SLICE_SIZE),
                settings.getString(StreamsSettings.BACKUP_PROMISE),
                settings.getInt(StreamsSettings.ROUTE_PARTITIONS));
        this.deadLetterSender = new DeadLetterSender(
                new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer()),
                serdes,
                new DeadLetters(settings.applicationId(), Clock.systemUTC()),
                Duration.ofSeconds(30));
        this.streams = new KafkaStreams(LineageTopology.build(topologyConfig), streamsProperties(), time);
        // A thread that dies of an unexpected error is replaced; the failed transaction is aborted and retried.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Creates the routing topic if needed and starts processing. */
    public StreamsApp start() {
        try (Admin admin = Admin.create(KafkaClientSettings.clientProperties(settings.settings()))) {
            InternalTopics.ensureRouteTopic(
                    admin,
                    settings.applicationId(),
                    settings.getInt(StreamsSettings.ROUTE_PARTITIONS),
                    (short) settings.getInt(StreamsSettings.REPLICATION_FACTOR),
                    ADMIN_TIMEOUT);
            InternalTopics.awaitTopics(
                    admin,
                    List.of(
                            Topics.CATALOG_HOLDERS.name(),
                            Topics.CATALOG_FLOWS.name(),
                            Topics.SHARING_EVENTS.name(),
                            Topics.DSR_REQUESTS.name(),
                            Topics.DSR_OUTCOMES.name(),
                            TopologyConfig.routeTopic(settings.applicationId())),
                    ADMIN_TIMEOUT);
        }
        streams.start();
        return this;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The Streams properties this application runs with. */
    Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.getLong(StreamsSettings.COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.getInt(StreamsSettings.NUM_STREAM_THREADS));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.getInt(StreamsSettings.NUM_STANDBY_REPLICAS));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.getString(StreamsSettings.STATE_DIR));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.getInt(StreamsSettings.REPLICATION_FACTOR));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionExceptionHandler.class);
        props.put(DeadLetterDeserializationHandler.SENDER_CONFIG, deadLetterSender);
        props.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                settings.getInt(StreamsSettings.SESSION_TIMEOUT_MS));
        // No compression: on a profile of the demo mix, allocating an lz4 block per small transactional
        // batch cost a quarter of the stream threads' CPU; the bytes saved are not worth it next to the broker.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // Bootstrap servers, then kafka.client.* and kafka.streams.* on top of the defaults above.
        props.putAll(KafkaClientSettings.streamsProperties(settings.settings()));
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(KafkaClientSettings.clientProperties(settings.settings()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-dead-letters");
        return props;
    }

    @Override
    public void close() {
        // Leave the group on a clean stop so the partitions move at once, not after the session timeout.
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        deadLetterSender.close();
        registry.close();
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsSettings settings;
        try {
            settings = new StreamsSettings(StreamsSettings.COMMAND_LINE.parseOrExit(args));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StreamsApp app = new StreamsApp(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "whereabouts-streams-shutdown"));
        app.start();
        LOG.info(
                "whereabouts streams {} started against {}",
                settings.applicationId(),
                settings.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS));
        stopped.await();
    }
}
