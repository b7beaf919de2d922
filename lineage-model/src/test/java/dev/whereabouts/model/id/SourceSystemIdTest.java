package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSystemIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"checkout-service", "billing_v2", "billing.v2", "smarttrackers-app", "7"})
    void shouldAcceptServiceNamesWithDotsAndUnderscores(String value) {
        // Then
        assertThat(SourceSystemId.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Checkout", ".hidden", "_x", "-x", "with space", "alice@example.com"})
    void shouldRejectOtherShapesWithTheRuleAndWithoutTheValue(String value) {
        // Then
        assertThat(SourceSystemId.isValid(value)).isFalse();
        assertThatThrownBy(() -> SourceSystemId.of(value))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("a source system id must be " + SourceSystemId.RULE);
    }

    @Test
    void shouldAcceptAt128CharactersAndRejectAt129() {
        // Then
        assertThat(SourceSystemId.isValid("s".repeat(128))).isTrue();
        assertThat(SourceSystemId.isValid("s".repeat(129))).isFalse();
    }
}
