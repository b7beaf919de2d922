package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectIdTest {

    @Test
    void shouldDeriveTheIdFromAPseudonymTheModelProduces() {
        // Given
        String pseudonym = new Pseudonymiser(PseudonymisationKeys.demo())
                .pseudonymise(IdentifierType.EMAIL, "alice@example.com")
                .getPseudonym();

        // When
        SubjectId id = SubjectId.fromPseudonym(pseudonym);

        // Then
        assertThat(id.value()).isEqualTo("s-" + pseudonym);
        assertThat(id.pseudonym()).isEqualTo(pseudonym);
        assertThat(SubjectId.of(id.value())).isEqualTo(id);
    }

    @Test
    void shouldOrderByValueSoTheSmallerIdSurvivesAMerge() {
        // Then
        assertThat(SubjectId.of("s-0a").compareTo(SubjectId.of("s-0b"))).isNegative();
        assertThat(SubjectId.of("s-" + "f".repeat(126)).value()).hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s-", "nobody", "subject-alice", "s-ABCDEF", "s-0g", "S-0a", "s-0a/b", " s-0a"})
    void shouldRejectWhatThePlatformNeverProducesWithTheRule(String value) {
        // Then
        assertThat(SubjectId.isValid(value)).isFalse();
        assertThatThrownBy(() -> SubjectId.of(value))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("a subject id must be " + SubjectId.RULE);
    }

    @Test
    void shouldRejectAnIdLongerThanEveryOtherIdKind() {
        // Then
        assertThat(SubjectId.isValid("s-" + "a".repeat(127))).isFalse();
        assertThat(SubjectId.isValid(null)).isFalse();
        assertThatThrownBy(() -> SubjectId.fromPseudonym("not hex")).isInstanceOf(InvalidIdException.class);
    }
}
