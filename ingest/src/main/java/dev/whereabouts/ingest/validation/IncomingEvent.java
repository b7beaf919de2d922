package dev.whereabouts.ingest.validation;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.id.SourceSystemId;
import dev.whereabouts.model.sharing.SharingAction;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * A sharing event as received over HTTP, decoded once into typed values: well-formed, its
 * identifiers already normalised and pseudonymised, but not yet checked against the catalog.
 *
 * @param pointer     JSON Pointer of this event in the request body ({@code ""} or {@code /events/3})
 * @param identifiers the subject's identifiers, pseudonymised with the current key, in the order of
 *                    {@link dev.whereabouts.model.common.IdentifierType}
 */
public record IncomingEvent(
        String pointer,
        Optional<EventId> eventId,
        Optional<Instant> occurredAt,
        SourceSystemId sourceSystem,
        List<SubjectIdentifier> identifiers,
        HolderId holder,
        List<CategoryKey> categories,
        PurposeId purpose,
        LegalBasis legalBasis,
        Optional<Period> retention,
        SharingAction action) {

    public IncomingEvent {
        identifiers = List.copyOf(identifiers);
        categories = List.copyOf(categories);
    }

    @Override
    public String toString() {
        // Pseudonyms identify a person across systems; a log line needs the types only.
        return "IncomingEvent[" + pointer + ", holder=" + holder + ", identifiers="
                + identifiers.stream().map(SubjectIdentifier::getType).toList() + "]";
    }
}
