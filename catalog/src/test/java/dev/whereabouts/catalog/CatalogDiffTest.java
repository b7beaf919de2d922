package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogDiffTest {

    private final Catalog seed = CatalogLoader.seed();

    @Test
    void shouldWriteEverythingToEmptyTopics() {
        // When
        CatalogDiff diff = CatalogDiff.between(Map.of(), Map.of(), Set.of(), Set.of(), seed);

        // Then
        assertThat(diff.holdersToWrite()).hasSize(seed.holders().size());
        assertThat(diff.flowsToWrite()).hasSize(seed.flows().size());
        assertThat(diff.holdersToRemove()).isEmpty();
        assertThat(diff.flowsToRemove()).isEmpty();
    }

    @Test
    void shouldWriteNothingWhenTheTopicsAlreadyShowTheCatalog() {
        // When
        CatalogDiff diff = CatalogDiff.between(seed.holders(), seed.flows(), Set.of(), Set.of(), seed);

        // Then
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.holdersUnchanged()).isEqualTo(seed.holders().size());
        assertThat(diff.flowsUnchanged()).isEqualTo(seed.flows().size());
    }

    @Test
    void shouldIgnoreANewCatalogVersionThatChangesNothingElse() {
        // Given
        Catalog renamed = new Catalog(
                "2022-02-01",
                seed.controller(),
                seed.purposes().values(),
                seed.holders().values(),
                seed.flows().values());

        // Then
        assertThat(CatalogDiff.between(seed.holders(), seed.flows(), Set.of(), Set.of(), renamed)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void shouldWriteTheChangedHolderAndTombstoneTheRemovedOne() {
        // Given: Postmark keeps mail 30 days now and Vimeo is gone
        Map<String, CatalogHolder> holders = new LinkedHashMap<>(seed.holders());
        CatalogHolder postmark = holders.get("postmark");
        holders.put(
                "postmark",
                new CatalogHolder(
                        postmark.id(),
                        postmark.displayName(),
                        postmark.legalEntity(),
                        postmark.country(),
                        postmark.role(),
                        postmark.purposes(),
                        postmark.categories(),
                        List.of(new RetentionRule(
                                postmark.categories(), Optional.of(IsoPeriod.parse("P30D")), Optional.of("30 days"))),
                        postmark.legalHolds(),
                        postmark.erasure()));
        holders.remove("vimeo");
        Catalog edited = new Catalog(
                seed.version(),
                seed.controller(),
                seed.purposes().values(),
                holders.values(),
                seed.flows().values());

        // When
        CatalogDiff diff = CatalogDiff.between(seed.holders(), seed.flows(), Set.of(), Set.of(), edited);

        // Then
        assertThat(diff.holdersToWrite()).extracting(CatalogHolder::id).containsExactly("postmark");
        assertThat(diff.holdersToRemove()).containsExactly("vimeo");
        assertThat(diff.flowsToWrite()).isEmpty();
        assertThat(diff.flowsToRemove()).isEmpty();
    }

    @Test
    void shouldRewriteUnreadableRecordsAndTombstoneUnreadableOnesTheCatalogDropped() {
        // Given: the topic's latest postmark record could not be read, nor one for a holder long gone
        Map<String, CatalogHolder> current = new LinkedHashMap<>(seed.holders());
        current.remove("postmark");

        // When
        CatalogDiff diff = CatalogDiff.between(current, seed.flows(), Set.of("postmark", "old-crm"), Set.of(), seed);

        // Then
        assertThat(diff.holdersToWrite()).extracting(CatalogHolder::id).containsExactly("postmark");
        assertThat(diff.holdersToRemove()).containsExactly("old-crm");
    }
}
