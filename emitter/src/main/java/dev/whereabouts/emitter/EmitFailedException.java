package dev.whereabouts.emitter;

import java.util.Objects;

/**
 * Completes an event's stage when the event failed; never thrown by the emitter itself. Its
 * message is the {@link FailedEvent#message()}, which contains no raw identifier.
 */
public final class EmitFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FailedEvent failedEvent;

    EmitFailedException(FailedEvent failedEvent) {
        // No stack trace: it would only show emitter internals, and an outage can fail thousands.
        super(
                Objects.requireNonNull(failedEvent, "failedEvent").message(),
                failedEvent.cause().orElse(null),
                false,
                false);
        this.failedEvent = failedEvent;
    }

    /** The failed event, with reason, problems and the pseudonymised event. */
    public FailedEvent failedEvent() {
        return failedEvent;
    }
}
