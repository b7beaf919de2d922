package dev.whereabouts.catalog;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a catalog file and publishes every valid version of it, so editing the file is all it
 * takes to change the catalog of a running platform.
 *
 * <p>On each change (a {@link WatchService} event on the file's directory, or at the latest every
 * poll interval, since some file systems deliver no events) the file's bytes are compared with the
 * last ones handled; if they differ, the file is validated. A valid catalog goes to the
 * {@link CatalogSink} (the {@link CatalogPublisher}, which writes only the difference) and becomes
 * {@link #lastGood()}. An invalid one is logged problem by problem, each with file, line, column,
 * YAML path and reason, and nothing is published: the last good catalog stays in force. A file
 * that disappears (an editor saving by rename) is treated the same way until it is back. A
 * publication that fails is retried at the next tick.
 *
 * <p>{@link #start()} handles the file once, synchronously, then watches on a daemon thread.
 */
public final class CatalogWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogWatcher.class);

    /** Default longest time between two looks at the file. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    /** Editors write a file in several steps; act once the events have been quiet this long. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    /** What the watcher reports, on its own thread; implementations must not block for long. */
    public interface Listener {

        /** A new version of the file was valid and is now published. */
        default void published(Catalog catalog, PublishResult result) {}

        /** A new version of the file was invalid (or missing); the last good catalog stays. */
        default void rejected(List<CatalogProblem> problems) {}

        /** A valid catalog could not be published; it is retried. */
        default void publishFailed(Catalog catalog, RuntimeException error) {}
    }

    /** What one look at the file concluded. */
    public enum Outcome {
        /** The file is the one handled last time. */
        UNCHANGED,
        /** The file changed and was published. */
        PUBLISHED,
        /** The file changed and is invalid; nothing was published. */
        REJECTED,
        /** The file is valid but publishing failed; the next look retries. */
        PUBLISH_FAILED
    }

    private final Path file;
    private final CatalogValidator validator;
    private final CatalogSink sink;
    private final Duration pollInterval;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private volatile Catalog lastGood;
    private volatile List<CatalogProblem> lastProblems = List.of();
    private byte[] handledDigest;
    private volatile boolean closed;
    private WatchService watchService;

    /**
     * @param file         the catalog file
     * @param validator    checks each version
     * @param sink         receives each valid version
     * @param pollInterval longest time between two looks at the file
     */
    public CatalogWatcher(Path file, CatalogValidator validator, CatalogSink sink, Duration pollInterval) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.validator = Objects.requireNonNull(validator, "validator");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.thread = new Thread(this::run, "catalog-watcher");
        this.thread.setDaemon(true);
    }

    /** A watcher with the default validator and {@link #DEFAULT_POLL_INTERVAL}. */
    public CatalogWatcher(Path file, CatalogSink sink) {
        this(file, new CatalogValidator(), sink, DEFAULT_POLL_INTERVAL);
    }

    /** Registers a listener; register before {@link #start()} to hear about the first look. */
    public CatalogWatcher addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Handles the file once, now, then keeps watching it in the background.
     *
     * @return what the first look concluded
     */
    public Outcome start() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
            file.getParent()
                    .register(
                            watchService,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "cannot watch {} for changes ({}); looking at it every {}",
                    file.getParent(),
                    e.getMessage(),
                    pollInterval);
            watchService = null;
        }
        Outcome first = checkNow();
        thread.start();
        return first;
    }

    /** The catalog file being watched. */
    public Path file() {
        return file;
    }

    /** The last catalog that was valid and published; empty until one was. */
    public Optional<Catalog> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /** The problems of the last version that was rejected; empty once a valid one followed it. */
    public List<CatalogProblem> lastProblems() {
        return lastProblems;
    }

    /** Looks at the file now: validates and publishes it if it changed since it was last handled. */
    public synchronized Outcome checkNow() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return reject(
                    null,
                    List.of(new CatalogProblem(
                            file.toString(), "", 0, 0, "catalog file not found; keeping the last good catalog")));
        } catch (IOException e) {
            return reject(
                    null,
                    List.of(new CatalogProblem(
                            file.toString(),
                            "",
                            0,
                            0,
                            "catalog file cannot be read (" + e.getMessage() + "); keeping the last good catalog")));
        }
        byte[] digest = sha256(bytes);
        if (Arrays.equals(digest, handledDigest)) {
            return Outcome.UNCHANGED;
        }
        // Validate the very bytes that were hashed: the file may change again in between.
        CatalogValidator.Outcome checked = validator.check(file.toString(), bytes);
        if (!checked.isValid()) {
            return reject(digest, checked.problems());
        }
        Catalog catalog = checked.catalog().orElseThrow();
        PublishResult result;
        try {
            result = sink.publish(catalog);
        } catch (RuntimeException e) {
            LOG.error(
                    "catalog {} version {} is valid but could not be published; retrying in at most {}: {}",
                    file,
                    catalog.version(),
                    pollInterval,
                    e.getMessage());
            listeners.forEach(l -> l.publishFailed(catalog, e));
            return Outcome.PUBLISH_FAILED;
        }
        handledDigest = digest;
        lastGood = catalog;
        lastProblems = List.of();
        LOG.info("catalog {} version {} is in force: {}", file, catalog.version(), result);
        listeners.forEach(l -> l.published(catalog, result));
        return Outcome.PUBLISHED;
    }

    @Override
    public void close() {
        closed = true;
        if (watchService != null) {
            // Wakes the thread's poll; interrupting it instead could break a publication in flight.
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service failed", e);
            }
        } else {
            thread.interrupt();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome reject(byte[] digest, List<CatalogProblem> problems) {
        // The same broken file is reported once, not at every tick; a missing file has no digest and
        // is reported each time it is looked at only if it was not the last thing reported.
        if (digest == null && problems.equals(lastProblems)) {
            return Outcome.REJECTED;
        }
        handledDigest = digest;
        lastProblems = List.copyOf(problems);
        String kept = lastGood == null
                ? "no catalog has been published yet"
                : "keeping catalog version " + lastGood.version();
        LOG.warn("catalog {} rejected with {} problem(s); {}", file, problems.size(), kept);
        problems.forEach(p -> LOG.warn("  {}", p));
        listeners.forEach(l -> l.rejected(problems));
        return Outcome.REJECTED;
    }

    private void run() {
        while (!closed) {
            try {
                awaitChange();
                if (!closed) {
                    checkNow();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("unexpected failure while watching {}; still watching", file, e);
            }
        }
    }

    /** Returns when the directory reported an event for the file (settled), or after the poll interval. */
    private void awaitChange() throws InterruptedException {
        if (watchService == null) {
            Thread.sleep(pollInterval.toMillis());
            return;
        }
        WatchKey key = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        while (key != null) {
            // Which event it was does not matter: the digest decides whether the file changed.
            key.pollEvents();
            key.reset();
            key = watchService.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
