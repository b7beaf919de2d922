package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current catalog as the catalog topics show it, kept up to date by a background thread:
 * what the HTTP ingest and the other services validate against.
 *
 * <p>The thread reads {@code whereabouts.catalog.holders.v1}, {@code whereabouts.catalog.flows.v1}
 * and {@code whereabouts.catalog.controller.v1} from the beginning ({@code assign}, no consumer
 * group, nothing committed) and then follows them.
 * Every change the {@link CatalogPublisher} writes, from any instance, shows here without a
 * restart. The catalog is an immutable {@link Catalog} swapped atomically: {@link #current()}
 * never blocks and never shows a half-applied record. Until the topics have been read to the end
 * they had at start, {@link #current()} is {@link Catalog#empty()}: a partial catalog would reject
 * valid events. Callers that must not start without it wait on {@link #awaitLoaded(Duration)}.
 *
 * <p>The holder and flow topics carry no controller and no purposes, so the catalog here has none
 * ({@link Catalog}); the controller's request-handling policy (answer time, identity verification,
 * supervisory authority) is {@link #controllerPolicy()}, swapped together with the catalog. A record
 * that cannot be read is logged with its topic, partition and offset and counted in
 * {@link #skippedRecords()}; its key is left out until a readable record replaces it.
 *
 * <pre>{@code
 * try (LiveCatalog catalog = LiveCatalog.start(kafkaProperties, serdes)) {
 *     catalog.awaitLoaded(Duration.ofSeconds(30));
 *     boolean ok = catalog.isPurposeAllowed("postmark", "system-mail");
 * }
 * }</pre>
 */
public final class LiveCatalog implements CatalogView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCatalog.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final CatalogTopicsReader reader;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final AtomicLong updates = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    private LiveCatalog(Map<String, Object> kafkaProperties, TopicSerdes serdes) {
        this.reader = new CatalogTopicsReader(kafkaProperties, serdes, "whereabouts-live-catalog-" + UUID.randomUUID());
        this.thread = new Thread(this::run, "live-catalog");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the catalog topics.
     *
     * @param kafkaProperties bootstrap servers and any security settings
     * @param serdes          serdes for the catalog topics; the schema registry client inside is the caller's
     */
    public static LiveCatalog start(Map<String, Object> kafkaProperties, TopicSerdes serdes) {
        Objects.requireNonNull(kafkaProperties, "kafkaProperties");
        Objects.requireNonNull(serdes, "serdes");
        LiveCatalog catalog = new LiveCatalog(kafkaProperties, serdes);
        catalog.thread.start();
        return catalog;
    }

    /** The catalog and the controller policy of one moment, swapped as one. */
    private record Snapshot(Catalog catalog, Optional<ControllerPolicy> controllerPolicy) {
        static final Snapshot EMPTY = new Snapshot(Catalog.empty(), Optional.empty());
    }

    /** The current catalog; {@link Catalog#empty()} until loaded. Never blocks. */
    public Catalog current() {
        return current.get().catalog();
    }

    /**
     * The controller's policy as {@code whereabouts.catalog.controller.v1} shows it: the promised
     * answer time, the identity verification per request type, the supervisory authority. Empty
     * until loaded, when no catalog with a controller has been published, or while its record
     * cannot be read. Never blocks. A copy each time: Avro records are mutable, this one is shared.
     */
    public Optional<ControllerPolicy> controllerPolicy() {
        return current.get()
                .controllerPolicy()
                .map(p -> ControllerPolicy.newBuilder(p).build());
    }

    /**
     * Waits until the topics have been read up to where they ended at start.
     *
     * @return whether the catalog is loaded; false when the wait timed out or the catalog was closed
     */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !closed;
    }

    /** Whether the initial read has completed. */
    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** How many times the catalog has been replaced, the initial load included. */
    public long updates() {
        return updates.get();
    }

    /** Catalog records that could not be read and were skipped (each is logged as an error). */
    public long skippedRecords() {
        return reader.skipped();
    }

    @Override
    public Optional<CatalogHolder> holder(String holderId) {
        return current().holder(holderId);
    }

    @Override
    public boolean isPurposeAllowed(String holderId, String purposeId) {
        return current().isPurposeAllowed(holderId, purposeId);
    }

    @Override
    public List<String> categoriesOf(String holderId) {
        return current().categoriesOf(holderId);
    }

    @Override
    public boolean receives(String holderId, String category) {
        return current().receives(holderId, category);
    }

    @Override
    public Optional<RetentionRule> retentionFor(String holderId, String category) {
        return current().retentionFor(holderId, category);
    }

    @Override
    public List<LegalHoldRule> legalHoldsFor(String holderId) {
        return current().legalHoldsFor(holderId);
    }

    @Override
    public List<LegalHoldRule> legalHoldsFor(String holderId, String category) {
        return current().legalHoldsFor(holderId, category);
    }

    @Override
    public List<CatalogFlow> flowsFrom(String holderId) {
        return current().flowsFrom(holderId);
    }

    @Override
    public List<CatalogFlow> flowsTo(String holderId) {
        return current().flowsTo(holderId);
    }

    @Override
    public List<CatalogFlow> onwardFlows(String holderId, String category) {
        return current().onwardFlows(holderId, category);
    }

    /** Stops the thread and closes its consumer. */
    @Override
    public void close() {
        closed = true;
        // Not interrupt(): Kafka turns it into an exception inside close(). A wakeup ends a blocked
        // poll, and a pause between retries is short.
        reader.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Release anyone still waiting; awaitLoaded answers false once closed.
        loaded.countDown();
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    step();
                } catch (WakeupException e) {
                    if (closed) {
                        break;
                    }
                } catch (KafkaException e) {
                    LOG.warn("reading the catalog topics failed, retrying in {}: {}", BACKOFF, e.getMessage());
                    pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the live catalog stopped following the catalog topics; serving {} from now on", current(), e);
        } finally {
            reader.close();
        }
    }

    private void step() throws InterruptedException {
        if (!reader.isAssigned()) {
            if (!reader.assign(Duration.ofSeconds(10))) {
                LOG.warn("the catalog topics do not exist yet; waiting for them");
                pause();
                return;
            }
        }
        CatalogTopicsReader.PollOutcome outcome = reader.poll(POLL_TIMEOUT);
        if (!isLoaded()) {
            if (reader.caughtUp()) {
                swap();
                LOG.info("catalog loaded from the topics: {}", current());
                loaded.countDown();
            }
        } else if (outcome.changed()) {
            swap();
            LOG.info("catalog updated from the topics: {}", current());
        }
        if (outcome.mustBackOff()) {
            pause();
        }
    }

    private void swap() {
        current.set(new Snapshot(reader.snapshot(), reader.controllerPolicy()));
        updates.incrementAndGet();
    }

    private void pause() throws InterruptedException {
        if (!closed) {
            Thread.sleep(BACKOFF.toMillis());
        }
    }
}
