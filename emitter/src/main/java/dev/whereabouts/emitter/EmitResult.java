package dev.whereabouts.emitter;

import dev.whereabouts.model.id.EventId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * What {@code emit()} returns at once, without waiting for the broker: the event's id, and a
 * stage that completes when the broker acknowledges the event, or completes exceptionally with
 * an {@link EmitFailedException} when it fails.
 *
 * <p>Stages complete on the producer's network thread (or on the caller's thread for events
 * rejected at once): keep dependent actions short, or use the {@code *Async} variants.
 */
public final class EmitResult {

    private final EventId eventId;
    private final CompletableFuture<EventId> future;

    EmitResult(EventId eventId, CompletableFuture<EventId> future) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.future = Objects.requireNonNull(future, "future");
    }

    /** The event's id, known before the broker has seen it. */
    public EventId eventId() {
        return eventId;
    }

    /**
     * Completes with the event id once the broker has acknowledged the event (acks=all: written
     * to every in-sync replica), or exceptionally with an {@link EmitFailedException}. The stage
     * cannot be completed by the caller.
     */
    public CompletionStage<EventId> acknowledged() {
        return future.minimalCompletionStage();
    }

    /** Whether the event is acknowledged or failed by now. */
    public boolean isDone() {
        return future.isDone();
    }

    /** Whether the broker has acknowledged the event by now. */
    public boolean isAcknowledged() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** The failure, if the event has failed by now. */
    public Optional<FailedEvent> failure() {
        if (!future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            future.get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return e.getCause() instanceof EmitFailedException failed
                    ? Optional.of(failed.failedEvent())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        String state = !future.isDone() ? "pending" : isAcknowledged() ? "acknowledged" : "failed";
        return "EmitResult[" + eventId + ", " + state + "]";
    }
}
