package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

    @Test
    void shouldAcceptUuidsInEitherCaseAsGiven() {
        // Given
        String uuid = UUID.randomUUID().toString();

        // Then
        assertThat(RequestId.of(uuid).value()).isEqualTo(uuid);
        assertThat(RequestId.of(uuid.toUpperCase()).value()).isEqualTo(uuid.toUpperCase());
        assertThat(RequestId.random()).isNotEqualTo(RequestId.random());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not-a-uuid",
                "3f2b8c1e6a4d4e0f9b7a2c5d8e1f0a93",
                "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a9",
                "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a9g",
                "{3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a9}"
            })
    void shouldRejectWhatIsNotAUuidWithTheRule(String value) {
        // Then
        assertThat(RequestId.isValid(value)).isFalse();
        assertThatThrownBy(() -> RequestId.of(value))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("a request id must be " + RequestId.RULE);
    }
}
