package dev.whereabouts.streams.identity;

import dev.whereabouts.streams.state.Identifier;
import java.util.Collection;

/**
 * Subject ids. A new subject's id is derived from its identifiers (the smallest pseudonym), not
 * drawn at random, so two events that introduce the same person at the same moment on different
 * tasks propose the same id, and a replay proposes the same ids again.
 */
public final class SubjectIds {

    private static final String PREFIX = "s-";
    private static final int LENGTH = 32;

    private SubjectIds() {
    }

    /** The id a subject first seen with these identifiers gets. */
    public static String fresh(Collection<Identifier> identifiers) {
        String smallest = null;
        for (Identifier id : identifiers) {
            if (smallest == null || id.getPseudonym().compareTo(smallest) < 0) {
                smallest = id.getPseudonym();
            }
        }
        if (smallest == null) {
            throw new IllegalArgumentException("a subject needs at least one identifier");
        }
        return PREFIX + (smallest.length() > LENGTH ? smallest.substring(0, LENGTH) : smallest);
    }

    /** Of two subjects that turned out to be one person, the one that lives on: the smaller id. */
    public static String survivor(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
