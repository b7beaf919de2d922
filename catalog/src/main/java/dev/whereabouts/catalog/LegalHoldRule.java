package dev.whereabouts.catalog;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Objects;

/**
 * A legal obligation to keep data that turns an erasure into a restriction (GDPR Art. 17(3)(b)).
 *
 * @param categories     categories the hold covers
 * @param period         how long the obligation lasts, e.g. P7Y
 * @param reason         why, in words, e.g. invoices kept for the tax office
 * @param legalReference the law, e.g. art. 52 lid 4 Algemene wet inzake rijksbelastingen
 */
public record LegalHoldRule(List<String> categories, IsoPeriod period, String reason, String legalReference) {

    public LegalHoldRule {
        categories = List.copyOf(categories);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(legalReference, "legalReference");
    }
}
