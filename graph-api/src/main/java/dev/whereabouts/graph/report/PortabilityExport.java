package dev.whereabouts.graph.report;

import dev.whereabouts.graph.lookup.Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The GDPR Art. 20 portability export: a machine-readable account of everything the platform knows
 * about the person's data, where each piece is and where it came from. The platform holds no data
 * values (pseudonyms only), so this is the lineage, not the data itself: the holders listed export
 * the values through their EXPORT tasks.
 *
 * @param format       version of this document's shape
 * @param generatedAt  when
 * @param controller   the controller
 * @param subjectIds   pseudonymous subject ids
 * @param identifiers  pseudonymous identifiers (type, key id, pseudonym) the person is known by
 * @param locations    every (category, holder) edge with purposes, legal bases, sources and dates
 * @param requests     data-subject requests concerning the person
 */
public record PortabilityExport(
        String format,
        Instant generatedAt,
        String controller,
        List<String> subjectIds,
        List<Map<String, Object>> identifiers,
        List<Location> locations,
        List<Map<String, Object>> requests) {

    /** Current value of {@link #format()}. */
    public static final String FORMAT = "whereabouts.portability.v1";
}
