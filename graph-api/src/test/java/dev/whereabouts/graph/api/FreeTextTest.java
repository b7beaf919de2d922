package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "asked alice@example.com for a copy",
                "mail from <Bob.Jones@mail.example.nl>",
                "called +31 6 1234 5678 twice",
                "called 06-12345678",
                "her number is 024 2022680",
                "(024) 202 2680 is the office",
                "BSN 123456782 was not blacked out",
                "passport 1234.567.89"
            })
    void shouldRefuseTextThatQuotesAnIdentifierWithoutQuotingIt(String text) {
        assertThat(FreeText.problem(text))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("must not quote a raw identifier")
                        .doesNotContain(text)
                        .doesNotContain("@example")
                        .doesNotContain("12345678"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "received by email, ticket 4711",
                "MoneyBird ticket MB-2231",
                "asked on 2026-01-31, answered 2026-02-14T10:00:00Z",
                "photo, MRZ, passport number and BSN blacked out; name matches the account",
                "deletion log 2026-12-07 #8812",
                "the fourth identical request this month (3 before)",
                "twitter handle @alice is not an e-mail address"
            })
    void shouldKeepTextThatDescribesInsteadOfQuoting(String text) {
        assertThat(FreeText.problem(text)).isEmpty();
    }

    @Test
    void shouldHaveNothingToSayAboutNoText() {
        assertThat(FreeText.problem(null)).isEmpty();
    }
}
