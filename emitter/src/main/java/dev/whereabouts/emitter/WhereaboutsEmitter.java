package dev.whereabouts.emitter;

import java.time.Duration;

/**
 * Publishes sharing events from a service to Whereabouts, in one call:
 *
 * <pre>{@code
 * WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
 *         .bootstrapServers("kafka:9092").schemaRegistryUrl("http://registry:8081")
 *         .sourceSystem("checkout").pseudonymiser(Pseudonymiser.fromEnvironment(System.getenv()))
 *         .onFailure(failed -> log.warn("lineage event lost: {}", failed))
 *         .build();
 *
 * emitter.shared(Subject.email(order.email()).accountId(order.customerId()))
 *        .categories("user.contact.email").to("postmark")
 *        .purpose("transactional-mail").legalBasis(LegalBasis.CONTRACT)
 *        .emit();
 * }</pre>
 *
 * <p>Promises to the host service:
 * <ul>
 *   <li><b>Never blocks the caller on Kafka.</b> {@code emit()} validates, pseudonymises and
 *       queues; a dedicated sender thread talks to the producer, the broker and the registry.</li>
 *   <li><b>Never throws.</b> Invalid events, a full buffer, a closed emitter, a broker or registry
 *       outage: all are reported through the returned {@link EmitResult}, the {@code onFailure}
 *       callback and {@link #metrics()}.</li>
 *   <li><b>Nothing is lost silently.</b> Every emitted event is either acknowledged by the broker
 *       (acks=all) or reported failed exactly once: within {@code delivery.timeout.ms} of being
 *       accepted, or, if the emitter had to hold it back during an outage, within
 *       {@code delivery.timeout.ms} of being handed to the producer.</li>
 *   <li><b>Bounded memory.</b> At most {@code max.pending.events} events wait for the broker;
 *       beyond that, new events are rejected with {@code REJECTED_BUFFER_FULL}.</li>
 *   <li><b>No raw identifiers leave the call.</b> Identifiers are pseudonymised inside
 *       {@code shared(...)}; only pseudonyms are queued, sent, logged or reported.</li>
 * </ul>
 *
 * <p>Thread-safe: share one emitter per process and close it on shutdown.
 */
public interface WhereaboutsEmitter extends AutoCloseable {

    /** A builder with safe defaults; see {@link EmitterConfig} for every setting. */
    static EmitterBuilder builder() {
        return new EmitterBuilder();
    }

    /** Describes data of {@code subject} sent to a holder ({@code SHARED}). */
    EventBuilder shared(Subject subject);

    /** Describes data of {@code subject} updated at a holder ({@code UPDATED}). */
    EventBuilder updated(Subject subject);

    /**
     * Describes data confirmed deleted by {@code holder} ({@code DELETED_BY_HOLDER}); name the
     * person with {@link EventBuilder#subject(Subject)}.
     */
    EventBuilder deletedBy(String holder);

    /**
     * Waits until every event emitted before this call is acknowledged or failed, or until the
     * timeout passes. Events emitted meanwhile are not waited for. Never throws.
     *
     * @return {@code true} when all of them ended, {@code false} on timeout or interrupt
     */
    boolean flush(Duration timeout);

    /** A snapshot of the counters. */
    EmitterMetrics metrics();

    /**
     * Stops accepting events (later ones are rejected with {@code REJECTED_CLOSED}), hands what is
     * queued to Kafka and waits for acknowledgements until the timeout, then reports every event
     * still pending as {@code CLOSED} and closes the producer. Such an event may still have
     * reached the broker; re-emitting it with the same event id is harmless. Idempotent.
     */
    void close(Duration timeout);

    /** {@link #close(Duration)} with {@code close.timeout.ms} (default 30 s). */
    @Override
    void close();
}
