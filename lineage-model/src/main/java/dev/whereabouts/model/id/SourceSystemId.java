package dev.whereabouts.model.id;

/**
 * The system that shared data, as events name it ({@code checkout-service}, {@code billing.v2}):
 * {@value #RULE}. Source systems are not declared in the catalog, so their ids may also carry
 * {@code .} and {@code _}, as service names in deployments often do.
 *
 * @param value the id as written
 */
public record SourceSystemId(String value) {

    /** What a source system id must look like. */
    public static final String RULE = "1 to " + IdRules.MAX_LENGTH
            + " lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public SourceSystemId {
        if (!isValid(IdRules.require(value, "source system id"))) {
            throw new InvalidIdException("a source system id", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static SourceSystemId of(String value) {
        return new SourceSystemId(value);
    }

    /** Whether {@code value} is a source system id; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        if (length == 0 || length > IdRules.MAX_LENGTH || !IdRules.isLowerAlphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!IdRules.isLowerAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
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
