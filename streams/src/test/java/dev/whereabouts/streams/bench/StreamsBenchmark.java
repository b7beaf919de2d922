package dev.whereabouts.streams.bench;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.TopologyConfig;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import dev.whereabouts.streams.fixtures.Requests;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SharingEvents;
import dev.whereabouts.streams.it.KafkaIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Streams benchmark, against a running embedded stack (a documented command, not a test; see
 * docs/streams.md). In one run it measures:
 *
 * <ol>
 *   <li>the plain Streams ceiling from STACK.md: map + groupByKey + aggregate into RocksDB, EOS v2,
 *       6 partitions, 2 threads, over N pre-loaded 200-byte records;</li>
 *   <li>the topology on the realistic demo mix: N sharing events pre-loaded, then the application
 *       started; the time until its group's committed offsets on the input and routing topics reach
 *       their ends, so every event has gone all the way through (lineage committed);</li>
 *   <li>erasure fan-out latency: requests filed one by one against the running topology, from
 *       produce to the last of the request's tasks readable (read_committed) on the tasks topic.</li>
 * </ol>
 *
 * Arguments: {@code --bootstrap=host:port --registry=http://host:port [--events=200000]
 * [--people=20000] [--requests=200] [--commit-interval-ms=N (default: the application's)] [--threads=2]}; without
 * {@code --bootstrap} it starts a fresh embedded stack of its own on free ports.
 */
public final class StreamsBenchmark {

    private final Map<String, String> args;
    private final String bootstrap;
    private final String registry;

    private StreamsBenchmark(Map<String, String> args) {
        this.args = args;
        this.bootstrap = required("bootstrap");
        this.registry = required("registry");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, got '" + arg + "'");
            }
            args.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        if (args.containsKey("bootstrap")) {
            new StreamsBenchmark(args).run();
        } else {
            // Nothing else may consume the benchmark's topics: a fresh stack of its own on free ports.
            Path data = Files.createTempDirectory("whereabouts-streams-bench-stack");
            try (dev.whereabouts.stack.EmbeddedStack stack =
                    dev.whereabouts.stack.EmbeddedStack.start(dev.whereabouts.stack.StackConfig.fromEnvironment()
                            .withDataDirectory(data)
                            .withEphemeralPorts())) {
                args.put("bootstrap", stack.bootstrapServers());
                args.put("registry", stack.registryUrl().toString());
                new StreamsBenchmark(args).run();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        int events = Integer.parseInt(args.getOrDefault("events", "200000"));
        int people = Integer.parseInt(args.getOrDefault("people", "20000"));
        int requests = Integer.parseInt(args.getOrDefault("requests", "200"));
        String run = Long.toString(System.currentTimeMillis(), 36);

        double ceiling = ceiling(events, run);
        System.out.printf("ceiling: plain Streams EOS v2 aggregate, %d records: %.0f records/s%n", events, ceiling);

        try (KafkaIo io = new KafkaIo(bootstrap, registry);
                Admin admin = admin()) {
            publishCatalog(io);
            List<SharingEvent> mix = demoMix(events, people, new Random(42));
            Instant producing = Instant.now();
            for (SharingEvent event : mix) {
                io.send(Topics.SHARING_EVENTS, event.getIdentifiers().get(0).getPseudonym(), event);
            }
            io.flush();
            double produceSeconds = Duration.between(producing, Instant.now()).toMillis() / 1000.0;
            String applicationId = "bench-topology-" + run;
            Path state = Files.createTempDirectory("whereabouts-bench");
            Map<String, String> settings = new HashMap<>(Map.of(
                    StreamsSettings.BOOTSTRAP_SERVERS,
                    bootstrap,
                    StreamsSettings.SCHEMA_REGISTRY_URL,
                    registry,
                    StreamsSettings.APPLICATION_ID,
                    applicationId,
                    StreamsSettings.STATE_DIR,
                    state.toString(),
                    StreamsSettings.NUM_STREAM_THREADS,
                    args.getOrDefault("threads", "2")));
            if (args.containsKey("commit-interval-ms")) {
                settings.put(StreamsSettings.COMMIT_INTERVAL_MS, args.get("commit-interval-ms"));
            }
            try (KafkaIo.Reader<?, ?> lineage = io.reader(Topics.LINEAGE)) {
                Instant start = Instant.now();
                try (StreamsApp app = new StreamsApp(new StreamsSettings(settings)).start()) {
                    awaitCaughtUp(
                            admin,
                            applicationId,
                            List.of(Topics.SHARING_EVENTS.name(), TopologyConfig.routeTopic(applicationId)),
                            Duration.ofMinutes(20));
                    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                    long lineageRecords = countAll(lineage);
                    System.out.printf(
                            "topology: %d demo-mix events (%d people) in %.1f s: %.0f events/s"
                                    + " (%.2f x ceiling); %d lineage records emitted (%.2f per event); produced in %.1f s%n",
                            events,
                            people,
                            seconds,
                            events / seconds,
                            events / seconds / ceiling,
                            lineageRecords,
                            lineageRecords / (double) events,
                            produceSeconds);
                    printRoutingHops(app);
                    fanOut(io, requests, people, new Random(7));
                }
            }
        }
    }

    /** How many routing messages were handled in the task that produced them, and how many took the topic. */
    private static void printRoutingHops(StreamsApp app) {
        Map<String, Double> hops = new java.util.TreeMap<>();
        app.streams().metrics().forEach((name, metric) -> {
            if (name.group().contains(dev.whereabouts.streams.routing.RoutingProcessor.METRICS_SCOPE)
                    && name.name().endsWith("-total")) {
                hops.merge(name.name(), ((Number) metric.metricValue()).doubleValue(), Double::sum);
            }
        });
        System.out.printf("routing: %s%n", hops);
    }

    private double ceiling(int records, String run) throws Exception {
        String topic = "bench-ceiling-" + run;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            byte[] value = new byte[200];
            new Random(1).nextBytes(value);
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, ("key-" + (i % 100_000)).getBytes(), value));
                }
            }
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .map(KeyValue::pair)
                    .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .aggregate(
                            () -> 0L,
                            (k, v, sum) -> sum + v.length,
                            Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as("ceiling-store")
                                    .withKeySerde(Serdes.ByteArray())
                                    .withValueSerde(Serdes.Long()));
            String applicationId = "bench-ceiling-" + run;
            Properties streamsProps = new Properties();
            streamsProps.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            streamsProps.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            streamsProps.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            streamsProps.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            streamsProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
            streamsProps.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("whereabouts-bench-ceiling").toString());
            Instant start = Instant.now();
            try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsProps)) {
                streams.start();
                awaitCaughtUp(admin, applicationId, List.of(topic), Duration.ofMinutes(10));
            }
            return records / (Duration.between(start, Instant.now()).toMillis() / 1000.0);
        }
    }

    private void fanOut(KafkaIo io, int requests, int people, Random random) throws Exception {
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        Map<String, Integer> expected = new ConcurrentHashMap<>();
        Map<String, Instant> lastTask = new ConcurrentHashMap<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (KafkaIo.Reader<String, HolderTask> tasks = io.reader(Topics.DSR_TASKS);
                KafkaIo.Reader<String, RequestStatus> statuses = io.reader(Topics.DSR_STATUS)) {
            tasks.poll(Duration.ofMillis(500));
            statuses.poll(Duration.ofMillis(500));
            tasks.records().clear();
            statuses.records().clear();
            for (int i = 0; i < requests; i++) {
                SubjectIdentifier id = email("bench-person-" + random.nextInt(people));
                DataSubjectRequest request = Requests.aRequest(RequestType.ERASURE)
                        .id("bench-" + UUID.randomUUID())
                        .of(id)
                        .receivedAt(Instant.now())
                        .build();
                sent.put(request.getRequestId(), Instant.now());
                io.send(Topics.DSR_REQUESTS, id.getPseudonym(), request);
                io.flush();
                Instant until = Instant.now().plusMillis(50);
                while (Instant.now().isBefore(until)) {
                    drain(tasks, statuses, expected, lastTask, seen);
                }
            }
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && !complete(sent.keySet(), expected, seen)) {
                drain(tasks, statuses, expected, lastTask, seen);
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (String id : sent.keySet()) {
            if (expected.containsKey(id) && expected.get(id) > 0 && seen.getOrDefault(id, 0) >= expected.get(id)) {
                latencies.add(Duration.between(sent.get(id), lastTask.get(id)).toMillis());
            }
        }
        Collections.sort(latencies);
        System.out.printf(
                "fan-out: %d erasure requests, %d with tasks measured: p50 %d ms, p99 %d ms, max %d ms%n",
                requests,
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
    }

    private static void drain(
            KafkaIo.Reader<String, HolderTask> tasks,
            KafkaIo.Reader<String, RequestStatus> statuses,
            Map<String, Integer> expected,
            Map<String, Instant> lastTask,
            Map<String, Integer> seen) {
        for (ConsumerRecord<String, HolderTask> task : tasks.poll(Duration.ofMillis(10))) {
            lastTask.put(task.value().getRequestId(), Instant.now());
            seen.merge(task.value().getRequestId(), 1, Integer::sum);
        }
        for (ConsumerRecord<String, RequestStatus> status : statuses.poll(Duration.ofMillis(10))) {
            expected.putIfAbsent(status.key(), status.value().getTasks().size());
        }
    }

    private static boolean complete(Set<String> ids, Map<String, Integer> expected, Map<String, Integer> seen) {
        return ids.stream().allMatch(id -> expected.containsKey(id) && seen.getOrDefault(id, 0) >= expected.get(id));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Waits until the group's committed offsets reach the end offsets of every partition of the topics. */
    private static void awaitCaughtUp(Admin admin, String group, List<String> topics, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                description
                        .partitions()
                        .forEach(p ->
                                latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            boolean caughtUp = ends.entrySet().stream()
                    .allMatch(e -> e.getValue().offset() == 0
                            || (committed.get(e.getKey()) != null
                                    && committed.get(e.getKey()).offset()
                                            >= e.getValue().offset()));
            if (caughtUp && !committed.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(group + " did not catch up on " + topics + " within " + timeout);
    }

    private static long countAll(KafkaIo.Reader<?, ?> reader) {
        while (!reader.poll(Duration.ofSeconds(2)).isEmpty()) {
            // keep reading until the topic is drained
        }
        return reader.records().size();
    }

    /**
     * The demo mix: per event a person (skewed: a few are very active) and a holder weighted like a
     * SaaS application's traffic: mostly repeated mail, analytics and newsletters; some app logins
     * (fanning out to hosting, cache and backups); rarely helpdesk, 2FA set-up and invoices. A third
     * of the events carry the phone too, so identities are stitched as they go.
     */
    static List<SharingEvent> demoMix(int events, int people, Random random) {
        List<SharingEvent> mix = new ArrayList<>(events);
        Instant start = SharingEvents.T0;
        for (int i = 0; i < events; i++) {
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
            mix.add(event.build());
        }
        return mix;
    }

    private void publishCatalog(KafkaIo io) {
        SeedCatalog.holders().forEach(h -> io.send(Topics.CATALOG_HOLDERS, h.getId(), h));
        SeedCatalog.flows().forEach(f -> io.send(Topics.CATALOG_FLOWS, f.getId(), f));
        io.flush();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private String required(String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }
}
