package dev.whereabouts.emitter;

import dev.whereabouts.emitter.FailedEvent.Reason;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.SchemaRegistryConnectionException;
import dev.whereabouts.model.serde.SchemaRegistryException;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emitter over a Kafka {@link Producer}.
 *
 * <p>The calling thread validates, pseudonymises and builds the event, takes one of
 * {@code max.pending.events} permits and puts the event on a queue: it never touches the
 * producer, the broker or the registry, so it cannot be blocked or hit by their failures. One
 * sender thread hands queued events to the producer in order. The producer would block a caller
 * for up to {@code max.block.ms} whenever it has no metadata for the topic (a cold start against
 * a dead broker) and its serializer calls the registry on the first record; the sender takes
 * both waits instead, holds the queue meanwhile (order is kept), retries with backoff, and
 * fails events that reach their deadline. Every accepted event ends exactly once: acknowledged,
 * or reported through the callback and its stage.
 */
final class KafkaEmitter implements WhereaboutsEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEmitter.class);
    private static final String TOPIC = Topics.SHARING_EVENTS.name();
    private static final int DRAIN_BATCH = 1024;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EmitterConfig config;
    private final Pseudonymiser pseudonymiser;
    private final Producer<String, SharingEvent> producer;
    private final AutoCloseable ownedRegistry;
    private final Consumer<FailedEvent> onFailure;
    private final boolean logFailures;
    private final Clock clock;
    private final int maxPending;
    private final long deliveryTimeoutNanos;

    private final ArrayBlockingQueue<PendingEvent> queue;
    private final Set<PendingEvent> unfinished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejectedBufferFull = new LongAdder();
    private final LongAdder rejectedClosed = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final AtomicLong lastFailureLogNanos = new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);
    private final AtomicLong unloggedFailures = new AtomicLong();

    private final Object closeLock = new Object();
    private boolean closeCalled;
    private final Thread sender;
    private volatile long closeDeadlineNanos;
    private volatile boolean closing;
    private volatile boolean terminated;
    private volatile String closedBecause = "the emitter is closed";
    /** Why the head of the queue cannot be sent right now; {@code null} while sending works. */
    private volatile RuntimeException blockedBy;

    KafkaEmitter(
            EmitterConfig config,
            Pseudonymiser pseudonymiser,
            Producer<String, SharingEvent> producer,
            AutoCloseable ownedRegistry,
            Consumer<FailedEvent> onFailure,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownedRegistry = ownedRegistry;
        this.logFailures = onFailure == null;
        this.onFailure = onFailure;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxPending = config.maxPendingEvents();
        this.deliveryTimeoutNanos = config.deliveryTimeout().toNanos();
        // One slot more than permits, for the wake-up close() puts in.
        this.queue = new ArrayBlockingQueue<>(maxPending + 1);
        this.sender = new Thread(this::runSender, "whereabouts-emitter-" + config.sourceSystem());
        // A forgotten close() must not keep the host JVM alive.
        sender.setDaemon(true);
        sender.start();
        if (pseudonymiser.keys().isDemo()) {
            LOG.warn(
                    "Whereabouts emitter '{}' pseudonymises with the public demo key {}: fine for the embedded demo,"
                            + " never for real data",
                    config.sourceSystem(),
                    pseudonymiser.currentKeyId());
        }
    }

    @Override
    public EventBuilder shared(Subject subject) {
        return new EventBuilder(this, SharingAction.SHARED).subject(subject);
    }

    @Override
    public EventBuilder updated(Subject subject) {
        return new EventBuilder(this, SharingAction.UPDATED).subject(subject);
    }

    @Override
    public EventBuilder deletedBy(String holder) {
        return new EventBuilder(this, SharingAction.DELETED_BY_HOLDER).to(holder);
    }

    @Override
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return awaitUnfinished(timeout.toNanos());
    }

    @Override
    public EmitterMetrics metrics() {
        return new EmitterMetrics(
                accepted.sum(),
                sent.sum(),
                acked.sum(),
                failed.sum(),
                rejectedBufferFull.sum(),
                rejectedClosed.sum(),
                invalid.sum(),
                pending.get());
    }

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (closeLock) {
            if (closeCalled) {
                return;
            }
            closeCalled = true;
            long start = System.nanoTime();
            long deadline = start + Math.min(Math.max(0, timeout.toNanos()), TimeUnit.DAYS.toNanos(365));
            closeDeadlineNanos = deadline;
            closing = true;
            queue.offer(PendingEvent.wakeUp());
            try {
                sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitUnfinished(deadline - System.nanoTime());
            terminated = true;
            failUnfinished(Reason.CLOSED);
            try {
                producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (RuntimeException e) {
                LOG.warn(
                        "Closing the Kafka producer of Whereabouts emitter '{}' failed: {}",
                        config.sourceSystem(),
                        e.toString());
            }
            if (sender.isAlive()) {
                sender.interrupt();
            }
            if (ownedRegistry != null) {
                try {
                    ownedRegistry.close();
                } catch (Exception e) {
                    LOG.warn(
                            "Closing the schema registry client of Whereabouts emitter '{}' failed: {}",
                            config.sourceSystem(),
                            e.toString());
                }
            }
            LOG.info(
                    "Whereabouts emitter '{}' closed in {} ms: {}",
                    config.sourceSystem(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    metrics());
        }
    }

    Pseudonymiser pseudonymiser() {
        return pseudonymiser;
    }

    /** The caller's side of an emit: never blocks on Kafka, never throws. */
    EmitResult emit(EventBuilder draft) {
        EventId eventId = draft.eventIdForReport();
        SharingEvent event;
        try {
            List<String> problems = draft.problems(config);
            if (!problems.isEmpty()) {
                invalid.increment();
                return rejected(
                        eventId,
                        Reason.INVALID,
                        "event " + eventId + " is invalid: " + String.join("; ", problems),
                        problems,
                        null);
            }
            event = draft.toEvent(config, clock.instant());
        } catch (RuntimeException e) {
            // A bug of ours must not become the caller's exception; report it like a bad event.
            invalid.increment();
            return rejected(eventId, Reason.INVALID, "event " + eventId + " could not be built: " + e, List.of(), null);
        }
        if (closing) {
            rejectedClosed.increment();
            return rejected(
                    eventId,
                    Reason.REJECTED_CLOSED,
                    "event " + eventId + " for holder " + event.getHolder() + " was not accepted: " + closedBecause,
                    List.of(),
                    event);
        }
        if (!tryReserve()) {
            rejectedBufferFull.increment();
            return rejected(
                    eventId,
                    Reason.REJECTED_BUFFER_FULL,
                    "event " + eventId + " for holder " + event.getHolder()
                            + " was not accepted: " + maxPending + " events (" + EmitterConfig.MAX_PENDING_EVENTS
                            + ") are already waiting for the broker",
                    List.of(),
                    event);
        }
        // The primary pseudonym (identifiers are ordered EMAIL, PHONE, ACCOUNT_ID, ...) keys the
        // record, so one person's events land in one partition and stay in order.
        String key = event.getIdentifiers().get(0).getPseudonym();
        PendingEvent pendingEvent = new PendingEvent(
                this, eventId, new ProducerRecord<>(TOPIC, key, event), System.nanoTime() + deliveryTimeoutNanos);
        unfinished.add(pendingEvent);
        accepted.increment();
        if (!queue.offer(pendingEvent)) {
            // Cannot happen: permits never exceed the queue's capacity. Reported rather than assumed.
            fail(pendingEvent, Reason.SEND_FAILED, "event " + eventId + " could not be queued", null);
        }
        if (terminated) {
            // close() finished between our check and the offer; nobody else will end this event.
            failUnfinished(Reason.CLOSED);
        }
        return new EmitResult(eventId, pendingEvent.future);
    }

    /** Called by the producer (network thread) or synchronously by {@code send}. */
    void onProducerCompletion(PendingEvent event, Exception exception) {
        if (exception == null) {
            if (event.end()) {
                acked.increment();
                release(event);
                event.future.complete(event.eventId);
            }
            return;
        }
        if (exception instanceof org.apache.kafka.common.errors.TimeoutException) {
            fail(
                    event,
                    Reason.TIMED_OUT,
                    "event " + event.eventId + " for holder " + event.holder()
                            + " was not acknowledged within " + EmitterConfig.DELIVERY_TIMEOUT_MS + "="
                            + config.deliveryTimeout().toMillis() + " ms: " + exception,
                    exception);
        } else {
            fail(
                    event,
                    Reason.SEND_FAILED,
                    "event " + event.eventId + " for holder " + event.holder() + " was refused by Kafka: " + exception,
                    exception);
        }
    }

    private void runSender() {
        ArrayDeque<PendingEvent> backlog = new ArrayDeque<>();
        long backoff = FIRST_BACKOFF_NANOS;
        long nextAttempt = System.nanoTime();
        try {
            while (true) {
                if (closing && System.nanoTime() - closeDeadlineNanos >= 0) {
                    return;
                }
                if (backlog.isEmpty()) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    PendingEvent first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                    if (first == null) {
                        continue;
                    }
                    backlog.addLast(first);
                }
                queue.drainTo(backlog, DRAIN_BATCH);
                expireOverdue(backlog);
                if (backlog.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                if (now - nextAttempt < 0) {
                    // Waiting out a backoff: wake early for the head's deadline, and keep collecting.
                    long wait = Math.min(nextAttempt - now, backlog.peekFirst().deadlineNanos - now);
                    PendingEvent more = queue.poll(Math.max(wait, 1), TimeUnit.NANOSECONDS);
                    if (more != null) {
                        backlog.addLast(more);
                    }
                    continue;
                }
                RuntimeException blocker = sendInOrder(backlog);
                if (blocker == null) {
                    if (blockedBy != null) {
                        LOG.info("Whereabouts emitter '{}' is sending again", config.sourceSystem());
                    }
                    blockedBy = null;
                    backoff = FIRST_BACKOFF_NANOS;
                } else {
                    if (blockedBy == null) {
                        LOG.warn(
                                "Whereabouts emitter '{}' cannot send yet, holding {} event(s) for up to {} ms: {}",
                                config.sourceSystem(),
                                backlog.size(),
                                config.deliveryTimeout().toMillis(),
                                blocker.toString());
                    }
                    blockedBy = blocker;
                    nextAttempt = System.nanoTime() + backoff;
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Unreachable in practice; if it happens, stop accepting and end everything loudly.
            LOG.error(
                    "The sender thread of Whereabouts emitter '{}' stopped unexpectedly; every pending event is"
                            + " reported failed and new events are rejected",
                    config.sourceSystem(),
                    t);
            closedBecause = "the emitter's sender thread stopped unexpectedly (" + t + ")";
            closing = true;
            terminated = true;
            failUnfinished(Reason.SEND_FAILED);
            if (t instanceof Error error) {
                throw error;
            }
        }
    }

    /**
     * Hands the backlog to the producer, oldest first.
     *
     * @return why sending must pause (no topic metadata, registry unreachable), or {@code null}
     *         when the whole backlog was handed over or ended
     */
    private RuntimeException sendInOrder(ArrayDeque<PendingEvent> backlog) {
        try {
            // Blocks this thread (at most max.block.ms), never a caller: without topic metadata
            // send() itself would block for that long and then fail the event outright.
            producer.partitionsFor(TOPIC);
        } catch (RuntimeException e) {
            return e;
        }
        while (!backlog.isEmpty()) {
            PendingEvent event = backlog.peekFirst();
            if (event.hasEnded()) {
                backlog.pollFirst();
                continue;
            }
            long now = System.nanoTime();
            if (event.isOverdue(now)) {
                backlog.pollFirst();
                expire(event);
                continue;
            }
            if (closing && now - closeDeadlineNanos >= 0) {
                return null;
            }
            sent.increment();
            try {
                producer.send(event.record, event);
                backlog.pollFirst();
            } catch (RuntimeException e) {
                sent.decrement();
                if (isRegistryUnavailable(e)) {
                    // The schema id is not cached yet and the registry did not answer: keep the
                    // event at the head and retry, as for a broker outage.
                    return e;
                }
                backlog.pollFirst();
                fail(
                        event,
                        Reason.SEND_FAILED,
                        "event " + event.eventId + " for holder " + event.holder()
                                + " could not be serialized or sent: " + e,
                        e);
            }
        }
        return null;
    }

    private void expireOverdue(ArrayDeque<PendingEvent> backlog) {
        long now = System.nanoTime();
        while (!backlog.isEmpty()
                && (backlog.peekFirst().hasEnded() || backlog.peekFirst().isOverdue(now))) {
            PendingEvent event = backlog.pollFirst();
            if (!event.hasEnded()) {
                expire(event);
            }
        }
    }

    private void expire(PendingEvent event) {
        RuntimeException why = blockedBy;
        String because = why == null ? "the sender could not keep up" : describeBlocker(why);
        fail(
                event,
                Reason.TIMED_OUT,
                "event " + event.eventId + " for holder " + event.holder()
                        + " could not be handed to Kafka within " + EmitterConfig.DELIVERY_TIMEOUT_MS + "="
                        + config.deliveryTimeout().toMillis() + " ms: " + because,
                why);
    }

    private static String describeBlocker(RuntimeException blocker) {
        if (isRegistryUnavailable(blocker)) {
            return "the schema registry did not answer (" + blocker.getMessage() + ")";
        }
        return "no metadata for topic " + TOPIC + " (broker unreachable or topic missing): " + blocker;
    }

    static boolean isRegistryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryConnectionException) {
                return true;
            }
            if (t instanceof SchemaRegistryException registry) {
                int status = registry.httpStatus();
                return status >= 500 || status == 429;
            }
        }
        return false;
    }

    private boolean tryReserve() {
        while (true) {
            int current = pending.get();
            if (current >= maxPending) {
                return false;
            }
            if (pending.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private void release(PendingEvent event) {
        unfinished.remove(event);
        pending.decrementAndGet();
    }

    private void fail(PendingEvent event, Reason reason, String message, Throwable cause) {
        if (!event.end()) {
            return;
        }
        failed.increment();
        release(event);
        FailedEvent failure = new FailedEvent(event.eventId, reason, message, List.of(), event.record.value(), cause);
        report(failure);
        event.future.completeExceptionally(new EmitFailedException(failure));
    }

    private EmitResult rejected(
            EventId eventId, Reason reason, String message, List<String> problems, SharingEvent event) {
        FailedEvent failure = new FailedEvent(eventId, reason, message, problems, event, null);
        report(failure);
        return new EmitResult(eventId, CompletableFuture.failedFuture(new EmitFailedException(failure)));
    }

    private void failUnfinished(Reason reason) {
        for (PendingEvent event : unfinished) {
            fail(
                    event,
                    reason,
                    "event " + event.eventId + " for holder " + event.holder()
                            + " was not acknowledged before the emitter closed; it may still have reached the broker,"
                            + " and re-emitting it with the same event id is harmless",
                    null);
        }
    }

    private boolean awaitUnfinished(long timeoutNanos) {
        CompletableFuture<?>[] futures = unfinished.stream().map(e -> e.future).toArray(CompletableFuture[]::new);
        if (futures.length == 0) {
            return true;
        }
        try {
            CompletableFuture.allOf(futures).get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            // allOf completes exceptionally only once all are done, some of them failed: flushed.
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void report(FailedEvent failure) {
        LOG.debug("{}", failure);
        if (logFailures) {
            logRateLimited(failure);
            return;
        }
        try {
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The onFailure callback of Whereabouts emitter '{}' threw {} for event {}; ignored",
                    config.sourceSystem(),
                    e.getClass().getName(),
                    failure.eventId());
        }
    }

    /** Without a callback, failures are logged, but an outage must not flood the host's logs. */
    private void logRateLimited(FailedEvent failure) {
        unloggedFailures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFailureLogNanos.get();
        if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLogNanos.compareAndSet(last, now)) {
            long count = unloggedFailures.getAndSet(0);
            LOG.warn(
                    "Whereabouts emitter '{}': {} event(s) failed in the last {} s (set onFailure to handle them);"
                            + " latest: {}",
                    config.sourceSystem(),
                    count,
                    TimeUnit.NANOSECONDS.toSeconds(FAILURE_LOG_INTERVAL_NANOS),
                    failure);
        }
    }

    @Override
    public String toString() {
        return "WhereaboutsEmitter[" + config.sourceSystem() + ", " + metrics() + "]";
    }
}
