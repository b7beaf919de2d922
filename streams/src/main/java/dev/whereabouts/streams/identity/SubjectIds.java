package dev.whereabouts.streams.identity;

import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.streams.state.Identifier;
import java.util.List;

/**
 * Subject ids. A new subject's id is derived from the identifier that founded it (the first
 * identifier of the event that introduced the person: the primary pseudonym the event is keyed
 * by), never drawn at random, so a replay proposes the same ids again and two events introducing
 * the same person concurrently propose ids that the merge rule (smallest wins) reconciles
 * deterministically.
 *
 * <p>The founding pseudonym is also the subject's <em>anchor</em>: the routing topic places a
 * subject where it places that pseudonym, so a person's identity entry and lineage live in one
 * task (see {@code RoutePartitioning}).
 */
public final class SubjectIds {

    private SubjectIds() {}

    /** The id a subject first seen with these identifiers gets: derived from the first one. */
    public static String fresh(List<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a subject needs at least one identifier");
        }
        return SubjectId.fromPseudonym(identifiers.get(0).getPseudonym()).value();
    }

    /** The pseudonym a subject id was derived from; for an id of another shape, the id itself. */
    public static String anchor(String subjectId) {
        return SubjectId.isValid(subjectId) ? new SubjectId(subjectId).pseudonym() : subjectId;
    }

    /** Of two subjects that turned out to be one person, the one that lives on: the smaller id. */
    public static String survivor(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
