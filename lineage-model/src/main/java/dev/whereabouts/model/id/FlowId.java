package dev.whereabouts.model.id;

/**
 * The catalog id of a declared flow between two holders, e.g. {@code app-to-heroku}: {@value #RULE}. One rule for every place that names one: the catalog file,
 * the emitter, the HTTP APIs.
 *
 * @param value the id as written
 */
public record FlowId(String value) implements Comparable<FlowId> {

    /** What a flow id must look like. */
    public static final String RULE = IdRules.KEBAB_RULE;

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public FlowId {
        if (!isValid(IdRules.require(value, "flow id"))) {
            throw new InvalidIdException("a flow id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static FlowId of(String value) {
        return new FlowId(value);
    }

    /** Whether {@code value} is a flow id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        return value != null && IdRules.isKebab(value);
    }

    @Override
    public int compareTo(FlowId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
