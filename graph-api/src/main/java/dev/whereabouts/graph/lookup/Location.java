package dev.whereabouts.graph.lookup;

import java.time.Instant;
import java.util.List;

/**
 * One answer to "where does this person's data live": one category of one subject at one holder,
 * with how it got there and how long it may stay.
 *
 * @param subjectId      pseudonymous subject id
 * @param category       fideslang category
 * @param holder         catalog id of the holder
 * @param displayName    holder's display name (null when the catalog does not know the holder)
 * @param legalEntity    who operates the holder
 * @param country        ISO country of the legal entity
 * @param role           INTERNAL, PROCESSOR or SUB_PROCESSOR
 * @param direct         true when a sharing event named this holder; false for onward holders
 * @param path           for onward holders, the holders the data travelled through
 * @param purposes       purposes it was shared for
 * @param legalBases     legal bases relied on
 * @param sourceSystems  systems whose events produced this edge
 * @param firstSharedAt  earliest sharing
 * @param lastSharedAt   latest sharing
 * @param retentionUntil when the holder must have deleted it; null when nothing declares a retention
 * @param status         HELD, DELETED_BY_HOLDER, ERASED or RESTRICTED
 * @param statusReason   why, when not HELD
 */
public record Location(
        String subjectId,
        String category,
        String holder,
        String displayName,
        String legalEntity,
        String country,
        String role,
        boolean direct,
        List<String> path,
        List<String> purposes,
        List<String> legalBases,
        List<String> sourceSystems,
        Instant firstSharedAt,
        Instant lastSharedAt,
        Instant retentionUntil,
        String status,
        String statusReason) {}
