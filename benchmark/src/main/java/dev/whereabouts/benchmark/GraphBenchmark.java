package dev.whereabouts.benchmark;

import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.graph.api.DpoApi;
import dev.whereabouts.graph.console.ConsoleCounts;
import dev.whereabouts.graph.lookup.SubjectRepository;
import dev.whereabouts.graph.request.RequestPublisher;
import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.GraphWriter;
import dev.whereabouts.graph.writer.GraphWriterSettings;
import dev.whereabouts.graph.writer.RecordDecoder;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.LineagePartitions;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph phase (see {@code docs/dpo-api.md}): the graph writer and the DPO lookup at the lookup bar's
 * size, on a stack of its own or a running one:
 *
 * <ol>
 *   <li>ceiling: a plain batched {@code UNWIND ... MERGE} of new (subject)-[edge]->(holder) rows over Bolt,
 *       sampled interleaved with the writer;
 *   <li>the graph writer consuming {@code --subjects} subjects' identity links and lineage ({@code --edges}
 *       each) from Kafka, in rows/s and as a ratio to the ceiling;
 *   <li>a point lookup over Bolt as the second ceiling, the audited lookup in process, and the lookup over
 *       HTTP (POST /v1/lookup with a raw email: pseudonymised, resolved, read, audited);
 *   <li>the console's pages (issue 12: p95 within 200 ms), after the seed catalog and retention findings
 *       for a share of the subjects are written through the writer too;
 *   <li>freshness: a lineage record produced until the lookup over HTTP answers with it.
 * </ol>
 *
 * The benchmark's subjects are {@code s-<prefix in hex><i in hex>} (e-mails {@code <prefix>-<i>@example.com})
 * and stay in the graph.
 */
final class GraphBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(GraphBenchmark.class);

    private static final String[] HOLDERS = {
        "smarttrackers-app",
        "heroku",
        "memcached-cloud",
        "postmark",
        "zendesk",
        "campaign-monitor",
        "moneybird",
        "transip-vps-backups",
        "amazon-s3-database-backups",
        "google-analytics",
        "authy",
        "trello"
    };
    private static final String[] CATEGORIES = {
        "user.contact.email",
        "user.name",
        "user.contact.phone_number",
        "user.device.ip_address",
        "user.behavior",
        "user.content",
        "user.payment"
    };

    private static final String BASELINE = Cypher.of("""
            UNWIND $rows AS row
            MERGE (s:${Subject} {id: row.s})
            MERGE (h:${Holder} {id: row.h})
            MERGE (s)-[r:${SHARED_WITH} {category: row.c}]->(h)
            SET r.updatedAt = row.t
            """);

    private static final String CEILING_SUBJECTS = Cypher.of("""
            UNWIND $ids AS id
            MERGE (:${Subject} {id: id})
            """);

    private final StackAddress stack;
    private final BenchmarkArguments.GraphSize size;
    private final int lookups;
    private final int freshnessSamples;
    private final Consumer<Result> results;
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.demo());
    private GraphWriter writer;
    /** Subject ids and e-mails are made from {@code <prefix>}: a new prefix gives new subjects on a loaded graph. */
    private final String prefix;

    GraphBenchmark(StackAddress stack, BenchmarkArguments args, Consumer<Result> results) {
        this.stack = stack;
        this.size = args.graph();
        this.lookups = args.lookups();
        this.freshnessSamples = args.freshness();
        this.results = results;
        this.prefix = size.prefix();
    }

    void run() throws Exception {
        int subjects = size.subjects();
        int edges = size.edges();
        int baselineRows = size.baselineRows();
        String bootstrap = stack.bootstrapServers();
        String registryUrl = stack.registryUrl().toString();
        URI bolt = stack.boltUri();
        LOG.info("graph phase: {} subjects x {} edges, baseline {} rows", subjects, edges, baselineRows);

        try (Driver driver = GraphDatabase.driver(
                        bolt,
                        AuthTokens.none(),
                        Config.builder().withMaxConnectionPoolSize(32).build());
                CachingSchemaRegistryClient registry =
                        new CachingSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl))) {
            GraphSchema.ensure(driver);
            TopicSerdes serdes = new TopicSerdes(registry, SerdeConfig.defaults());

            if (!size.skipLoad()) {
                load(bootstrap, driver, serdes, subjects, edges, baselineRows);
            } else {
                writer = GraphWriter.create(
                        bootstrap,
                        driver,
                        serdes,
                        deadLetters -> {},
                        GraphWriterSettings.defaults("graph-benchmark-" + System.currentTimeMillis()));
                writer.catchUp(Duration.ofMinutes(30));
            }

            String held = seedConsole(bootstrap, driver, serdes, subjects);

            GraphTransactions graph = new GraphTransactions(driver);
            // Lookups only: no requests, no controller policy, no holder answers.
            DpoApi api = new DpoApi(
                    graph,
                    new NoRequests(),
                    Optional::empty,
                    new DeliveryKeys(new TaskTokens("graph-benchmark-no-callbacks"), Map.of(), false),
                    pseudonymiser,
                    "benchmark",
                    Clock.systemUTC());
            try (HttpService http = api.start("127.0.0.1", 0, 8, Authenticator.demo())) {
                Percentiles bolts = boltLookups(driver, subjects);
                serviceLookups(graph, subjects);
                Percentiles https = httpLookups(http.url(), subjects);
                results.accept(Result.latency(
                                "Graph phase: DPO lookup over HTTP",
                                https,
                                bolts,
                                "p50 <= 5 ms, p99 <= 25 ms",
                                Verdict.of(https.p50() <= 5 && https.p99() <= 25))
                        .withNote(lookups + " POST /v1/lookup with a raw e-mail (pseudonymised, resolved, read,"
                                + " audited) of random subjects of " + Report.count(subjects) + ", one client, one at a"
                                + " time, after 1,000 warm-up; the ceiling is the Bolt point lookup"));
                // Started with the API in the product; here only now, so that its first count does not
                // fall into the lookups measured above (the earlier runs' conditions).
                try (ConsoleCounts.Refresher counts = api.startConsoleCounts()) {
                    consolePages(http.url(), driver, subjects, held);
                    api.consoleCounts()
                            .lastCountTook()
                            .ifPresent(took -> results.accept(Result.single(
                                            "Console: the background count (open finding groups, people per category"
                                                    + " at holders above 20,000 edges)",
                                            took.toMillis() + " ms",
                                            took.toMillis(),
                                            Result.NONE,
                                            Verdict.NO_BAR)
                                    .withNote("its last run, on its own thread, every 30 s while the writer applies"
                                            + " batches (skipped when nothing was written); " + held)));
                }
                freshness(bootstrap, driver, serdes, http.url(), subjects, freshnessSamples);
            }
        }
    }

    /**
     * Loads the benchmark's subjects through the graph writer and measures it against the ceiling. The
     * machine is noisy (other builds share its two cores), so the ceiling is sampled interleaved with
     * the writer: one ceiling transaction after every {@value #POLLS_PER_CEILING_BATCH} writer polls,
     * each side timed only while it runs, so both see the same load over the same minutes. Same row
     * shape and batch policy on both sides: 30,000 rows per transaction (the writer's default {@code
     * max.poll.records}) in statements of 5,000 rows, a subject's edges next to each other (the writer
     * sorts its batch by subject), subjects already in the graph (the writer's lineage phase finds
     * the subjects its identity phase created; each ceiling transaction's subjects are created,
     * untimed, just before it), every edge new. A ceiling block before the writer warms Neo4j up.
     */
    private void load(String bootstrap, Driver driver, TopicSerdes serdes, int subjects, int edges, int baselineRows)
            throws Exception {
        Ceiling before = new Ceiling(driver, prefix + "-ceiling-a-");
        while (before.rows() < baselineRows / 4) {
            before.batch();
        }
        before.report("before the writer");
        GraphWriterSettings settings = GraphWriterSettings.defaults("graph-benchmark-" + System.currentTimeMillis());
        startAtEnd(bootstrap, settings);
        produce(bootstrap, serdes, subjects, edges, true);
        GraphWriter writer = GraphWriter.create(
                bootstrap,
                driver,
                serdes,
                deadLetters -> {
                    throw new IllegalStateException("benchmark records must not be dead-lettered: "
                            + deadLetters.get(0).getReason());
                },
                settings);
        this.writer = writer;
        Ceiling duringIdentities = new Ceiling(driver, prefix + "-ceiling-b-");
        WriterRun identities = consume(writer, subjects, duringIdentities);
        duringIdentities.report("interleaved with the identity links");
        results.accept(Result.rate(
                        "Graph phase: graph writer from Kafka, identity links (two new nodes and a link per row)",
                        identities.rate(),
                        duringIdentities.rate(),
                        "rows/s",
                        Result.NONE,
                        Verdict.NO_BAR)
                .withNote(identities.detail() + "; the ceiling is the plain MERGE interleaved with them"));
        produce(bootstrap, serdes, subjects, edges, false);
        Ceiling duringLineage = new Ceiling(driver, prefix + "-ceiling-c-");
        WriterRun lineage = consume(writer, (long) subjects * edges, duringLineage);
        duringLineage.report("interleaved with the lineage edges");

        double all = (before.rows() + duringIdentities.rows() + duringLineage.rows())
                / (before.seconds() + duringIdentities.seconds() + duringLineage.seconds());
        double ratio = lineage.rate() / duringLineage.rate();
        results.accept(Result.rate(
                        "Graph phase: graph writer from Kafka, new lineage edges vs plain batched MERGE",
                        lineage.rate(),
                        duringLineage.rate(),
                        "rows/s",
                        ">= 0.8 x plain MERGE",
                        Verdict.of(ratio >= 0.8))
                .withNote(String.format(
                        Locale.ROOT,
                        "%s; the ceiling is the plain MERGE interleaved with them; %.2fx vs every ceiling sample of"
                                + " the run",
                        lineage.detail(),
                        lineage.rate() / all)));
        double combined = (identities.rows() + lineage.rows()) / (identities.seconds() + lineage.seconds());
        double combinedCeiling = (duringIdentities.rows() + duringLineage.rows())
                / (duringIdentities.seconds() + duringLineage.seconds());
        results.accept(Result.rate(
                        "Graph phase: graph writer, identity links and lineage together",
                        combined,
                        combinedCeiling,
                        "rows/s",
                        Result.NONE,
                        Verdict.NO_BAR)
                .withNote(String.format(
                        Locale.ROOT,
                        "the ceiling is the plain MERGE interleaved with both; identity links alone %.2fx",
                        identities.rate() / duringIdentities.rate())));
    }

    private static final int POLLS_PER_CEILING_BATCH = 5;

    /**
     * The ceiling: plain batched MERGE of new (subject)-[edge]->(holder) rows, as many rows per
     * transaction as the writer takes per poll, in statements of as many rows as the writer's.
     */
    private final class Ceiling {
        private static final int BATCH = GraphWriterSettings.DEFAULT_MAX_POLL_RECORDS;
        private static final int STATEMENT = SubjectRepository.STATEMENT_ROWS;
        private final Driver driver;
        private final String prefix;
        private long rows;
        private long nanos;

        Ceiling(Driver driver, String prefix) {
            this.driver = driver;
            this.prefix = prefix;
        }

        void batch() {
            List<String> ids = new ArrayList<>(BATCH / 5);
            List<Map<String, Object>> chunk = new ArrayList<>(BATCH);
            for (long i = rows; i < rows + BATCH; i++) {
                if (i % 5 == 0) {
                    ids.add(prefix + (i / 5));
                }
                chunk.add(Map.of(
                        "s",
                        prefix + (i / 5),
                        "h",
                        HOLDERS[(int) (i % HOLDERS.length)],
                        "c",
                        CATEGORIES[(int) (i % 5)],
                        "t",
                        i));
            }
            try (Session session = driver.session()) {
                session.executeWrite(
                        tx -> tx.run(CEILING_SUBJECTS, Map.of("ids", ids)).consume());
                long start = System.nanoTime();
                session.executeWrite(tx -> {
                    for (int from = 0; from < chunk.size(); from += STATEMENT) {
                        tx.run(BASELINE, Map.of("rows", chunk.subList(from, Math.min(chunk.size(), from + STATEMENT))))
                                .consume();
                    }
                    return null;
                });
                nanos += System.nanoTime() - start;
            }
            rows += BATCH;
        }

        long rows() {
            return rows;
        }

        double seconds() {
            return nanos / 1e9;
        }

        double rate() {
            return rows / seconds();
        }

        void report(String when) {
            results.accept(Result.rate(
                            "Graph phase: plain batched UNWIND MERGE over Bolt (ceiling, " + when + ")",
                            rate(),
                            Double.NaN,
                            "rows/s",
                            "reference 20k-24k rows/s",
                            Verdict.NO_BAR)
                    .withNote(String.format(
                                    Locale.ROOT,
                                    "%,d new edges in %.1f s, %,d rows per transaction in statements of %,d, subjects created"
                                            + " untimed just before",
                                    rows,
                                    seconds(),
                                    BATCH,
                                    STATEMENT)
                            + (rows == 0
                                    ? "; no sample: the writer took fewer than " + POLLS_PER_CEILING_BATCH
                                            + " polls (a run this small has no interleaved ceiling)"
                                    : "")));
        }
    }

    /**
     * Commits the current end of every topic the writer reads for the benchmark's new consumer group,
     * so that on a stack used before the writer sees only this run's records (new edges), not a replay.
     */
    private static void startAtEnd(String bootstrap, GraphWriterSettings settings) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                GraphWriter.consumerProperties(bootstrap, settings),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : RecordDecoder.TOPICS) {
                consumer.partitionsFor(topic.name())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            consumer.endOffsets(partitions)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
            consumer.commitSync(ends);
        }
    }

    /** What the writer did while timed, with where its time went. */
    private record WriterRun(long rows, double seconds, String detail) {
        double rate() {
            return rows / seconds;
        }
    }

    /**
     * Drives the writer until it has read {@code expected} records, with a ceiling batch after every
     * few polls; the writer's clock runs only during its own polls, from the first that returns records.
     */
    private WriterRun consume(GraphWriter writer, long expected, Ceiling ceiling) {
        var before = writer.metrics();
        long nanos = 0;
        long read = 0;
        int polls = 0;
        while (read < expected) {
            long polled = System.nanoTime();
            int n = writer.pollOnce(Duration.ofMillis(200));
            if (read > 0 || n > 0) {
                // every poll counts once the records have started arriving, empty ones included
                nanos += System.nanoTime() - polled;
            }
            if (n > 0) {
                read += n;
                if (++polls % POLLS_PER_CEILING_BATCH == 0) {
                    ceiling.batch();
                }
            }
        }
        double seconds = nanos / 1e9;
        var m = writer.metrics();
        long rows = m.rowsWritten() - before.rowsWritten();
        return new WriterRun(
                rows,
                seconds,
                String.format(
                        Locale.ROOT,
                        "%,d rows in %.1f s, %d tx; decode %.1f s, Neo4j %.1f s, offset commits %.1f s",
                        rows,
                        seconds,
                        m.transactions() - before.transactions(),
                        (m.decodeMillis() - before.decodeMillis()) / 1e3,
                        (m.writeMillis() - before.writeMillis()) / 1e3,
                        (m.commitMillis() - before.commitMillis()) / 1e3));
    }

    private void produce(String bootstrap, TopicSerdes serdes, int subjects, int edges, boolean identityLinks)
            throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        long start = System.nanoTime();
        long records = 0;
        if (identityLinks) {
            try (KafkaProducer<String, IdentityLink> identities = new KafkaProducer<>(
                    properties,
                    serdes.keySerde(Topics.SUBJECT_IDENTITIES).serializer(),
                    serdes.valueSerde(Topics.SUBJECT_IDENTITIES).serializer())) {
                for (int i = 0; i < subjects; i++) {
                    SubjectIdentifier email = pseudonymiser.pseudonymise(IdentifierType.EMAIL, email(i));
                    identities.send(new ProducerRecord<>(
                            Topics.SUBJECT_IDENTITIES.name(), email.getPseudonym(), link(email, subject(i))));
                    records++;
                }
                identities.flush();
            }
        } else {
            try (KafkaProducer<LineageKey, LineageRecord> lineage = new KafkaProducer<>(
                    properties,
                    serdes.keySerde(Topics.LINEAGE).serializer(),
                    serdes.valueSerde(Topics.LINEAGE).serializer())) {
                int partitions = lineage.partitionsFor(Topics.LINEAGE.name()).size();
                for (int i = 0; i < subjects; i++) {
                    for (LineageRecord record :
                            lineageOf(subject(i), i, edges, Instant.parse("2026-11-01T00:00:00Z"))) {
                        lineage.send(lineageRecord(record, partitions));
                        records++;
                    }
                }
                lineage.flush();
            }
        }
        LOG.info(
                "graph phase: produced {} {} records in {} s",
                records,
                identityLinks ? "identity" : "lineage",
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** Findings are written for the even subjects' first {@value #FINDING_EDGES} edges; every 20th is resolved. */
    private static final int FINDING_EDGES = 2;

    /** Timed requests per console page, after {@value #CONSOLE_WARM_UP} untimed ones. */
    private static final int CONSOLE_SAMPLES = 100;

    private static final int CONSOLE_WARM_UP = 20;

    /**
     * Gives the console's pages real work at size: publishes the shipped seed catalog (its holders carry
     * the benchmark's holder ids) and produces retention findings for the even subjects' first {@value
     * #FINDING_EDGES} edges (one finding per person on average, every 20th resolved), and lets the writer
     * apply them. Returns what the graph then holds, in words, for the results' notes.
     */
    private String seedConsole(String bootstrap, Driver driver, TopicSerdes serdes, int subjects) throws Exception {
        long start = System.nanoTime();
        try (CatalogPublisher publisher =
                new CatalogPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), serdes)) {
            publisher.publish(CatalogLoader.seed());
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        long produced = 0;
        try (KafkaProducer<String, RetentionFinding> findings = new KafkaProducer<>(
                properties,
                serdes.keySerde(Topics.RETENTION_FINDINGS).serializer(),
                serdes.valueSerde(Topics.RETENTION_FINDINGS).serializer())) {
            Instant shared = Instant.parse("2026-09-01T00:00:00Z");
            for (int i = 0; i < subjects; i += 2) {
                for (int e = 0; e < FINDING_EDGES; e++) {
                    RetentionFinding finding = finding(i, e, shared, produced % 20 == 19);
                    findings.send(
                            new ProducerRecord<>(Topics.RETENTION_FINDINGS.name(), finding.getFindingId(), finding));
                    produced++;
                }
            }
            findings.flush();
        }
        writer.catchUp(Duration.ofMinutes(30));
        LOG.info(
                "graph phase: seed catalog and {} findings written in {} s",
                produced,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                var row = tx.run(Cypher.of("""
                                MATCH (s:${Subject}) WITH count(s) AS subjects
                                MATCH ()-[r:${SHARED_WITH}]->() WITH subjects, count(r) AS edges
                                MATCH (h:${Holder}) WITH subjects, edges, count(h) AS holders,
                                      count(CASE WHEN h.declared THEN 1 END) AS declared
                                MATCH (f:${Finding}) WITH subjects, edges, holders, declared, count(f) AS findings,
                                      count(CASE WHEN NOT f.resolved THEN 1 END) AS open
                                RETURN subjects, edges, holders, declared, findings, open
                                """)).single();
                return String.format(
                        Locale.ROOT,
                        "the graph held %,d subjects (the benchmark's and the ceiling's), %,d SHARED_WITH edges,"
                                + " %,d holders (%,d declared by the seed catalog) and %,d findings (%,d open)",
                        row.get("subjects").asLong(),
                        row.get("edges").asLong(),
                        row.get("holders").asLong(),
                        row.get("declared").asLong(),
                        row.get("findings").asLong(),
                        row.get("open").asLong());
            });
        }
    }

    /** The finding on subject {@code i}'s edge {@code e}: that edge's holder and category, kept past 45 days. */
    private RetentionFinding finding(int i, int e, Instant shared, boolean resolved) {
        String subject = subject(i);
        String holder = HOLDERS[(i + e * 5) % HOLDERS.length];
        String category = CATEGORIES[(i + e) % CATEGORIES.length];
        FindingKind kind = FindingKind.RETENTION_EXPIRED;
        return RetentionFinding.newBuilder()
                .setFindingId(subject + "|" + category + "|" + holder + "|" + kind)
                .setSubjectId(subject)
                .setCategory(category)
                .setHolder(holder)
                .setKind(kind)
                .setLastSharedAt(shared)
                .setDueAt(shared.plus(Duration.ofDays(45)).plus(Duration.ofMinutes(i % 10_000)))
                .setDetectedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setResolved(resolved)
                .setRule(holder + " keeps " + category + " 45 days (benchmark)")
                .build();
    }

    /**
     * Times every console page the build serves, as {@link ConsolePages} describes, once the background
     * count has counted; the holder page is the declared holder with the most edges, the group page the
     * findings page's largest group.
     */
    private void consolePages(URI api, Driver driver, int subjects, String held) throws Exception {
        String holder;
        long holderEdges;
        try (Session session = driver.session()) {
            var row = session.executeRead(tx -> tx.run(Cypher.of("""
                            MATCH (h:${Holder}) WHERE h.declared
                            RETURN h.id AS id, COUNT { (h)<-[:${SHARED_WITH}]-() } AS edges
                            ORDER BY edges DESC, id LIMIT 1
                            """)).single());
            holder = row.get("id").asString();
            holderEdges = row.get("edges").asLong();
        }
        ConsolePages pages = new ConsolePages(api, CONSOLE_WARM_UP, CONSOLE_SAMPLES);
        String holderPath = "/console/holders/" + holder;
        pages.signInAndWaitForCounts(
                List.of("/console", "/console/holders", holderPath, "/console/findings"), Duration.ofMinutes(5));
        List<ConsolePages.Page> measured = new ArrayList<>();
        measured.add(pages.page("home /console", "/console"));
        measured.addAll(pages.people(this::email, subjects));
        measured.add(pages.page("requests /console/requests", "/console/requests"));
        measured.add(pages.page("holders /console/holders", "/console/holders"));
        measured.add(pages.page(
                "one holder /console/holders/" + holder + String.format(Locale.ROOT, " (%,d edges)", holderEdges),
                holderPath));
        measured.add(pages.page("findings /console/findings", "/console/findings"));
        pages.largestGroup()
                .ifPresent(
                        path -> measured.add(uncheckedPage(pages, "one group's people /console/findings/group", path)));
        measured.add(pages.page("records /console/records", "/console/records"));
        measured.add(pages.page("audit trail /console/records/audit", "/console/records/audit"));
        for (ConsolePages.Page page : measured) {
            results.accept(page.result(held));
        }
    }

    private static ConsolePages.Page uncheckedPage(ConsolePages pages, String name, String path) {
        try {
            return pages.page(name, path);
        } catch (Exception e) {
            throw new IllegalStateException("timing " + path + " failed", e);
        }
    }

    private Percentiles boltLookups(Driver driver, int subjects) {
        Lookups.BoltRun run = Lookups.overBolt(driver, pseudonymiser, this::email, subjects, 1_000, lookups);
        Percentiles p = run.latencies().percentiles();
        results.accept(Result.latency(
                        "Graph phase: point lookup over Bolt (ceiling)",
                        p,
                        null,
                        "reference p50 0.6-1.4 ms, p99 3-8 ms",
                        Verdict.NO_BAR)
                .withNote(lookups + " lookups of random subjects by e-mail pseudonym (identifier → subject →"
                        + " holders), one at a time, after 1,000 warm-up"
                        + (run.empty() > 0 ? "; " + run.empty() + " found nothing" : "")));
        return p;
    }

    /** The lookup without HTTP: pseudonymise, resolve, read the edges and write the audit entry in one transaction. */
    private void serviceLookups(GraphTransactions graph, int subjects) {
        dev.whereabouts.graph.lookup.LookupService service =
                new dev.whereabouts.graph.lookup.LookupService(graph, Clock.systemUTC());
        dev.whereabouts.web.Caller caller =
                new dev.whereabouts.web.Caller("benchmark", java.util.Set.of(dev.whereabouts.web.Role.DPO));
        SplittableRandom random = new SplittableRandom(17);
        Latencies millis = new Latencies();
        for (int i = -1_000; i < lookups; i++) {
            long start = System.nanoTime();
            List<String> pseudonyms =
                    pseudonymiser
                            .pseudonymiseWithAllKeys(IdentifierType.EMAIL, email(random.nextInt(subjects)))
                            .stream()
                            .map(SubjectIdentifier::getPseudonym)
                            .toList();
            service.lookup(
                    caller,
                    "subject.lookup",
                    new dev.whereabouts.graph.lookup.LookupService.ByPseudonyms(pseudonyms),
                    "benchmark");
            if (i >= 0) {
                millis.since(start);
            }
        }
        results.accept(Result.latency(
                        "Graph phase: DPO lookup in process (pseudonymise, resolve, read, audit), no HTTP",
                        millis.percentiles(),
                        null,
                        Result.NONE,
                        Verdict.NO_BAR)
                .withNote(lookups + " lookups in one transaction each, one at a time, after 1,000 warm-up"));
    }

    private Percentiles httpLookups(URI api, int subjects) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return Lookups.overHttp(http, api, this::email, subjects, 1_000, lookups)
                .percentiles();
    }

    private void freshness(String bootstrap, Driver driver, TopicSerdes serdes, URI api, int subjects, int samples)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Latencies millis = new Latencies();
        // The writer that loaded the data keeps running in the background, as in production.
        try (KafkaProducer<LineageKey, LineageRecord> lineage = new KafkaProducer<>(
                        properties,
                        serdes.keySerde(Topics.LINEAGE).serializer(),
                        serdes.valueSerde(Topics.LINEAGE).serializer());
                GraphWriter running = writer) {
            running.start();
            int partitions = lineage.partitionsFor(Topics.LINEAGE.name()).size();
            SplittableRandom random = new SplittableRandom(13);
            for (int s = 0; s < samples; s++) {
                int subject = random.nextInt(subjects);
                String marker = "fresh-" + s;
                Instant now = Instant.now();
                LineageRecord record =
                        lineageOf(subject(subject), subject, 1, now).get(0);
                record.setHolder(marker);
                long start = System.nanoTime();
                lineage.send(lineageRecord(record, partitions));
                while (true) {
                    HttpResponse<String> response =
                            http.send(Lookups.request(api, email(subject)), HttpResponse.BodyHandlers.ofString());
                    if (response.body().contains(marker)) {
                        break;
                    }
                    if (System.nanoTime() - start > 30_000_000_000L) {
                        throw new IllegalStateException("record not visible within 30 s");
                    }
                    Thread.sleep(5);
                }
                millis.since(start);
            }
        }
        Percentiles p = millis.percentiles();
        results.accept(Result.latency(
                        "Graph phase: freshness, lineage record produced → visible in the DPO lookup over HTTP",
                        p,
                        null,
                        "p99 <= 2 s",
                        Verdict.of(p.p99() <= 2_000))
                .withNote(p.count() + " samples, one at a time: a lineage record to a new holder of a random subject,"
                        + " then POST /v1/lookup every 5 ms until it names it; the writer that loaded the data running"
                        + " in the background; max " + Report.millis(p.max())
                        + " (the writer only: the path through Streams is not part of this phase)"));
    }

    /**
     * Subject {@code i}'s id, a valid {@code SubjectId} as the topology's are ({@code s-} and hex: the
     * prefix's bytes, then {@code i} in 8 digits), so the console's person page takes it.
     */
    private String subject(int i) {
        return SubjectId.PREFIX
                + HexFormat.of().formatHex(prefix.getBytes(StandardCharsets.UTF_8))
                + String.format(Locale.ROOT, "%08x", i);
    }

    private String email(int i) {
        return prefix + "-" + i + "@example.com";
    }

    private List<LineageRecord> lineageOf(String subject, int i, int edges, Instant at) {
        List<LineageRecord> records = new ArrayList<>(edges);
        for (int e = 0; e < edges; e++) {
            String holder = HOLDERS[(i + e * 5) % HOLDERS.length];
            records.add(LineageRecord.newBuilder()
                    .setSubjectId(subject)
                    .setCategory(CATEGORIES[(i + e) % CATEGORIES.length])
                    .setHolder(holder)
                    .setDirect(true)
                    .setPath(List.of())
                    .setPurposes(List.of("benchmark"))
                    .setLegalBases(List.of(LegalBasis.CONTRACT))
                    .setSourceSystems(List.of("benchmark"))
                    .setFirstSharedAt(at)
                    .setLastSharedAt(at)
                    .setRetentionUntil(at.plus(Duration.ofDays(45)))
                    .setStatus(LineageStatus.HELD)
                    .setStatusReason(null)
                    .setUpdatedAt(at)
                    .setLastEventId(prefix + "-" + i + "-" + e)
                    .build());
        }
        return records;
    }

    /** A lineage record placed as the Streams topology places it: by subject ({@link LineagePartitions}). */
    private static ProducerRecord<LineageKey, LineageRecord> lineageRecord(LineageRecord record, int partitions) {
        return new ProducerRecord<>(
                Topics.LINEAGE.name(), LineagePartitions.of(record.getSubjectId(), partitions), key(record), record);
    }

    private static LineageKey key(LineageRecord record) {
        return LineageKey.newBuilder()
                .setSubjectId(record.getSubjectId())
                .setCategory(record.getCategory())
                .setHolder(record.getHolder())
                .build();
    }

    private static IdentityLink link(SubjectIdentifier identifier, String subject) {
        return IdentityLink.newBuilder()
                .setIdentifier(identifier)
                .setSubjectId(subject)
                .setLinkedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setCausedByEventId("bench")
                .build();
    }

    /** The benchmark files no requests. */
    private static final class NoRequests implements RequestPublisher {
        @Override
        public void file(DataSubjectRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordOutcome(HolderOutcome outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void decide(RequestDecision decision) {
            throw new UnsupportedOperationException();
        }
    }
}
