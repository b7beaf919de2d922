package dev.whereabouts.model.id;

/**
 * The catalog id of a purpose of processing, e.g. {@code system-mail}: {@value #RULE}. One rule for every place that names one: the catalog file,
 * the emitter, the HTTP APIs.
 *
 * @param value the id as written
 */
public record PurposeId(String value) implements Comparable<PurposeId> {

    /** What a purpose id must look like. */
    public static final String RULE = IdRules.KEBAB_RULE;

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public PurposeId {
        if (!isValid(IdRules.require(value, "purpose id"))) {
            throw new InvalidIdException("a purpose id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static PurposeId of(String value) {
        return new PurposeId(value);
    }

    /** Whether {@code value} is a purpose id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        return value != null && IdRules.isKebab(value);
    }

    @Override
    public int compareTo(PurposeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
