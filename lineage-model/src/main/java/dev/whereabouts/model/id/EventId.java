package dev.whereabouts.model.id;

import java.util.UUID;

/**
 * The id of one sharing event and its idempotency key: consumers treat two events with the same
 * id as one. The emitter picks a random UUID unless the caller gives one, which it should when
 * it may emit the same fact again (a retried job, a replayed outbox): then the repeat is harmless.
 *
 * @param value {@value #RULE}; a UUID fits, so does a business key such as {@code order-8812:postmark}
 */
public record EventId(String value) {

    /** What an event id must look like. */
    public static final String RULE = "1 to " + IdRules.MAX_LENGTH + " letters, digits, '.', '_', ':' or '-'";

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public EventId {
        if (!isValid(IdRules.require(value, "eventId"))) {
            throw new InvalidIdException("an event id", RULE);
        }
    }

    /** A fresh random (version 4) UUID. */
    public static EventId random() {
        return new EventId(UUID.randomUUID().toString());
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static EventId of(String value) {
        return new EventId(value);
    }

    /** Whether {@code value} is an event id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        if (length == 0 || length > IdRules.MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!IdRules.isLowerAlphanumeric(c)
                    && !(c >= 'A' && c <= 'Z')
                    && c != '.'
                    && c != '_'
                    && c != ':'
                    && c != '-') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
