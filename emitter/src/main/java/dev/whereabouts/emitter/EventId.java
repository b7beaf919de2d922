package dev.whereabouts.emitter;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of one sharing event and its idempotency key: consumers treat two events with the same
 * id as one. The emitter picks a random UUID unless the caller gives one, which it should when
 * it may emit the same fact again (a retried job, a replayed outbox): then the repeat is harmless.
 *
 * @param value 1 to 128 letters, digits, {@code .}, {@code _}, {@code :} or {@code -}; a UUID
 *              fits, so does a business key such as {@code order-8812:postmark}
 */
public record EventId(String value) {

    /**
     * @throws IllegalArgumentException when the value does not have the shape above
     */
    public EventId {
        Objects.requireNonNull(value, "value");
        if (!Keys.isEventId(value)) {
            throw new IllegalArgumentException(problemWith(value));
        }
    }

    /** A fresh random (version 4) UUID. */
    public static EventId random() {
        return new EventId(UUID.randomUUID().toString());
    }

    /**
     * @throws IllegalArgumentException when the value does not have the shape of an event id
     */
    public static EventId of(String value) {
        return new EventId(value);
    }

    /** Why {@code value} is not an event id, or {@code null} when it is one. */
    static String problemWith(String value) {
        if (value == null) {
            return "eventId is missing (null)";
        }
        if (Keys.isEventId(value)) {
            return null;
        }
        // The value itself is not echoed: a confused caller may have passed something personal.
        return "eventId must be 1 to 128 letters, digits, '.', '_', ':' or '-' (got " + value.length() + " characters)";
    }

    @Override
    public String toString() {
        return value;
    }
}
