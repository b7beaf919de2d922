package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The questions a catalog answers, asked of the seed catalog. */
class CatalogTest {

    private final Catalog catalog = CatalogLoader.seed();

    @Test
    void shouldFindAHolderById() {
        // Then
        assertThat(catalog.holder("postmark"))
                .get()
                .extracting(CatalogHolder::legalEntity)
                .isEqualTo("WildBit LLC.");
        assertThat(catalog.holder("no-such-holder")).isEmpty();
    }

    @Test
    void shouldAllowOnlyTheDeclaredPurposesOfAHolder() {
        // Then
        assertThat(catalog.isPurposeAllowed("postmark", "system-mail")).isTrue();
        assertThat(catalog.isPurposeAllowed("postmark", "newsletter")).isFalse();
        assertThat(catalog.isPurposeAllowed("no-such-holder", "system-mail")).isFalse();
    }

    @Test
    void shouldSayWhichCategoriesAHolderReceivesCountingChildrenOfDeclaredParents() {
        // Then
        assertThat(catalog.categoriesOf("postmark"))
                .containsExactly("user.device.ip_address", "user.contact.email", "user.content.private");
        assertThat(catalog.receives("postmark", "user.contact.email")).isTrue();
        assertThat(catalog.receives("postmark", "user.contact.phone_number")).isFalse();
        // The application declares user.device, which covers the device id it never listed.
        assertThat(catalog.receives("smarttrackers-app", "user.device.device_id"))
                .isTrue();
        assertThat(catalog.categoriesOf("no-such-holder")).isEmpty();
    }

    @Test
    void shouldFindTheRetentionForACategory() {
        // Then
        assertThat(catalog.retentionFor("postmark", "user.contact.email"))
                .flatMap(RetentionRule::period)
                .map(IsoPeriod::toString)
                .contains("P45D");
        assertThat(catalog.retentionFor("postmark", "user.contact.phone_number"))
                .isEmpty();
        assertThat(catalog.retentionFor("vimeo", "user.device.ip_address"))
                .get()
                .satisfies(rule -> assertThat(rule.period()).isEmpty());
    }

    @Test
    void shouldPreferTheMostSpecificRetentionRule() {
        // Given: a holder with a default rule and a narrower one
        Catalog edited = CatalogLoader.parse(
                "minimal.yaml",
                CatalogFixtures.minimalWith(
                        "      - categories: [user]\n        retention: P1Y\n        note: 1 year\n",
                        "      - categories: [user]\n        retention: P1Y\n        note: 1 year\n"
                                + "      - categories: [user.contact.email]\n        retention: P30D\n        note: 30 days\n"));

        // Then
        assertThat(edited.retentionFor("backups", "user.contact.email"))
                .flatMap(RetentionRule::period)
                .map(IsoPeriod::toString)
                .contains("P30D");
        assertThat(edited.retentionFor("backups", "user.name"))
                .flatMap(RetentionRule::period)
                .map(IsoPeriod::toString)
                .contains("P1Y");
    }

    @Test
    void shouldListTheLegalHoldsThatCoverACategory() {
        // Then
        assertThat(catalog.legalHoldsFor("moneybird")).hasSize(1);
        assertThat(catalog.legalHoldsFor("moneybird", "user.contact.email"))
                .singleElement()
                .satisfies(hold -> assertThat(hold.period()).hasToString("P7Y"));
        assertThat(catalog.legalHoldsFor("moneybird", "user.device.ip_address")).isEmpty();
        assertThat(catalog.legalHoldsFor("postmark")).isEmpty();
    }

    @Test
    void shouldListTheFlowsFromAndToAHolder() {
        // Then
        assertThat(catalog.flowsFrom("smarttrackers-app"))
                .extracting(CatalogFlow::to)
                .containsExactly(
                        "heroku",
                        "memcached-cloud",
                        "transip-vps-backups",
                        "amazon-s3-database-backups",
                        "amazon-s3-file-backups");
        assertThat(catalog.flowsTo("hirefire")).extracting(CatalogFlow::from).containsExactly("heroku");
        assertThat(catalog.flowsFrom("postmark")).isEmpty();
    }

    @Test
    void shouldFollowOnwardFlowsThroughSeveralHolders() {
        // When: an email address reaches the application
        List<CatalogFlow> onward = catalog.onwardFlows("smarttrackers-app", "user.contact.email");

        // Then: it also lives at the hosting, the cache, both database backups, and HireFire behind Heroku
        assertThat(onward)
                .extracting(CatalogFlow::to)
                .containsExactly(
                        "heroku", "memcached-cloud", "transip-vps-backups", "amazon-s3-database-backups", "hirefire");
    }

    @Test
    void shouldOnlyFollowFlowsThatCarryTheCategory() {
        // Then: uploaded files go to the file backups, names do not
        assertThat(catalog.onwardFlows("smarttrackers-app", "user.content.private"))
                .extracting(CatalogFlow::to)
                .contains("amazon-s3-file-backups");
        assertThat(catalog.onwardFlows("smarttrackers-app", "user.name"))
                .extracting(CatalogFlow::to)
                .doesNotContain("amazon-s3-file-backups", "hirefire");
    }

    @Test
    void shouldRejectDuplicateIdsWhenBuiltDirectly() {
        // Given
        CatalogHolder postmark = catalog.holder("postmark").orElseThrow();

        // Then
        assertThatThrownBy(() -> new Catalog("v", Optional.empty(), List.of(), List.of(postmark, postmark), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate holder id 'postmark'");
    }

    @Test
    void shouldBeEmptyBeforeAnythingIsKnown() {
        // Then
        assertThat(Catalog.empty().holders()).isEmpty();
        assertThat(Catalog.empty().isPurposeAllowed("postmark", "system-mail")).isFalse();
    }
}
