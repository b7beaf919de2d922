package dev.whereabouts.model.id;

/**
 * The pseudonymous id of a data subject, e.g. {@code s-3f2b...}: {@value #RULE}. The platform
 * derives it from the pseudonym of the identifier that first introduced the person (an HMAC as
 * lower-case hex, see {@code Pseudonymiser}), so it never carries a raw identifier and the same
 * person always gets the same id on a replay.
 *
 * @param value the id as given
 */
public record SubjectId(String value) implements Comparable<SubjectId> {

    /** What every subject id starts with. */
    public static final String PREFIX = "s-";

    /** What a subject id must look like. */
    public static final String RULE = "'" + PREFIX + "' followed by the pseudonym it was derived from: 1 to "
            + (IdRules.MAX_LENGTH - PREFIX.length()) + " lower-case hex digits";

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public SubjectId {
        if (!isValid(IdRules.require(value, "subject id"))) {
            throw new InvalidIdException("a subject id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    /**
     * The id of a subject founded by the identifier with this pseudonym.
     *
     * @throws InvalidIdException when {@code pseudonym} is not lower-case hex
     */
    public static SubjectId fromPseudonym(String pseudonym) {
        return new SubjectId(PREFIX + IdRules.require(pseudonym, "pseudonym"));
    }

    /** Whether {@code value} is a subject id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        if (value == null
                || value.length() <= PREFIX.length()
                || value.length() > IdRules.MAX_LENGTH
                || !value.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The pseudonym this id was derived from: the subject's anchor on the routing topic. */
    public String pseudonym() {
        return value.substring(PREFIX.length());
    }

    @Override
    public int compareTo(SubjectId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
