package dev.whereabouts.graph.report;

import java.time.Instant;
import java.util.List;

/**
 * One copy of a person's data made for their ACCESS or PORTABILITY request: what the DPO sees of it
 * (never the link's token, of which only a hash is kept, and not the package itself).
 *
 * @param id             id of the copy
 * @param requestId      the request it answers
 * @param requestType    ACCESS or PORTABILITY
 * @param subjectIds     pseudonymous subject ids it is about
 * @param language       language of the report: {@code en} or {@code nl}
 * @param createdAt      when made
 * @param createdBy      who made it
 * @param expiresAt      when the link stops working and the copy is deleted
 * @param revokedAt      when the link was withdrawn; null while it works
 * @param revokedBy      who withdrew it
 * @param downloads      how many files were downloaded through the link
 * @param lastDownloadAt when the last one was
 */
public record PersonCopy(
        String id,
        String requestId,
        String requestType,
        List<String> subjectIds,
        String language,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        long downloads,
        Instant lastDownloadAt) {

    public PersonCopy {
        subjectIds = List.copyOf(subjectIds);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the link has stopped working by {@code now} because its time is up. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
