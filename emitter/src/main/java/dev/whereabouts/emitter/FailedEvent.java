package dev.whereabouts.emitter;

import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.sharing.SharingEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An event that did not reach Kafka, and why. Every emitted event ends either acknowledged by the
 * broker or as exactly one {@code FailedEvent}, delivered to the {@code onFailure} callback and
 * carried by the {@link EmitFailedException} that completes the event's stage.
 *
 * <p>Safe to log: it holds pseudonyms only, never a raw identifier.
 */
public final class FailedEvent {

    /** Why an event failed. */
    public enum Reason {
        /**
         * Rejected before queueing: the event broke a local rule (no identifier, an invalid
         * identifier, no category, a malformed category key, no holder, ...). See {@link #problems()}.
         * Emitting it again unchanged fails again.
         */
        INVALID,
        /**
         * Rejected before queueing: {@code max.pending.events} events were already waiting for the
         * broker. The emitter sheds load rather than grow without bound or block the caller.
         */
        REJECTED_BUFFER_FULL,
        /** Rejected before queueing: the emitter was already closed. */
        REJECTED_CLOSED,
        /**
         * Accepted, but not acknowledged within {@code delivery.timeout.ms}: the broker (or, for
         * the first events, the schema registry) was unreachable for that long.
         */
        TIMED_OUT,
        /**
         * Accepted, then refused: by the broker (e.g. authorisation, record too large), by the
         * schema registry (e.g. an incompatible schema), or by serialisation.
         */
        SEND_FAILED,
        /** Accepted, but the emitter was closed before the broker acknowledged it. */
        CLOSED
    }

    private final EventId eventId;
    private final Reason reason;
    private final String message;
    private final List<String> problems;
    private final SharingEvent event;
    private final Throwable cause;

    FailedEvent(
            EventId eventId,
            Reason reason,
            String message,
            List<String> problems,
            SharingEvent event,
            Throwable cause) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.message = Objects.requireNonNull(message, "message");
        this.problems = List.copyOf(problems);
        this.event = event;
        this.cause = cause;
    }

    /** Id of the event: the one given with {@code eventId(...)}, or the one the emitter chose. */
    public EventId eventId() {
        return eventId;
    }

    /** The kind of failure. */
    public Reason reason() {
        return reason;
    }

    /** What happened, precisely; never contains a raw identifier. */
    public String message() {
        return message;
    }

    /** For {@link Reason#INVALID}: every broken rule, one line each; empty for other reasons. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The pseudonymised event as it would have been sent; empty for {@link Reason#INVALID} events,
     * which could not be built. Re-emit it after fixing the cause (same event id: idempotent).
     */
    public Optional<SharingEvent> event() {
        return Optional.ofNullable(event);
    }

    /** The underlying exception from the producer, broker or registry, if any. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public String toString() {
        return "FailedEvent[" + reason + ", eventId=" + eventId + ": " + message + "]";
    }
}
