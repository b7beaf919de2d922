package dev.whereabouts.ingest.validation;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.sharing.SharingAction;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sharing event as received over HTTP, well-formed but not yet checked against the catalog. It
 * holds raw identifiers only until they are pseudonymised: never log it, never keep it.
 *
 * @param pointer     JSON Pointer of this event in the request body ({@code ""} or {@code /events/3})
 * @param identifiers raw identifier values by type, in the order of {@link IdentifierType}
 */
public record IncomingEvent(
        String pointer,
        Optional<String> eventId,
        Optional<Instant> occurredAt,
        String sourceSystem,
        Map<IdentifierType, String> identifiers,
        String holder,
        List<String> categories,
        String purpose,
        LegalBasis legalBasis,
        Optional<Period> retention,
        SharingAction action) {

    public IncomingEvent {
        identifiers = Map.copyOf(identifiers);
        categories = List.copyOf(categories);
    }

    @Override
    public String toString() {
        // Raw identifiers must never reach a log line through an accidental toString.
        return "IncomingEvent[" + pointer + ", holder=" + holder + ", identifiers=" + identifiers.keySet() + "]";
    }
}
