package dev.whereabouts.catalog;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a holder keeps some of its categories by default.
 *
 * @param categories fideslang keys the rule applies to; a parent key covers its children
 * @param period     the retention, empty when the statement gives none
 * @param note       the retention in the statement's own words, e.g. "Number of hours"; always
 *                   present when {@code period} is empty
 */
public record RetentionRule(List<String> categories, Optional<IsoPeriod> period, Optional<String> note) {

    public RetentionRule {
        categories = List.copyOf(categories);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(note, "note");
    }
}
