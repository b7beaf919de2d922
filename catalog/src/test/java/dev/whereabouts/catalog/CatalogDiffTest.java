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

    /** Topics showing these holders and flows and the seed's controller, as published from the seed. */
    private CatalogDiff.Current topics(
            Map<String, CatalogHolder> holders,
            Map<String, CatalogFlow> flows,
            Set<String> unreadableHolders,
            Set<String> unreadableFlows) {
        return new CatalogDiff.Current(
                holders,
                flows,
                unreadableHolders,
                unreadableFlows,
                Optional.of(CatalogAvro.toAvro(seed.controller().orElseThrow(), seed.version())),
                false);
    }

    private static CatalogDiff.Current emptyTopics() {
        return new CatalogDiff.Current(Map.of(), Map.of(), Set.of(), Set.of(), Optional.empty(), false);
    }

    @Test
    void shouldWriteEverythingToEmptyTopics() {
        // When
        CatalogDiff diff = CatalogDiff.between(emptyTopics(), seed);

        // Then
        assertThat(diff.holdersToWrite()).hasSize(seed.holders().size());
        assertThat(diff.flowsToWrite()).hasSize(seed.flows().size());
        assertThat(diff.holdersToRemove()).isEmpty();
        assertThat(diff.flowsToRemove()).isEmpty();
    }

    @Test
    void shouldWriteNothingWhenTheTopicsAlreadyShowTheCatalog() {
        // When
        CatalogDiff diff = CatalogDiff.between(topics(seed.holders(), seed.flows(), Set.of(), Set.of()), seed);

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
        assertThat(CatalogDiff.between(topics(seed.holders(), seed.flows(), Set.of(), Set.of()), renamed)
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
        CatalogDiff diff = CatalogDiff.between(topics(seed.holders(), seed.flows(), Set.of(), Set.of()), edited);

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
        CatalogDiff diff =
                CatalogDiff.between(topics(current, seed.flows(), Set.of("postmark", "old-crm"), Set.of()), seed);

        // Then
        assertThat(diff.holdersToWrite()).extracting(CatalogHolder::id).containsExactly("postmark");
        assertThat(diff.holdersToRemove()).containsExactly("old-crm");
    }

    // ------------------------------------------------------------------ the controller

    @Test
    void shouldWriteTheControllerPolicyToEmptyTopics() {
        // When
        CatalogDiff diff = CatalogDiff.between(emptyTopics(), seed);

        // Then
        assertThat(diff.controllerToWrite()).isEqualTo(seed.controller());
        assertThat(diff.controllerToRemove()).isFalse();
    }

    @Test
    void shouldRewriteTheControllerPolicyWhenItChanged() {
        // Given: the authority moved its complaint page
        Controller controller = seed.controller().orElseThrow();
        Controller moved = withAuthority(
                controller, new Controller.Authority("Autoriteit Persoonsgegevens", "NL", "https://ap.example/tip"));

        // When
        CatalogDiff diff = CatalogDiff.between(
                topics(seed.holders(), seed.flows(), Set.of(), Set.of()), withController(Optional.of(moved)));

        // Then
        assertThat(diff.controllerToWrite()).contains(moved);
        assertThat(diff.holdersToWrite()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void shouldNotRewriteTheControllerPolicyForAChangeItDoesNotCarry() {
        // Given: a new phone number, which the policy record does not carry
        Controller controller = seed.controller().orElseThrow();
        Controller newPhone = new Controller(
                controller.legalEntity(),
                controller.registration(),
                controller.address(),
                controller.country(),
                new Controller.Contact(
                        controller.contact().email(),
                        Optional.of("+31 30 0000000"),
                        controller.contact().address()),
                controller.dsrResponseTime(),
                controller.backupMaxRetention(),
                controller.supervisoryAuthority(),
                controller.verification());

        // When
        CatalogDiff diff = CatalogDiff.between(
                topics(seed.holders(), seed.flows(), Set.of(), Set.of()), withController(Optional.of(newPhone)));

        // Then
        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void shouldRewriteAnUnreadableControllerRecord() {
        // Given
        CatalogDiff.Current unreadable =
                new CatalogDiff.Current(seed.holders(), seed.flows(), Set.of(), Set.of(), Optional.empty(), true);

        // When
        CatalogDiff diff = CatalogDiff.between(unreadable, seed);

        // Then
        assertThat(diff.controllerToWrite()).isEqualTo(seed.controller());
    }

    @Test
    void shouldTombstoneTheControllerOfACatalogWithoutOne() {
        // When
        CatalogDiff diff = CatalogDiff.between(
                topics(seed.holders(), seed.flows(), Set.of(), Set.of()), withController(Optional.empty()));

        // Then
        assertThat(diff.controllerToWrite()).isEmpty();
        assertThat(diff.controllerToRemove()).isTrue();
        assertThat(CatalogDiff.between(emptyTopics(), withController(Optional.empty()))
                        .controllerToRemove())
                .isFalse();
    }

    private Catalog withController(Optional<Controller> controller) {
        return new Catalog(
                seed.version(),
                controller,
                seed.purposes().values(),
                seed.holders().values(),
                seed.flows().values());
    }

    private static Controller withAuthority(Controller c, Controller.Authority authority) {
        return new Controller(
                c.legalEntity(),
                c.registration(),
                c.address(),
                c.country(),
                c.contact(),
                c.dsrResponseTime(),
                c.backupMaxRetention(),
                authority,
                c.verification());
    }
}
