package dev.whereabouts.registry.store;

import dev.whereabouts.registry.RegistryException;

/**
 * A version as a client names it in a path: a number from 1, or {@code latest}.
 *
 * @param number the version, or {@link #LATEST_NUMBER} for the latest one
 */
public record VersionSpec(int number) {

    /** Confluent's internal spelling of "latest", also accepted in paths. */
    public static final int LATEST_NUMBER = -1;

    /** The latest version of a subject. */
    public static final VersionSpec LATEST = new VersionSpec(LATEST_NUMBER);

    public VersionSpec {
        if (number < 1 && number != LATEST_NUMBER) {
            throw RegistryException.invalidVersion(Integer.toString(number));
        }
    }

    /**
     * Parses {@code latest}, {@code -1} or a positive integer.
     *
     * @throws RegistryException {@code 42202} for anything else
     */
    public static VersionSpec parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return LATEST;
        }
        try {
            return new VersionSpec(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
    }

    /** Whether this names the latest version rather than a number. */
    public boolean isLatest() {
        return number == LATEST_NUMBER;
    }

    @Override
    public String toString() {
        return isLatest() ? "latest" : Integer.toString(number);
    }
}
