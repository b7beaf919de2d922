package dev.whereabouts.catalog;

import java.util.List;

/**
 * The catalog file as written, before any meaning is checked: texts where the format has
 * periods, enums and ids, {@code null} where a value is missing or unreadable (already reported),
 * and lists index for index with the file so problems keep their paths. {@link CatalogValidator}
 * turns it into a {@link Catalog}.
 */
record CatalogDocument(
        Integer formatVersion,
        String catalogVersion,
        ControllerEntry controller,
        List<PurposeEntry> purposes,
        List<HolderEntry> holders,
        List<FlowEntry> flows) {

    record ControllerEntry(
            String legalEntity,
            String registration,
            String address,
            String country,
            ContactEntry contact,
            String dsrResponseTime,
            String backupMaxRetention,
            AuthorityEntry supervisoryAuthority,
            List<VerificationEntry> verification) {}

    record ContactEntry(String email, String phone, String address) {}

    record AuthorityEntry(String name, String country, String complaintUrl) {}

    record VerificationEntry(List<String> requestTypes, String method, String checkedBy, String instructions) {}

    record PurposeEntry(String id, String description, String legalBasis, boolean backup) {}

    record HolderEntry(
            String id,
            String displayName,
            String legalEntity,
            String country,
            String role,
            List<String> purposes,
            List<String> categories,
            List<RetentionEntry> retention,
            List<LegalHoldEntry> legalHolds,
            ErasureEntry erasure) {}

    record RetentionEntry(List<String> categories, String retention, String note) {}

    record LegalHoldEntry(List<String> categories, String period, String reason, String legalReference) {}

    record ErasureEntry(String channel, String endpoint, String answerTime, boolean selfExpiring, String expiryGrace) {}

    record FlowEntry(
            String id,
            String from,
            String to,
            List<String> categories,
            String retention,
            String purpose,
            String description) {}
}
