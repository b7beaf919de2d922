package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"order-8812:postmark", "3F2B8C1E-6A4D-4E0F-9B7A-2C5D8E1F0A93", "a.b_c", "x"})
    void shouldAcceptBusinessKeysAndUuids(String value) {
        // Then
        assertThat(EventId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "alice@example.com", "a/b", "ü"})
    void shouldRejectOtherShapesWithTheRuleAndWithoutTheValue(String value) {
        // Then
        assertThat(EventId.isValid(value)).isFalse();
        assertThatThrownBy(() -> EventId.of(value))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("an event id must be " + EventId.RULE);
    }

    @Test
    void shouldDrawRandomUuids() {
        // Then
        assertThat(EventId.random()).isNotEqualTo(EventId.random());
        assertThat(EventId.random().value()).hasSize(36);
    }

    @Test
    void shouldAcceptAt128CharactersAndRejectAt129() {
        // Then
        assertThat(EventId.isValid("E".repeat(128))).isTrue();
        assertThat(EventId.isValid("E".repeat(129))).isFalse();
    }
}
