package dev.whereabouts.model.identity;

import dev.whereabouts.model.common.IdentifierType;
import java.util.Objects;

/**
 * An identifier value could not be normalised: it is not a plausible email address, phone number
 * or id. Carries the identifier type and a precise reason, and never the offending value: this
 * exception can end up in a log line, a callback or an HTTP problem response, and raw identifiers
 * must never be written anywhere.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final IdentifierType type;
    private final String reason;

    /**
     * @param type   the kind of identifier that was rejected
     * @param reason what is wrong with it, phrased without quoting the value
     */
    public InvalidIdentifierException(IdentifierType type, String reason) {
        super("Invalid " + Objects.requireNonNull(type, "type") + " identifier: "
                + Objects.requireNonNull(reason, "reason"));
        this.type = type;
        this.reason = reason;
    }

    /** The kind of identifier that was rejected. */
    public IdentifierType type() {
        return type;
    }

    /** What is wrong, e.g. {@code has no '@'}; never contains the value itself. */
    public String reason() {
        return reason;
    }
}
