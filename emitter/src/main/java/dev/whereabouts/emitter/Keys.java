package dev.whereabouts.emitter;

/**
 * Shape checks for the ids every event carries. Written as character loops rather than regular
 * expressions because they run several times per event on the caller's thread, where a
 * {@code Matcher} per check cost more than pseudonymisation itself.
 */
final class Keys {

    /** Longest catalog id (holder, purpose, source system) accepted. */
    static final int MAX_ID_LENGTH = 128;

    private Keys() {}

    /**
     * A catalog id: 1 to 128 of lower-case letters, digits, {@code .}, {@code _} or {@code -},
     * starting with a letter or digit. An address or a sentence cannot pass for one.
     */
    static boolean isCatalogId(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_ID_LENGTH || !isLowerAlphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * A fideslang key of the user taxonomy: {@code user} followed by one or more segments, each a
     * dot, a lower-case letter, then lower-case letters, digits or {@code _}
     * ({@code user.contact.email}, {@code user.device.ip_address}).
     */
    static boolean isUserCategory(String value) {
        int length = value.length();
        if (length < 6 || !value.startsWith("user.")) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 5; i < length; i++) {
            char c = value.charAt(i);
            if (segmentStart) {
                if (c < 'a' || c > 'z') {
                    return false;
                }
                segmentStart = false;
            } else if (c == '.') {
                segmentStart = true;
            } else if (!isLowerAlphanumeric(c) && c != '_') {
                return false;
            }
        }
        return !segmentStart;
    }

    /** 1 to 128 of letters, digits, {@code .}, {@code _}, {@code :} or {@code -}. */
    static boolean isEventId(String value) {
        int length = value.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!isLowerAlphanumeric(c) && !(c >= 'A' && c <= 'Z') && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
