package dev.whereabouts.model.id;

/** The character rules the identifier types share; each rule exists here once. */
final class IdRules {

    /** Longest id of any kind: a key in a topic, a node property, a URL path segment. */
    static final int MAX_LENGTH = 128;

    static final String KEBAB_RULE = "1 to " + MAX_LENGTH
            + " lower-case letters and digits in words joined by single dashes (lower-kebab-case, e.g. amazon-s3)";

    private IdRules() {}

    /** {@code [a-z0-9]+(-[a-z0-9]+)*}, at most {@link #MAX_LENGTH} characters. */
    static boolean isKebab(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        boolean afterDash = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '-') {
                if (afterDash) {
                    return false;
                }
                afterDash = true;
            } else if (isLowerAlphanumeric(c)) {
                afterDash = false;
            } else {
                return false;
            }
        }
        return !afterDash;
    }

    static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static String require(String value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " is missing (null)");
        }
        return value;
    }
}
