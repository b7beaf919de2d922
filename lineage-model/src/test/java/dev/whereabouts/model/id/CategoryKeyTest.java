package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CategoryKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"user", "user.contact.email", "user.device.ip_address", "system.operations", "user.x9"})
    void shouldAcceptFideslangKeySyntax(String value) {
        // Then
        assertThat(CategoryKey.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "User.contact", "user.", ".user", "user..email", "user.9lives", "user.contact-email"})
    void shouldRejectOtherShapesWithTheRuleAndWithoutTheValue(String value) {
        // Then
        assertThat(CategoryKey.isValid(value)).isFalse();
        assertThatThrownBy(() -> CategoryKey.of(value))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("a category must be " + CategoryKey.RULE);
    }

    @Test
    void shouldCoverItselfAndItsChildrenOnly() {
        // Given
        CategoryKey contact = CategoryKey.of("user.contact");

        // Then
        assertThat(contact.covers(CategoryKey.of("user.contact"))).isTrue();
        assertThat(contact.covers(CategoryKey.of("user.contact.email"))).isTrue();
        assertThat(contact.covers(CategoryKey.of("user.contactless"))).isFalse();
        assertThat(contact.covers(CategoryKey.of("user"))).isFalse();
        assertThat(CategoryKey.covers("user", "user.contact.address.city")).isTrue();
    }

    @Test
    void shouldTellPersonalKeysAndParents() {
        // Then
        assertThat(CategoryKey.of("user.contact.email").isPersonal()).isTrue();
        assertThat(CategoryKey.of("user").isPersonal()).isFalse();
        assertThat(CategoryKey.of("system.operations").isPersonal()).isFalse();
        assertThat(CategoryKey.of("user.contact.email").parent()).contains(CategoryKey.of("user.contact"));
        assertThat(CategoryKey.of("user").parent()).isEmpty();
    }
}
