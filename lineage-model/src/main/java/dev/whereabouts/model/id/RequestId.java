package dev.whereabouts.model.id;

import java.util.UUID;

/**
 * The id of a data subject request (access, erasure, ...): {@value #RULE}.
 *
 * @param value the id as given
 */
public record RequestId(String value) {

    /** What a request id must look like. */
    public static final String RULE = "a UUID, e.g. 3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93";

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public RequestId {
        if (!isValid(IdRules.require(value, "requestId"))) {
            throw new InvalidIdException("a request id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static RequestId of(String value) {
        return new RequestId(value);
    }

    /** A fresh random request id. */
    public static RequestId random() {
        return new RequestId(UUID.randomUUID().toString());
    }

    /** Whether {@code value} is a UUID in the 8-4-4-4-12 hex form (either case); {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !IdRules.isHex(c)) {
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
