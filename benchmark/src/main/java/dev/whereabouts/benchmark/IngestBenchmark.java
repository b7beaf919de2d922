package dev.whereabouts.benchmark;

import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.emitter.EmitResult;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.http.IngestServer;
import dev.whereabouts.ingest.http.IngestSettings;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.web.Authenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest throughput on the embedded broker: the plain producer (the ceiling), the emitter, and the
 * HTTP batch endpoint, one after the other in one run, all writing realistic sharing events of the
 * seed scenario to the sharing-events topic with acks=all, idempotence and lz4.
 */
final class IngestBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBenchmark.class);
    private static final String[][] MIX = {
        {"postmark", "user.contact.email", "system-mail"},
        {"zendesk", "user.contact.email", "helpdesk"},
        {"campaign-monitor", "user.contact.email", "newsletter"},
        {"authy", "user.contact.phone_number", "two-factor-authentication"},
        {"moneybird", "user.contact.email", "invoicing"},
    };

    private final StackAddress stack;
    private final int events;
    private final int people;

    IngestBenchmark(StackAddress stack, int events, int people) {
        this.stack = stack;
        this.events = events;
        this.people = people;
    }

    List<Result> run() throws Exception {
        SerdeConfig serdeConfig = SerdeConfig.fromMap(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl().toString()));
        List<Result> results = new ArrayList<>();
        try (SchemaRegistryClient registry =
                new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig))) {
            TopicSerdes serdes = new TopicSerdes(registry, serdeConfig);
            try (CatalogPublisher publisher = new CatalogPublisher(
                    Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), serdes)) {
                publisher.publish(CatalogLoader.seed());
            }
            Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.demo());
            double plain = plainProducer(serdes, pseudonymiser);
            double emitter = emitter(registry, pseudonymiser);
            double http = http(pseudonymiser);
            results.add(
                    Result.rate(
                                    "Plain producer → Kafka (ceiling), 1 thread",
                                    plain,
                                    Double.NaN,
                                    "events/s",
                                    "reference 200k-390k/s",
                                    Verdict.NO_BAR)
                            .withNote(
                                    events + " pre-serialised sharing events, acks=all,"
                                            + " idempotent, lz4, linger 10 ms; on an embedded stack of their own, before the platform starts"));
            results.add(Result.rate(
                            "Emitter → Kafka",
                            emitter,
                            plain,
                            "events/s",
                            ">= 100,000/s and >= 0.5 x plain",
                            Verdict.of(emitter >= 100_000 && emitter >= 0.5 * plain))
                    .withNote("raw e-mail in: normalised, HMAC-"
                            + "pseudonymised, Avro, acks=all; timed until every event is acknowledged, none lost"));
            results.add(Result.rate(
                            "HTTP batch endpoint → Kafka",
                            http,
                            plain,
                            "events/s",
                            ">= 30,000/s",
                            Verdict.of(http >= 30_000))
                    .withNote(
                            "4 clients posting batches of 1,000; each answer waits for Kafka's" + " acknowledgement"));
        }
        return results;
    }

    /** The ceiling: pre-serialised events of the same shape, one producer, the same settings as the emitter. */
    private double plainProducer(TopicSerdes serdes, Pseudonymiser pseudonymiser) throws Exception {
        var serializer = serdes.valueSerde(Topics.SHARING_EVENTS).serializer();
        int distinct = Math.min(events, 50_000);
        List<byte[]> values = new ArrayList<>(distinct);
        List<byte[]> keys = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            String[] mix = MIX[i % MIX.length];
            var identifier = pseudonymiser.pseudonymise(IdentifierType.EMAIL, email(i % people));
            SharingEvent event = new SharingEvent(
                    "plain-" + i,
                    Instant.now(),
                    "benchmark",
                    List.of(identifier),
                    mix[0],
                    List.of(mix[1]),
                    mix[2],
                    LegalBasis.CONTRACT,
                    null,
                    SharingAction.SHARED);
            values.add(serializer.serialize(Topics.SHARING_EVENTS.name(), event));
            keys.add(identifier.getPseudonym().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        LOG.info("plain producer: {} events of ~{} bytes", events, values.get(0).length);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        64 * 1024),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(
                        Topics.SHARING_EVENTS.name(), keys.get(i % distinct), values.get(i % distinct)));
            }
            producer.flush();
            return rate(events, start);
        }
    }

    /** The emitter as a service uses it: raw identifiers in, normalised, pseudonymised, serialised, sent. */
    private double emitter(SchemaRegistryClient registry, Pseudonymiser pseudonymiser) {
        LOG.info("emitter: {} events over {} people", events, people);
        try (WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistry(registry)
                .sourceSystem("benchmark")
                .pseudonymiser(pseudonymiser)
                .maxPendingEvents(200_000)
                .build()) {
            // Warm the schema id and the connection so the timed run measures steady state.
            emitOne(emitter, 0).acknowledged().toCompletableFuture().join();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                while (emitter.metrics().pending() > 150_000) {
                    Thread.onSpinWait();
                }
                emitOne(emitter, i);
            }
            if (!emitter.flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException("emitter did not flush");
            }
            double rate = rate(events, start);
            var metrics = emitter.metrics();
            if (metrics.notDelivered() > 0) {
                throw new IllegalStateException("emitter lost events in the benchmark: " + metrics);
            }
            return rate;
        }
    }

    private EmitResult emitOne(WhereaboutsEmitter emitter, int i) {
        String[] mix = MIX[i % MIX.length];
        return emitter.shared(Subject.email(email(i % people)))
                .categories(mix[1])
                .to(mix[0])
                .purpose(mix[2])
                .legalBasis(LegalBasis.CONTRACT)
                .emit();
    }

    /** Batches of 1,000 events posted by 4 concurrent clients to an ingest service in this JVM. */
    private double http(Pseudonymiser pseudonymiser) throws Exception {
        Settings settings = Settings.defaults()
                .with(IngestSettings.PORT, 0)
                .with(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, stack.bootstrapServers())
                .with(CommonSettings.REGISTRY_URL, stack.registryUrl());
        int batchSize = 1000;
        int batches = Math.max(1, events / batchSize);
        LOG.info("HTTP: {} batches of {} events", batches, batchSize);
        try (IngestServer server = IngestServer.start(settings, Authenticator.demo(), pseudonymiser)) {
            if (!server.awaitCatalog(Duration.ofSeconds(30))) {
                throw new IllegalStateException("ingest did not load the catalog");
            }
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(server.url() + "/v1/events/batch");
            post(client, uri, batch(0, batchSize));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        post(client, uri, batch(b * batchSize, batchSize));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            return rate((long) batches * batchSize, start);
        }
    }

    private static void post(HttpClient client, URI uri, String body) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String batch(int first, int size) {
        StringBuilder json = new StringBuilder(size * 230).append("{\"events\":[");
        for (int i = first; i < first + size; i++) {
            String[] mix = MIX[i % MIX.length];
            if (i > first) {
                json.append(',');
            }
            json.append("{\"sourceSystem\":\"smarttrackers-app\",\"subject\":{\"email\":\"")
                    .append(email(i % people))
                    .append("\"},\"holder\":\"")
                    .append(mix[0])
                    .append("\",\"categories\":[\"")
                    .append(mix[1])
                    .append("\"],\"purpose\":\"")
                    .append(mix[2])
                    .append("\",\"legalBasis\":\"CONTRACT\"}");
        }
        return json.append("]}").toString();
    }

    private static String email(int person) {
        return "person" + person + "@example.com";
    }

    private static double rate(long count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }
}
