package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataCategoriesTest {

    private final DataCategories categories = DataCategories.fideslang();

    @Test
    void shouldKnowTheFideslangUserCategoriesTheCatalogUses() {
        // Then
        assertThat(categories.keys())
                .contains(
                        "user",
                        "user.name",
                        "user.contact",
                        "user.contact.email",
                        "user.contact.phone_number",
                        "user.contact.address",
                        "user.contact.address.country",
                        "user.device",
                        "user.device.ip_address",
                        "user.device.device_id",
                        "user.device.cookie_id",
                        "user.behavior",
                        "user.behavior.browsing_history",
                        "user.behavior.media_consumption",
                        "user.content",
                        "user.content.private",
                        "user.content.public",
                        "user.payment",
                        "user.financial",
                        "user.financial.bank_account",
                        "user.authorization",
                        "user.authorization.credentials",
                        "user.account",
                        "user.location",
                        "user.unique_id",
                        "user.demographic",
                        "user.demographic.language");
    }

    @Test
    void shouldNotKnowKeysOutsideTheTaxonomy() {
        // Then: fideslang keeps the country under the contact address, not under demographics
        assertThat(categories.isKnown("user.demographic.country")).isFalse();
        assertThat(categories.isKnown("system.operations")).isFalse();
        assertThat(categories.isKnown("user.contact.emial")).isFalse();
        assertThat(categories.isKnown(null)).isFalse();
    }

    @Test
    void shouldNotAcceptDeprecatedKeysButNameTheirReplacement() {
        // Then
        assertThat(categories.isKnown("user.contact.url")).isFalse();
        assertThat(categories.replacementFor("user.contact.url")).contains("user.contact.social_url");
        assertThat(categories.suggestionFor("user.biometric")).contains("user.biometrics");
    }

    @Test
    void shouldHaveEveryParentOfEveryKnownKey() {
        // Then: the hierarchy has no holes, so covers() can follow it
        for (String key : categories.keys()) {
            categories
                    .parentOf(key)
                    .ifPresent(parent ->
                            assertThat(categories.isKnown(parent)).as(parent).isTrue());
        }
    }

    @Test
    void shouldLetAParentCoverItsDescendantsAndItself() {
        // Then
        assertThat(categories.covers("user.contact", "user.contact.email")).isTrue();
        assertThat(categories.covers("user.contact", "user.contact.address.city"))
                .isTrue();
        assertThat(categories.covers("user", "user.device.ip_address")).isTrue();
        assertThat(categories.covers("user.contact.email", "user.contact.email"))
                .isTrue();
    }

    @Test
    void shouldNotLetAChildCoverItsParentOrASiblingWithTheSamePrefix() {
        // Then
        assertThat(categories.covers("user.contact.email", "user.contact")).isFalse();
        assertThat(categories.covers("user.contact.email", "user.contact.phone_number"))
                .isFalse();
        assertThat(categories.covers("user.contact", "user.contactless")).isFalse();
        assertThat(categories.overlap("user.contact.email", "user.contact")).isTrue();
    }

    @Test
    void shouldSuggestTheNearestKeyForATypo() {
        // Then
        assertThat(categories.suggestionFor("user.contact.emial")).contains("user.contact.email");
        assertThat(categories.suggestionFor("user.device.ipaddress")).contains("user.device.ip_address");
        assertThat(categories.suggestionFor("USER.NAME")).contains("user.name");
    }

    @Test
    void shouldSuggestAKeyWithTheSameLastSegmentWhenTheBranchIsWrong() {
        // Then
        assertThat(categories.suggestionFor("user.demographic.country")).contains("user.contact.address.country");
        assertThat(categories.suggestionFor("user.email")).contains("user.contact.email");
    }

    @Test
    void shouldSuggestNothingForSomethingFarFromEveryKey() {
        // Then
        assertThat(categories.suggestionFor("shoe.size")).isEmpty();
        assertThat(categories.explainUnknown("shoe.size"))
                .isEqualTo("unknown data category 'shoe.size': personal data categories are fideslang user.* keys");
    }
}
