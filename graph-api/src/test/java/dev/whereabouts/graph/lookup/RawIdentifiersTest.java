package dev.whereabouts.graph.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawIdentifiersTest {

    private static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser(PseudonymisationKeys.demo());

    @Test
    void shouldPseudonymiseNormalisedIdentifiersExactlyAsIngestDoes() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        RawIdentifiers.Pseudonymised ids = RawIdentifiers.pseudonymise(
                json("{\"email\": \"  Alice@Example.COM \", \"accountId\": \"42\"}"),
                "/subject",
                PSEUDONYMISER,
                errors);

        assertThat(errors).isEmpty();
        assertThat(ids.current()).hasSize(2);
        assertThat(ids.current().get(0))
                .isEqualTo(PSEUDONYMISER.pseudonymise(IdentifierType.EMAIL, "alice@example.com"));
        assertThat(ids.pseudonyms()).doesNotContain("alice@example.com");
    }

    @Test
    void shouldNameEveryBadFieldWithoutEchoingItsValue() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        RawIdentifiers.pseudonymise(
                json("{\"email\": \"carol-at-example.org\", \"phone\": 42, \"passport\": \"X1\"}"),
                "/subject",
                PSEUDONYMISER,
                errors);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("/subject/email", "/subject/phone", "/subject/passport");
        assertThat(errors)
                .allSatisfy(e -> assertThat(e.reason()).doesNotContain("carol").doesNotContain("X1"));
    }

    @Test
    void shouldRequireAtLeastOneIdentifier() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        RawIdentifiers.pseudonymise(json("{}"), "/subject", PSEUDONYMISER, errors);
        RawIdentifiers.pseudonymise(null, "/subject", PSEUDONYMISER, errors);
        RawIdentifiers.pseudonymise(json("\"alice@example.com\""), "/subject", PSEUDONYMISER, errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("/subject", "/subject", "/subject");
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
