package dev.whereabouts.model.id;

/**
 * The catalog id of a holder (a processor, a system, a recipient), e.g. {@code postmark}: {@value #RULE}. One rule for every place that names one: the catalog file,
 * the emitter, the HTTP APIs.
 *
 * @param value the id as written
 */
public record HolderId(String value) implements Comparable<HolderId> {

    /** What a holder id must look like. */
    public static final String RULE = IdRules.KEBAB_RULE;

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public HolderId {
        if (!isValid(IdRules.require(value, "holder id"))) {
            throw new InvalidIdException("a holder id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static HolderId of(String value) {
        return new HolderId(value);
    }

    /** Whether {@code value} is a holder id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        return value != null && IdRules.isKebab(value);
    }

    @Override
    public int compareTo(HolderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
