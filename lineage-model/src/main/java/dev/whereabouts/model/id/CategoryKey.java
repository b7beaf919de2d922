package dev.whereabouts.model.id;

import java.util.Optional;

/**
 * A fideslang data category key such as {@code user.contact.email}: {@value #RULE}. Keys are
 * hierarchical: a key covers itself and every key below it ({@code user.contact} covers
 * {@code user.contact.email}, not {@code user.contactless}). Whether a key is one the taxonomy
 * knows is the catalog's question ({@code DataCategories}); this type is the syntax and the
 * hierarchy, which every module shares.
 *
 * @param value the key as written
 */
public record CategoryKey(String value) {

    /** What a category key must look like. */
    public static final String RULE = "a fideslang category key: lower-case segments joined by dots, each a letter"
            + " followed by letters, digits or '_', e.g. user.contact.email";

    /** The root of the personal-data branch of the taxonomy. */
    public static final String PERSONAL_ROOT = "user";

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public CategoryKey {
        if (!isValid(IdRules.require(value, "category"))) {
            throw new InvalidIdException("a category", RULE);
        }
    }

    /** @throws InvalidIdException naming {@link #RULE} when {@code value} breaks it */
    public static CategoryKey of(String value) {
        return new CategoryKey(value);
    }

    /** Whether {@code value} has the syntax of a category key; {@code false} for {@code null}. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (segmentStart) {
                if (c < 'a' || c > 'z') {
                    return false;
                }
                segmentStart = false;
            } else if (c == '.') {
                segmentStart = true;
            } else if (!IdRules.isLowerAlphanumeric(c) && c != '_') {
                return false;
            }
        }
        return !segmentStart;
    }

    /**
     * Whether {@code parent} covers {@code child}: they are equal or {@code child} lies below
     * {@code parent}. Structural only, so it answers for keys no taxonomy knows too; for the
     * strings of Avro records, which carry keys as text.
     */
    public static boolean covers(String parent, String child) {
        return child.equals(parent)
                || (child.length() > parent.length()
                        && child.startsWith(parent)
                        && child.charAt(parent.length()) == '.');
    }

    /** Whether this key covers {@code other}: equal, or {@code other} lies below it. */
    public boolean covers(CategoryKey other) {
        return covers(value, other.value);
    }

    /**
     * Whether this is a personal-data category: a key below {@value #PERSONAL_ROOT} (the root
     * itself names no kind of data, so an event cannot be about it).
     */
    public boolean isPersonal() {
        return value.startsWith(PERSONAL_ROOT + ".");
    }

    /** {@link #isValid(String)} and {@link #isPersonal()} at once, without building the key. */
    public static boolean isPersonalKey(String value) {
        return isValid(value) && value.startsWith(PERSONAL_ROOT + ".");
    }

    /** The key one level up ({@code user.contact} for {@code user.contact.email}); empty for a root. */
    public Optional<CategoryKey> parent() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(new CategoryKey(value.substring(0, dot)));
    }

    @Override
    public String toString() {
        return value;
    }
}
