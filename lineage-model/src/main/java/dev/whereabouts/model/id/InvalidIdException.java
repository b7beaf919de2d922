package dev.whereabouts.model.id;

/**
 * An identifier that breaks its rule. The message is the rule ("a holder id is ..."), never the
 * rejected value, so it can be shown to the caller and logged as it is.
 */
public final class InvalidIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    InvalidIdException(String what, String rule) {
        super(what + " must be " + rule);
        this.rule = rule;
    }

    /** The broken rule alone, e.g. "lower-kebab-case: ...", for callers that name the field themselves. */
    public String rule() {
        return rule;
    }
}
