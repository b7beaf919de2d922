package dev.whereabouts.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ValueSource;

/** Holder, purpose and flow ids share the catalog's one rule: lower-kebab-case. */
class CatalogIdsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("holder", (Function<String, Object>) HolderId::of, (Predicate<String>) HolderId::isValid),
                Arguments.of(
                        "purpose", (Function<String, Object>) PurposeId::of, (Predicate<String>) PurposeId::isValid),
                Arguments.of("flow", (Function<String, Object>) FlowId::of, (Predicate<String>) FlowId::isValid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmark", "amazon-s3", "smarttrackers-app", "a", "7", "s3-eu-west-1"})
    void shouldAcceptLowerKebabCase(String value) {
        // Then
        assertThat(HolderId.of(value).value()).isEqualTo(value);
        assertThat(PurposeId.of(value).value()).isEqualTo(value);
        assertThat(FlowId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "billing_v2",
                "billing.v2",
                "Postmark",
                "-postmark",
                "postmark-",
                "post--mark",
                "post mark",
                "alice@example.com"
            })
    void shouldRejectWhatIsNotLowerKebabCaseWithTheRuleAndWithoutTheValue(String value) {
        for (Arguments kind : kinds().toList()) {
            @SuppressWarnings("unchecked")
            Function<String, Object> of = (Function<String, Object>) kind.get()[1];
            @SuppressWarnings("unchecked")
            Predicate<String> isValid = (Predicate<String>) kind.get()[2];

            // Then
            assertThat(isValid.test(value)).as(kind.get()[0] + " " + value).isFalse();
            assertThatThrownBy(() -> of.apply(value))
                    .isInstanceOf(InvalidIdException.class)
                    .hasMessageContaining("lower-kebab-case")
                    .satisfies(e -> {
                        if (!value.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(value);
                        }
                    });
        }
    }

    @Test
    void shouldAcceptAt128CharactersAndRejectAt129() {
        // Given
        String longest = "a".repeat(128);

        // Then
        assertThat(HolderId.isValid(longest)).isTrue();
        assertThat(HolderId.isValid(longest + "a")).isFalse();
    }

    @Test
    void shouldRejectNullNamingTheKind() {
        // Then
        assertThatThrownBy(() -> HolderId.of(null)).hasMessage("holder id is missing (null)");
        assertThat(PurposeId.isValid(null)).isFalse();
    }

    @Test
    void shouldCompareAndPrintAsTheirValue() {
        // Then
        assertThat(HolderId.of("postmark")).isEqualTo(new HolderId("postmark")).hasToString("postmark");
        assertThat(HolderId.of("heroku")).isLessThan(HolderId.of("postmark"));
        assertThat(PurposeId.of("system-mail")).hasToString("system-mail");
    }
}
