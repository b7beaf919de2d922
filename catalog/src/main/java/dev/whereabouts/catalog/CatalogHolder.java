package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.HolderRole;
import java.util.List;
import java.util.Objects;

/**
 * A place where personal data lives, as the catalog declares it: an internal system of the
 * controller or a (sub-)processor.
 *
 * @param id          stable lower-kebab id, e.g. {@code postmark}; the key on the catalog topic
 * @param displayName name shown to people
 * @param legalEntity legal entity operating it
 * @param country     ISO 3166-1 alpha-2 country of that legal entity
 * @param role        internal, processor or sub-processor
 * @param purposes    purpose ids the holder may receive data for
 * @param categories  fideslang categories it is declared to receive; a parent covers its children
 * @param retention   default retention rules; together they cover every declared category once
 * @param legalHolds  legal obligations to keep some categories
 * @param erasure     how it receives data-subject request tasks, how soon it should answer and
 *                    whether its copies expire by themselves
 */
public record CatalogHolder(
        String id,
        String displayName,
        String legalEntity,
        String country,
        HolderRole role,
        List<String> purposes,
        List<String> categories,
        List<RetentionRule> retention,
        List<LegalHoldRule> legalHolds,
        ErasureRoute erasure) {

    public CatalogHolder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(legalEntity, "legalEntity");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(role, "role");
        purposes = List.copyOf(purposes);
        categories = List.copyOf(categories);
        retention = List.copyOf(retention);
        legalHolds = List.copyOf(legalHolds);
        Objects.requireNonNull(erasure, "erasure");
    }
}
