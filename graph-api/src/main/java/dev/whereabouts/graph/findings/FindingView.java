package dev.whereabouts.graph.findings;

import java.time.Instant;

/**
 * A retention finding as the API shows it.
 *
 * @param findingId    id
 * @param subjectId    pseudonymous subject
 * @param category     category
 * @param holder       holder keeping it too long
 * @param kind         RETENTION_EXPIRED, BACKUP_PROMISE_EXCEEDED or OTHER
 * @param lastSharedAt latest sharing
 * @param dueAt        when it should have been deleted
 * @param detectedAt   when noticed
 * @param resolved     true once deleted or erased
 * @param rule         the rule in words
 */
public record FindingView(
        String findingId,
        String subjectId,
        String category,
        String holder,
        String kind,
        Instant lastSharedAt,
        Instant dueAt,
        Instant detectedAt,
        boolean resolved,
        String rule) {}
