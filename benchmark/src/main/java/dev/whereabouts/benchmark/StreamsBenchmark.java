package dev.whereabouts.benchmark;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.TopologyConfig;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import dev.whereabouts.streams.fixtures.Requests;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SharingEvents;
import dev.whereabouts.streams.routing.RoutingProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams phase: the lineage topology alone, on a stack where nothing else consumes its topics
 * (see {@code docs/streams.md}). In one run:
 *
 * <ol>
 *   <li>the plain Streams ceiling from STACK.md: map + groupByKey + aggregate into RocksDB, EOS v2, 6
 *       partitions, 2 threads, over {@code --events} pre-loaded 200-byte records;
 *   <li>the topology on the Streams demo mix: {@code --events} sharing events of {@code --people} people
 *       pre-loaded, then the application started; timed until its committed offsets on the input and
 *       routing topics reach their ends, so every event has gone all the way through (lineage committed);
 *   <li>erasure fan-out: {@code --requests} requests filed one by one on the requests topic against the
 *       running topology, each until the last of its tasks is readable (read_committed) on the tasks topic.
 * </ol>
 *
 * The events, the catalog and the requests are the streams module's own test fixtures (its test-jar),
 * so the mix is the one the topology's tests speak of.
 */
final class StreamsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsBenchmark.class);
    /** Distinct keys of the ceiling's records, as STACK.md's reference run. */
    private static final int CEILING_KEYS = 100_000;

    private final StackAddress stack;
    private final BenchmarkArguments args;
    private final Consumer<Result> results;

    StreamsBenchmark(StackAddress stack, BenchmarkArguments args, Consumer<Result> results) {
        this.stack = stack;
        this.args = args;
        this.results = results;
    }

    void run() throws Exception {
        int events = args.events();
        int people = args.people();
        Duration timeout = Duration.ofSeconds(args.e2eTimeoutS());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Path state = Files.createTempDirectory("whereabouts-bench-streams-");
        try {
            double ceiling = StreamsCeiling.run(
                    stack.bootstrapServers(), events, CEILING_KEYS, true, state.resolve("ceiling"), timeout);
            results.accept(Result.rate(
                            "Streams phase: plain Kafka Streams EOS v2 map + groupByKey + aggregate (ceiling)",
                            ceiling,
                            Double.NaN,
                            "records/s",
                            "reference 55k-70k/s",
                            Verdict.NO_BAR)
                    .withNote(Report.count(events) + " pre-loaded 200-byte records over "
                            + Report.count(CEILING_KEYS) + " keys, 6 partitions, 2 threads, 1 s commits, on a stack"
                            + " where nothing else runs"));

            SerdeConfig serdeConfig = SerdeConfig.fromMap(
                    Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl().toString()));
            try (SchemaRegistryClient registry =
                            new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig));
                    KafkaProducer<byte[], byte[]> producer = producer();
                    KafkaProgress progress = new KafkaProgress(stack.bootstrapServers())) {
                TopicSerdes serdes = new TopicSerdes(registry, serdeConfig);
                SeedCatalog.holders().forEach(h -> producer.send(record(serdes, Topics.CATALOG_HOLDERS, h.getId(), h)));
                SeedCatalog.flows().forEach(f -> producer.send(record(serdes, Topics.CATALOG_FLOWS, f.getId(), f)));
                producer.flush();

                long lineageBefore = progress.committedRecords(Topics.LINEAGE.name());
                double produceSeconds = produceMix(serdes, producer, events, people);

                String applicationId = "bench-topology-" + run;
                Map<Setting<?>, Object> settings = new HashMap<>(Map.of(
                        CommonSettings.KAFKA_BOOTSTRAP_SERVERS,
                        stack.bootstrapServers(),
                        CommonSettings.REGISTRY_URL,
                        stack.registryUrl().toString(),
                        StreamsSettings.APPLICATION_ID,
                        applicationId,
                        StreamsSettings.STATE_DIR,
                        Files.createDirectories(state.resolve("topology")).toString(),
                        StreamsSettings.NUM_STREAM_THREADS,
                        Integer.toString(args.threads())));
                args.commitIntervalMs()
                        .ifPresent(ms -> settings.put(StreamsSettings.COMMIT_INTERVAL_MS, Integer.toString(ms)));
                long start = System.nanoTime();
                try (StreamsApp app = new StreamsApp(new StreamsSettings(settings)).start()) {
                    Map<String, Boolean> input =
                            Map.of(Topics.SHARING_EVENTS.name(), false, TopologyConfig.routeTopic(applicationId), true);
                    long deadline = start + timeout.toNanos();
                    while (progress.lag(applicationId, input) > 0) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException(
                                    applicationId + " did not catch up on " + input.keySet() + " within " + timeout);
                        }
                        Thread.sleep(100);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double rate = events / seconds;
                    long lineage = progress.committedRecords(Topics.LINEAGE.name()) - lineageBefore;
                    results.accept(Result.rate(
                                    "Streams phase: lineage topology on the Streams demo mix → Streams committed",
                                    rate,
                                    ceiling,
                                    "events/s",
                                    ">= 20,000 events/s end to end",
                                    Verdict.of(rate >= 20_000))
                            .withNote(String.format(
                                    Locale.ROOT,
                                    "%s pre-loaded demo-mix events of %s people (one day of traffic, skewed: mostly"
                                            + " repeated mail, analytics and newsletters, some app logins fanning out to"
                                            + " hosting, cache and backups, a third carrying a phone), %d stream threads,"
                                            + " commit interval %s; timed from the application's start until its committed"
                                            + " offsets reached the end of the input and routing topics: %.1f s (produced"
                                            + " beforehand in %.1f s); %s lineage records emitted (%.2f per event); routing"
                                            + " messages %s",
                                    Report.count(events),
                                    Report.count(people),
                                    args.threads(),
                                    args.commitIntervalMs()
                                            .map(ms -> ms + " ms")
                                            .orElse("the application's"),
                                    seconds,
                                    produceSeconds,
                                    Report.count(lineage),
                                    lineage / (double) events,
                                    routingHops(app))));
                    fanOut(serdes, producer, people, new Random(7));
                }
            }
        } finally {
            PlatformBenchmark.deleteRecursively(state);
        }
    }

    /** Produces the demo mix before the topology starts; returns the seconds it took. */
    private static double produceMix(
            TopicSerdes serdes, KafkaProducer<byte[], byte[]> producer, int events, int people) {
        LOG.info("streams phase: producing {} demo-mix events of {} people", events, people);
        Random random = new Random(42);
        long producing = System.nanoTime();
        // Made as they are sent, not all first: a million events held at once would crowd the benchmark's heap.
        for (int i = 0; i < events; i++) {
            SharingEvent event = demoMixEvent(i, events, people, random);
            producer.send(record(
                    serdes, Topics.SHARING_EVENTS, event.getIdentifiers().get(0).getPseudonym(), event));
        }
        producer.flush();
        return (System.nanoTime() - producing) / 1e9;
    }

    /** How many routing messages were handled in the task that produced them, and how many took the topic. */
    private static String routingHops(StreamsApp app) {
        Map<String, Double> hops = new TreeMap<>();
        app.streams().metrics().forEach((name, metric) -> {
            if (name.group().contains(RoutingProcessor.METRICS_SCOPE)
                    && name.name().endsWith("-total")) {
                hops.merge(name.name(), ((Number) metric.metricValue()).doubleValue(), Double::sum);
            }
        });
        return hops.toString();
    }

    /** Erasures produced straight to the requests topic, one about every 50 ms. */
    private void fanOut(TopicSerdes serdes, KafkaProducer<byte[], byte[]> producer, int people, Random random)
            throws Exception {
        TaskWatch.Outcome outcome;
        LOG.info("streams phase: {} erasure requests through the topology", args.requests());
        try (TaskWatch watch = new TaskWatch(stack.bootstrapServers(), serdes)) {
            for (int i = 0; i < args.requests(); i++) {
                SubjectIdentifier id = email("bench-person-" + random.nextInt(people));
                DataSubjectRequest request = Requests.aRequest(RequestType.ERASURE)
                        .id("bench-" + UUID.randomUUID())
                        .of(id)
                        .receivedAt(Instant.now())
                        .build();
                watch.filed(request.getRequestId(), System.nanoTime());
                producer.send(record(serdes, Topics.DSR_REQUESTS, id.getPseudonym(), request));
                producer.flush();
                Thread.sleep(50);
            }
            watch.awaitAll(Duration.ofSeconds(60));
            outcome = watch.outcome();
        }
        String name = "Streams phase: erasure fan-out, request on Kafka → every task on Kafka";
        String counts = outcome.filed() + " erasure requests of random people of the mix produced to "
                + Topics.DSR_REQUESTS.name() + " about every 50 ms, each timed until the last of its tasks (as many"
                + " as its first status lists) was readable read_committed on " + Topics.DSR_TASKS.name() + "; "
                + outcome.withoutTasks() + " without data (no tasks, excluded), " + outcome.incomplete()
                + " incomplete after 60 s";
        if (outcome.latencies().isEmpty()) {
            results.accept(Result.single(name, "no request completed", Double.NaN, "p99 <= 1 s", Verdict.NOT_MET)
                    .withNote(counts));
            return;
        }
        Percentiles p = outcome.latencies().percentiles();
        results.accept(
                Result.latency(name, p, null, "p99 <= 1 s", Verdict.of(p.p99() <= 1_000 && outcome.incomplete() == 0))
                        .withNote(counts + "; " + p.count() + " with tasks measured; max " + Report.millis(p.max())));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static <K, V> ProducerRecord<byte[], byte[]> record(TopicSerdes serdes, Topic<K, V> topic, K key, V value) {
        return new ProducerRecord<>(
                topic.name(),
                serdes.keySerde(topic).serializer().serialize(topic.name(), key),
                serdes.valueSerde(topic).serializer().serialize(topic.name(), value));
    }

    /**
     * The {@code i}-th of {@code events} events of the Streams demo mix (deterministic for the same
     * {@code random} drawn in order): per event a person (skewed: a few are very active) and a holder weighted like
     * a SaaS application's traffic: mostly repeated mail, analytics and newsletters; some app logins
     * (fanning out to hosting, cache and backups); rarely helpdesk, 2FA set-up and invoices. A third of
     * the events carry the phone too, so identities are stitched as they go.
     */
    static SharingEvent demoMixEvent(int i, int events, int people, Random random) {
        Instant start = SharingEvents.T0;
        int person = (int) Math.min(people - 1, Math.abs(random.nextGaussian()) * people / 3);
        SubjectIdentifier mail = email("bench-person-" + person);
        // One day of traffic: repeated shares within the day are what the emission rule must absorb.
        SharingEvents event = SharingEvents.aSharingEvent().at(start.plusMillis((long) i * 86_400_000L / events));
        if (random.nextInt(3) == 0) {
            event.of(mail, phone("bench-person-" + person));
        } else {
            event.of(mail);
        }
        int pick = random.nextInt(100);
        if (pick < 35) {
            event.to(SeedCatalog.POSTMARK).categories("user.contact.email").purpose("transactional-mail");
        } else if (pick < 60) {
            event.to(SeedCatalog.GOOGLE_ANALYTICS)
                    .categories("user.device.ip_address")
                    .purpose("website-analytics")
                    .basis(LegalBasis.LEGITIMATE_INTERESTS);
        } else if (pick < 75) {
            event.to(SeedCatalog.CAMPAIGN_MONITOR)
                    .categories("user.name", "user.contact.email")
                    .purpose("newsletter")
                    .basis(LegalBasis.CONSENT);
        } else if (pick < 90) {
            event.to(SeedCatalog.APP)
                    .categories("user.contact.email", "user.device.ip_address")
                    .purpose("account");
        } else if (pick < 95) {
            event.to(SeedCatalog.ZENDESK)
                    .categories("user.name", "user.contact.email", "user.content")
                    .purpose("helpdesk");
        } else if (pick < 98) {
            event.to(SeedCatalog.AUTHY)
                    .categories("user.contact.email", "user.contact.phone_number")
                    .purpose("two-factor-authentication");
        } else {
            event.to(SeedCatalog.MONEYBIRD)
                    .categories("user.name", "user.contact.email", "user.financial")
                    .purpose("invoicing")
                    .basis(LegalBasis.LEGAL_OBLIGATION);
        }
        return event.build();
    }
}
