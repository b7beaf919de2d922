package dev.whereabouts.benchmark;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.writer.GraphWriterSettings;
import dev.whereabouts.ingest.http.IngestApp;
import dev.whereabouts.launcher.Platform;
import dev.whereabouts.launcher.PlatformOptions;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.streams.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything measured on the platform exactly as {@code ./whereabouts} runs it ({@link Platform}:
 * embedded stack, seed catalog, Streams, ingest, graph writer and DPO API; demo data off) on a fresh
 * data directory and free ports: start-up, the demo mix end to end into Neo4j (a first load, then as
 * many events of the people loaded coming back) next to the plain Streams ceiling, freshness under
 * steady load and idle, the DPO lookup next to a Bolt point lookup, and erasure fan-out through the
 * DPO API.
 */
final class PlatformBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformBenchmark.class);
    private static final long SEED = 2022_01_17L;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final BenchmarkArguments args;
    private final RssSampler rss;
    private final Consumer<Result> results;
    private final Catalog catalog = CatalogLoader.seed();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Platform platform;
    private Pseudonymiser pseudonymiser;
    private WhereaboutsEmitter emitter;
    private KafkaProgress progress;
    /** People whose data is in the platform (the load's sign-ups). */
    private int loadedPeople;

    private double e2eRate = Double.NaN;
    /** Whether the load did not finish in time: the platform is still working through it. */
    private boolean backlog;

    PlatformBenchmark(BenchmarkArguments args, RssSampler rss, Consumer<Result> results) {
        this.args = args;
        this.rss = rss;
        this.results = results;
    }

    void run() throws Exception {
        Path data = Files.createTempDirectory("whereabouts-bench-platform-");
        StackConfig config =
                StackConfig.fromEnvironment().withDataDirectory(data).withEphemeralPorts();
        rss.resetPeak();
        long starting = System.nanoTime();
        try (Platform started = Platform.start(config, new PlatformOptions(0, 0, 0, true), System.out)) {
            platform = started;
            double startupMillis = awaitHealthy(platform.dpoUrl(), starting);
            if (args.runs(Phase.STARTUP)) {
                results.accept(Result.single(
                                "Startup: platform start → DPO API answering",
                                String.format(Locale.ROOT, "%.1f s", startupMillis / 1000),
                                startupMillis,
                                "<= 30 s",
                                Verdict.of(startupMillis <= 30_000))
                        .withNote("fresh data directory, free ports, demo data off; Platform.start (stack, topics, seed"
                                + " catalog, Streams, ingest, graph writer, DPO API) until GET /health answers 200; the platform's"
                                + " own timer said " + platform.startupTime().toMillis()
                                + " ms; the build is not included"
                                + (args.runs(Phase.INGEST)
                                        ? "; this JVM had already run the ingest phase (classes loaded)"
                                        : "")));
            }
            Map<String, String> settings = new HashMap<>(System.getenv());
            settings.put(IngestApp.DEMO_ENV, "true");
            pseudonymiser = IngestApp.pseudonymiser(settings);
            try (SchemaRegistryClient registry = new CachingSchemaRegistryClient(
                            new RestSchemaRegistryClient(platform.registryUrl().toString()));
                    WhereaboutsEmitter built = WhereaboutsEmitter.builder()
                            .bootstrapServers(platform.bootstrapServers())
                            .schemaRegistry(registry)
                            .sourceSystem("smarttrackers-app")
                            .pseudonymiser(pseudonymiser)
                            .maxPendingEvents(200_000)
                            .build();
                    KafkaProgress kafka = new KafkaProgress(platform.bootstrapServers());
                    Driver driver = GraphDatabase.driver(platform.boltUri(), AuthTokens.none())) {
                emitter = built;
                progress = kafka;
                TopicSerdes serdes = new TopicSerdes(
                        registry,
                        SerdeConfig.fromMap(Map.of(
                                SerdeConfig.SCHEMA_REGISTRY_URL,
                                platform.registryUrl().toString())));
                if (args.needsData()) {
                    double ceiling = Double.NaN;
                    if (args.runs(Phase.E2E)) {
                        Path state = Files.createTempDirectory(data, "ceiling-");
                        ceiling = StreamsCeiling.run(
                                platform.bootstrapServers(),
                                args.events(),
                                args.people(),
                                false,
                                state,
                                Duration.ofSeconds(args.e2eTimeoutS()));
                        results.accept(Result.rate(
                                        "Plain Kafka Streams EOS v2 aggregate into RocksDB (ceiling)",
                                        ceiling,
                                        Double.NaN,
                                        "records/s",
                                        "reference 55k-70k/s",
                                        Verdict.NO_BAR)
                                .withNote(Report.count(args.events())
                                        + " pre-loaded 200-byte records, 6 partitions, 2 threads, 1 s commits, on the platform's broker while the"
                                        + " platform idles"));
                    }
                    load(ceiling, driver);
                    if (args.runs(Phase.E2E) && args.sustained() && !backlog) {
                        sustained(ceiling);
                    }
                }
                if (args.runs(Phase.FRESHNESS) && backlog) {
                    results.accept(Result.single(
                                    "Freshness: emitted → visible in the DPO lookup over HTTP",
                                    "not measured",
                                    Double.NaN,
                                    "p99 <= 2 s",
                                    Verdict.NOT_MET)
                            .withNote("the end-to-end load had not gone through within"
                                    + " --e2e-timeout; with that backlog every probe would only measure the backlog (Streams lag "
                                    + streamsLag() + ", graph writer lag " + writerLag() + ")"));
                } else if (args.runs(Phase.FRESHNESS)) {
                    double rate = args.steadyRate() > 0
                            ? args.steadyRate()
                            : Double.isNaN(e2eRate) ? 1_000 : Math.max(100, e2eRate / 2);
                    freshness("under steady load", rate);
                    awaitCaughtUp(Duration.ofMinutes(5));
                    freshness("idle", 0);
                }
                if (args.runs(Phase.LOOKUP)) {
                    lookups(driver);
                }
                if (args.runs(Phase.ERASURE)) {
                    erasures(serdes);
                }
            }
            RssSampler.Sample peak = rss.peak();
            rss.sampleNow();
            results.accept(Result.single(
                            "Peak RSS, all processes (this JVM + Kafka + Neo4j)",
                            Report.gibibytes(peak.totalBytes()),
                            peak.totalBytes(),
                            "<= 4 GiB",
                            Verdict.of(peak.totalBytes() <= 4L << 30))
                    .withNote(
                            "VmRSS of the whole process tree sampled every second from platform start to the end of the"
                                    + " last phase"
                                    + (loadedPeople > 0 ? " (" + Report.count(loadedPeople) + " people loaded)" : "")
                                    + "; at the peak: " + peak.breakdown()
                                    + ". This JVM runs the platform's services as ./whereabouts"
                                    + " does, plus the benchmark's load generators and clients"));
        } finally {
            deleteRecursively(data);
        }
    }

    /**
     * The first load: every one of the people signs up during the timed window, so every sign-up fans
     * out to every category at every onward holder; leaves them loaded for the phases after it.
     */
    private void load(double ceiling, Driver driver) throws Exception {
        DemoMix mix = DemoMix.fresh(catalog, args.people(), args.events(), SEED);
        LOG.info(
                "end to end, first load: {} demo-mix events of {} people through the emitter, Streams and the graph writer",
                args.events(),
                args.people());
        Timing timing = timed("end to end, first load", mix);
        loadedPeople = mix.signedUp();
        String graph = graphSize(driver)
                + String.format(
                        Locale.ROOT,
                        "; Streams wrote about %s lineage records and %s identity"
                                + " links for the graph writer (%.1f per event)",
                        Report.count(progress.endOffsets(Topics.LINEAGE.name())),
                        Report.count(progress.endOffsets(Topics.SUBJECT_IDENTITIES.name())),
                        (progress.endOffsets(Topics.LINEAGE.name())
                                        + progress.endOffsets(Topics.SUBJECT_IDENTITIES.name()))
                                / (double) args.events());
        backlog = !timing.finished();
        if (!args.runs(Phase.E2E)) {
            return;
        }
        streamsAlone("first load: every person signs up", "first load", timing, ceiling);
        String name = "End to end, first load: every person signs up → Streams → Neo4j";
        if (!timing.finished()) {
            e2eRate = unfinished(name, timing, ceiling, graph);
            return;
        }
        e2eRate = args.events() / timing.writerDone();
        results.accept(
                Result.rate(name, e2eRate, ceiling, "events/s", ">= 20,000 events/s", Verdict.of(e2eRate >= 20_000))
                        .withNote(String.format(
                                Locale.ROOT,
                                "a first load: %s events in which all %s people sign up, evenly spread, and"
                                        + " come back, %.0f%% of them repeating a (person, holder) pair; every person's sign-up fans out to"
                                        + " every category at every onward holder. Through the emitter (keyed HMAC pseudonyms); timed from"
                                        + " the first emit until the lineage topology's and the graph writer's committed offsets reached the"
                                        + " end of every topic they read: produced in %.1f s, Streams done at %.1f s, graph writer at %.1f s;"
                                        + " %s",
                                Report.count(args.events()),
                                Report.count(args.people()),
                                mix.repeatedShare() * 100,
                                timing.produced(),
                                timing.streamsDone(),
                                timing.writerDone(),
                                graph)));
    }

    /**
     * The sustained bar, after the first load has gone through: as many events again, of the people
     * already loaded coming back (no sign-ups), timed like the first load. Their shares are mostly
     * known to the graph already, so what it costs shows whether a repeated share still costs a write.
     */
    private void sustained(double ceiling) throws Exception {
        DemoMix mix = DemoMix.signedUp(catalog, loadedPeople, SEED + 1);
        long lineageBefore = progress.endOffsets(Topics.LINEAGE.name());
        long identitiesBefore = progress.endOffsets(Topics.SUBJECT_IDENTITIES.name());
        LOG.info(
                "end to end, sustained: {} demo-mix events of {} returning people through the emitter, Streams and the graph"
                        + " writer",
                args.events(),
                loadedPeople);
        Timing timing = timed("end to end, sustained", mix);
        long lineage = progress.endOffsets(Topics.LINEAGE.name()) - lineageBefore;
        long identities = progress.endOffsets(Topics.SUBJECT_IDENTITIES.name()) - identitiesBefore;
        String added = String.format(
                Locale.ROOT,
                "Streams added about %s lineage records and %s identity links for the graph"
                        + " writer (%.2f per event)",
                Report.count(lineage),
                Report.count(identities),
                (lineage + identities) / (double) args.events());
        // The freshness probes after this would only measure what is left of it.
        backlog = !timing.finished();
        streamsAlone("sustained: returning people", "sustained load", timing, ceiling);
        String name = "End to end, sustained: returning people → Streams → Neo4j";
        if (!timing.finished()) {
            unfinished(name, timing, ceiling, added);
            return;
        }
        double rate = args.events() / timing.writerDone();
        results.accept(Result.rate(name, rate, ceiling, "events/s", ">= 20,000 events/s", Verdict.of(rate >= 20_000))
                .withNote(String.format(
                        Locale.ROOT,
                        "right after the first load had gone through: %s events of the %s people"
                                + " already loaded, returning only (system mail, analytics, newsletters, app logins that fan out to"
                                + " hosting, cache and backups, now and then helpdesk, 2FA, invoices), %.0f%% of them repeating a"
                                + " (person, holder) pair shared earlier in this load (pairs from the first load not counted); through"
                                + " the same emitter, timed like the first load: produced in %.1f s, Streams done at %.1f s, graph"
                                + " writer at %.1f s; %s",
                        Report.count(args.events()),
                        Report.count(loadedPeople),
                        mix.repeatedShare() * 100,
                        timing.produced(),
                        timing.streamsDone(),
                        timing.writerDone(),
                        added)));
    }

    /** The row of a load timed until Streams alone had committed it, when it got that far. */
    private void streamsAlone(String label, String load, Timing timing, double ceiling) {
        if (Double.isNaN(timing.streamsDone())) {
            return;
        }
        results.accept(
                Result.rate(
                                "Lineage topology alone, " + label + " → Streams committed",
                                args.events() / timing.streamsDone(),
                                ceiling,
                                "events/s",
                                Result.NONE,
                                Verdict.NO_BAR)
                        .withNote(
                                "the same run's " + load + ", timed until the lineage"
                                        + " topology's committed offsets reached the end of its input (the graph writer still working): where the time goes"));
    }

    /** Reports a load that did not go through within --e2e-timeout, with the rate Streams reached; returns that rate. */
    private double unfinished(String name, Timing timing, double ceiling, String detail) throws Exception {
        double elapsed = seconds(timing.start());
        long committed = args.events() - Math.min(args.events(), streamsLag());
        double rate = committed / elapsed;
        results.accept(Result.rate(name, rate, ceiling, "events/s", ">= 20,000 events/s", Verdict.NOT_MET)
                .withNote("did not finish"
                        + " within --e2e-timeout=" + args.e2eTimeoutS() + " s: Streams had committed about "
                        + Report.count(committed)
                        + " of " + Report.count(args.events())
                        + " events (the rate shown is Streams' so far, an upper bound); " + detail));
        return rate;
    }

    /**
     * How far an end-to-end load got, in seconds from its first emit; a point not reached within
     * --e2e-timeout is NaN.
     */
    private record Timing(long start, double produced, double streamsDone, double writerDone) {

        boolean finished() {
            return !Double.isNaN(writerDone);
        }
    }

    /**
     * Emits {@code args.events()} events of {@code mix}, holding back while the emitter has too many
     * pending, then waits until the lineage topology's and then the graph writer's committed offsets
     * reach the end of every topic they read, for at most --e2e-timeout from the first emit.
     */
    private Timing timed(String label, DemoMix mix) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < args.events(); i++) {
            while (emitter.metrics().pending() > 150_000) {
                Thread.sleep(1);
            }
            DemoMix.emit(emitter, mix.next());
        }
        if (!emitter.flush(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the emitter did not flush the demo mix within 10 minutes");
        }
        if (emitter.metrics().notDelivered() > 0) {
            throw new IllegalStateException("the emitter lost events: " + emitter.metrics());
        }
        double produced = seconds(start);
        LOG.info(
                "{}: produced in {} s; {}% of events repeat a (person, holder) pair",
                label, String.format(Locale.ROOT, "%.1f", produced), Math.round(mix.repeatedShare() * 100));
        long deadline = start + Duration.ofSeconds(args.e2eTimeoutS()).toNanos();
        double streamsDone = Double.NaN;
        double writerDone = Double.NaN;
        long lastLog = 0;
        while (System.nanoTime() < deadline && Double.isNaN(writerDone)) {
            long streamsLag = streamsLag();
            long writerLag = writerLag();
            if (Double.isNaN(streamsDone) && streamsLag == 0 && confirmZero(this::streamsLag)) {
                streamsDone = seconds(start);
            }
            if (!Double.isNaN(streamsDone) && writerLag == 0 && confirmZero(this::writerLag)) {
                writerDone = seconds(start);
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                LOG.info(
                        "{}: {} s, Streams lag {}, graph writer lag {}",
                        label,
                        String.format(Locale.ROOT, "%.0f", seconds(start)),
                        streamsLag,
                        writerLag);
            }
            Thread.sleep(200);
        }
        return new Timing(start, produced, streamsDone, writerDone);
    }

    private long streamsLag() throws Exception {
        return progress.lag(
                Platform.LINEAGE_APPLICATION_ID,
                Map.of(
                        Topics.SHARING_EVENTS.name(),
                        false,
                        TopologyConfig.routeTopic(Platform.LINEAGE_APPLICATION_ID),
                        true));
    }

    private long writerLag() throws Exception {
        return progress.lag(
                GraphWriterSettings.DEFAULT_GROUP_ID,
                Map.of(
                        Topics.LINEAGE.name(),
                        true,
                        Topics.SUBJECT_IDENTITIES.name(),
                        true,
                        Topics.SUBJECT_MERGES.name(),
                        true));
    }

    private interface Lag {
        long get() throws Exception;
    }

    /** Offsets and end offsets are read one after the other: a zero counts once it holds half a second later. */
    private static boolean confirmZero(Lag lag) throws Exception {
        Thread.sleep(500);
        return lag.get() == 0;
    }

    private void awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastLog = System.nanoTime();
        while (!(streamsLag() + writerLag() == 0 && confirmZero(() -> streamsLag() + writerLag()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the platform did not catch up within " + timeout + ": Streams lag "
                        + streamsLag() + ", graph writer lag " + writerLag());
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                LOG.info(
                        "waiting for the platform to catch up: Streams lag {}, graph writer lag {}",
                        streamsLag(),
                        writerLag());
            }
            Thread.sleep(200);
        }
    }

    private String graphSize(Driver driver) {
        try (Session session = driver.session()) {
            long subjects = session.run(Cypher.of("MATCH (s:${Subject}) RETURN count(s) AS n"))
                    .single()
                    .get("n")
                    .asLong();
            long edges = session.run(Cypher.of("MATCH ()-[r:${SHARED_WITH}]->() RETURN count(r) AS n"))
                    .single()
                    .get("n")
                    .asLong();
            long identifiers = session.run(Cypher.of("MATCH (i:${Identifier}) RETURN count(i) AS n"))
                    .single()
                    .get("n")
                    .asLong();
            return "graph: " + Report.count(subjects) + " subjects, " + Report.count(edges) + " lineage edges, "
                    + Report.count(identifiers) + " identifiers";
        }
    }

    /**
     * Probes: a new person's first mail through the emitter, until the DPO lookup over HTTP names
     * Postmark; four probes at a time, with {@code backgroundRate} demo-mix events/s alongside.
     */
    private void freshness(String condition, double backgroundRate) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong background = new AtomicLong();
        Thread load = null;
        if (backgroundRate > 0) {
            DemoMix mix = DemoMix.signedUp(catalog, Math.max(1, loadedPeople), SEED + 1);
            load = new Thread(() -> steadyLoad(mix, backgroundRate, stop, background), "bench-steady-load");
            load.setDaemon(true);
            load.start();
            Thread.sleep(5_000);
        }
        LOG.info("freshness {}: {} probes", condition, args.freshness());
        long started = System.nanoTime();
        long backgroundAtStart = background.get();
        Latencies millis = new Latencies();
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService probers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            String run = condition.replace(' ', '-') + "-" + Long.toString(System.nanoTime(), 36);
            for (int p = 0; p < 4; p++) {
                running.add(probers.submit(() -> {
                    for (int k = next.getAndIncrement(); k < args.freshness(); k = next.getAndIncrement()) {
                        millis.add(probe("fresh-" + run + "-" + k + "@bench.smarttrackers.example", timeouts));
                    }
                    return null;
                }));
            }
            for (Future<?> probe : running) {
                probe.get();
            }
        } finally {
            probers.shutdownNow();
            stop.set(true);
            if (load != null) {
                load.join();
            }
        }
        double achieved = (background.get() - backgroundAtStart) / seconds(started);
        long lagAtEnd = streamsLag() + writerLag();
        Percentiles p = millis.percentiles();
        results.accept(Result.latency(
                        "Freshness " + condition + ": emitted → visible in the DPO lookup over HTTP",
                        p,
                        null,
                        "p99 <= 2 s",
                        Verdict.of(p.p99() <= 2_000 && timeouts.get() == 0))
                .withNote(String.format(
                        Locale.ROOT,
                        "%d probes, 4 at a time: a new person's mail to Postmark through the"
                                + " emitter, then POST /v1/lookup every 10 ms until it names Postmark; the whole path (emitter,"
                                + " Kafka, Streams exactly-once, graph writer, Neo4j, API); %s; max %s%s; lag left at the end %d",
                        p.count(),
                        backgroundRate > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "background demo mix at %s events/s" + " (asked %s)",
                                        Report.count(achieved),
                                        Report.count(backgroundRate))
                                : "no other load",
                        Report.millis(p.max()),
                        timeouts.get() > 0
                                ? "; " + timeouts.get() + " probes not visible within " + PROBE_TIMEOUT.toSeconds()
                                        + " s (counted as " + PROBE_TIMEOUT.toSeconds() + " s)"
                                : "",
                        lagAtEnd)));
    }

    private void steadyLoad(DemoMix mix, double rate, AtomicBoolean stop, AtomicLong sent) {
        long start = System.nanoTime();
        while (!stop.get()) {
            long due = (long) (rate * (System.nanoTime() - start) / 1e9);
            while (sent.get() < due && !stop.get()) {
                DemoMix.emit(emitter, mix.next());
                sent.incrementAndGet();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private double probe(String email, AtomicInteger timeouts) throws Exception {
        CatalogHolder postmark = catalog.holder("postmark").orElseThrow();
        HttpRequest lookup = Lookups.request(platform.dpoUrl(), email);
        long start = System.nanoTime();
        emitter.shared(Subject.email(email))
                .sourceSystem("smarttrackers-app")
                .categories(postmark.categories())
                .to(postmark.id())
                .purpose(postmark.purposes().get(0))
                .legalBasis(LegalBasis.CONTRACT)
                .emit();
        while (true) {
            HttpResponse<String> answer = http.send(lookup, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && answer.body().contains("\"postmark\"")) {
                return (System.nanoTime() - start) / 1e6;
            }
            if (System.nanoTime() - start > PROBE_TIMEOUT.toNanos()) {
                timeouts.incrementAndGet();
                return PROBE_TIMEOUT.toMillis();
            }
            Thread.sleep(10);
        }
    }

    /** Bolt point lookups (the ceiling), then DPO lookups over HTTP, of random loaded people, one at a time. */
    private void lookups(Driver driver) throws Exception {
        int people = Math.max(1, loadedPeople);
        int warmUp = Math.min(1_000, Math.max(100, args.lookups() / 10));
        LOG.info(
                "lookups: {} over Bolt, then {} over HTTP, after {} warm-up each",
                args.lookups(),
                args.lookups(),
                warmUp);
        Lookups.BoltRun bolt = Lookups.overBolt(driver, pseudonymiser, DemoMix::email, people, warmUp, args.lookups());
        int empty = bolt.empty();
        Latencies api = Lookups.overHttp(http, platform.dpoUrl(), DemoMix::email, people, warmUp, args.lookups());
        Percentiles boltP = bolt.latencies().percentiles();
        Percentiles apiP = api.percentiles();
        results.accept(Result.latency(
                        "Point lookup over Bolt (ceiling)",
                        boltP,
                        null,
                        "reference p50 0.6-1.4 ms, p99 3-8 ms",
                        Verdict.NO_BAR)
                .withNote(args.lookups() + " lookups of random loaded people by e-mail pseudonym (identifier →"
                        + " subject → holders), one at a time" + (empty > 0 ? "; " + empty + " found nothing" : "")));
        results.accept(Result.latency(
                        "DPO lookup over HTTP, everything loaded",
                        apiP,
                        boltP,
                        "p50 <= 5 ms, p99 <= 25 ms",
                        Verdict.of(apiP.p50() <= 5 && apiP.p99() <= 25))
                .withNote(args.lookups() + " POST /v1/lookup with a raw e-mail"
                        + " (pseudonymised, resolved, read, audited), one client, one at a time, over "
                        + Report.count(people)
                        + " loaded people; the bar is stated for 1M subjects / 5M edges"
                        + (backlog ? "; measured while the platform still worked through the unfinished load" : "")));
    }

    /**
     * Erasures filed over HTTP one at a time, every 100 ms, each verified once the topology holds it
     * for verification (the seed's policy); each timed from the verification until its last task is
     * readable on the tasks topic.
     */
    private void awaitState(String requestId, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpRequest get = HttpRequest.newBuilder(platform.dpoUrl().resolve("/v1/requests/" + requestId))
                .timeout(Duration.ofSeconds(30))
                .build();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && answer.body().contains("\"state\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("request " + requestId + " did not reach " + state + " within 30 s");
    }

    private void erasures(TopicSerdes serdes) throws Exception {
        TaskWatch.Outcome outcome;
        try (TaskWatch watch = new TaskWatch(platform.bootstrapServers(), serdes)) {
            SplittableRandom random = new SplittableRandom(23);
            int people = Math.max(1, loadedPeople);
            LOG.info("erasure: {} requests through the DPO API", args.requests());
            for (int i = 0; i < args.requests(); i++) {
                String email = DemoMix.email(random.nextInt(people));
                HttpRequest request = HttpRequest.newBuilder(platform.dpoUrl().resolve("/v1/requests"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ERASURE\",\"subject\":{\"email\":\""
                                + email + "\"},\"note\":\"benchmark\"}"))
                        .build();
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 202) {
                    throw new IllegalStateException(
                            "filing an erasure answered " + answer.statusCode() + ": " + answer.body());
                }
                String requestId = requestId(answer.body());
                // The seed's controller verifies every request: fan-out starts when the DPO records the check.
                awaitState(requestId, "AWAITING_VERIFICATION");
                HttpRequest verify = HttpRequest.newBuilder(
                                platform.dpoUrl().resolve("/v1/requests/" + requestId + "/verification"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"verified\":true,\"method\":\"ID_DOCUMENT_COPY\",\"note\":\"benchmark\"}"))
                        .build();
                long start = System.nanoTime();
                HttpResponse<String> verified = http.send(verify, HttpResponse.BodyHandlers.ofString());
                if (verified.statusCode() != 202) {
                    throw new IllegalStateException(
                            "verifying an erasure answered " + verified.statusCode() + ": " + verified.body());
                }
                watch.filed(requestId, start);
                Thread.sleep(100);
            }
            watch.awaitAll(Duration.ofSeconds(60));
            outcome = watch.outcome();
        }
        Latencies latencies = outcome.latencies();
        int incomplete = outcome.incomplete();
        int withoutTasks = outcome.withoutTasks();
        if (latencies.isEmpty()) {
            results.accept(Result.single(
                            "Erasure fan-out: verified request → every task on Kafka",
                            "no request completed",
                            Double.NaN,
                            "p99 <= 1 s",
                            Verdict.NOT_MET)
                    .withNote(outcome.filed() + " filed, " + incomplete + " without all tasks within 60 s, "
                            + withoutTasks + " with no tasks"));
            return;
        }
        Percentiles p = latencies.percentiles();
        results.accept(Result.latency(
                        "Erasure fan-out: verified request → every task on Kafka",
                        p,
                        null,
                        "p99 <= 1 s",
                        Verdict.of(p.p99() <= 1_000 && incomplete == 0))
                .withNote(String.format(
                                Locale.ROOT,
                                "%d erasures of random loaded"
                                        + " people filed over HTTP every 100 ms, each timed from the POST until the last of its tasks (as many as"
                                        + " its first status lists) was readable read_committed on %s; %d incomplete after 60 s%s; max %s",
                                outcome.filed(),
                                Topics.DSR_TASKS.name(),
                                incomplete,
                                withoutTasks > 0 ? ", " + withoutTasks + " without tasks (excluded)" : "",
                                Report.millis(p.max()))
                        + (backlog ? "; measured while the platform still worked through the unfinished load" : "")));
    }

    private static String requestId(String body) {
        int at = body.indexOf("\"requestId\"");
        int open = body.indexOf('"', body.indexOf(':', at) + 1);
        if (at < 0 || open < 0) {
            throw new IllegalStateException("no requestId in the answer: " + body);
        }
        return body.substring(open + 1, body.indexOf('"', open + 1));
    }

    private static double awaitHealthy(URI api, long startedNanos) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(api.resolve("/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the DPO API did not answer /health within 60 s of the platform starting");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", directory, e.getMessage());
        }
    }
}
