package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one reader of JSON objects: typed fields, every bad field reported at once, never a value quoted. */
class JsonFieldsTest {

    private enum Colour {
        RED,
        GREEN
    }

    private static final String KEBAB = "lower-kebab-case";

    private static boolean kebab(String text) {
        return text.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void shouldReadEveryTypedFieldOfAGoodObject() throws Exception {
        // Given
        JsonFields fields = JsonFields.of(json("{'name':'postmark','note':' hi ','colour':'green',"
                + "'at':'2026-11-25T10:15:30+01:00','tags':['a','b-c']}"));

        // When
        String name = fields.required("name", 128, JsonFieldsTest::kebab, n -> n, KEBAB);
        Optional<String> note = fields.optionalText("note", 10);
        Colour colour = fields.enumValue("colour", Colour.class, List.of(Colour.values()), true, true);
        Optional<Instant> at = fields.optionalInstant("at");
        List<String> tags = fields.list("tags", "required", "tags", 1, 5, true, JsonFieldsTest::kebab, t -> t, KEBAB);
        fields.onlyKnown(Set.of("name", "note", "colour", "at", "tags"));

        // Then
        assertThat(fields.errors()).isEmpty();
        assertThat(name).isEqualTo("postmark");
        assertThat(note).contains(" hi ");
        assertThat(colour).isEqualTo(Colour.GREEN);
        assertThat(at).contains(Instant.parse("2026-11-25T09:15:30Z"));
        assertThat(tags).containsExactly("a", "b-c");
        assertThat(fields.optionalText("missing", 10)).isEmpty();
    }

    @Test
    void shouldReportTwoBadFieldsOfOneBodyTogetherWithoutTheirValues() throws Exception {
        // Given a body with a bad id and a bad enum
        JsonFields fields = JsonFields.of(json("{'name':'Secret_Name','colour':'blue'}"));

        // When both are read and the reader is asked to throw
        fields.required("name", 128, JsonFieldsTest::kebab, n -> n, KEBAB);
        fields.enumValue("colour", Colour.class, List.of(Colour.values()), false, true);
        ProblemException problem = catchThrowableOfType(
                ProblemException.class,
                () -> fields.throwIfInvalid(errors -> ProblemException.invalid("the body is not valid", errors)));

        // Then one problem lists both fields, with their rules and not their values
        assertThat(problem.problem().status()).isEqualTo(422);
        assertThat(problem.problem().errors())
                .containsExactly(
                        new FieldError("/name", "must be " + KEBAB),
                        new FieldError("/colour", "must be one of [RED, GREEN]"));
        assertThat(problem.problem().errors().toString())
                .doesNotContain("Secret_Name")
                .doesNotContain("blue");
    }

    @Test
    void shouldReportMissingMistypedLongUnknownAndListProblemsByPointer() throws Exception {
        // Given
        List<FieldError> errors = new java.util.ArrayList<>();
        JsonNode event =
                json("{'n':3,'long':'abcdef','extra':1,'tags':['a','a',7,'B'],'sub':{'x':true}," + "'at':'yesterday'}");
        JsonFields fields = JsonFields.object(event, "/events/2", "must be an object", errors)
                .orElseThrow();

        // When
        fields.requiredText("missing", 5);
        fields.requiredText("n", 5);
        fields.requiredText("long", 5);
        fields.onlyKnown(Set.of("n", "long", "tags", "sub", "at", "missing"));
        fields.list("tags", null, "tags", 1, 9, true, JsonFieldsTest::kebab, t -> t, KEBAB);
        fields.object("sub", "required", "must be an object").ifPresent(sub -> sub.requiredText("y", 5));
        fields.optionalInstant("at");
        fields.enumValue("colour", Colour.class, List.of(Colour.values()), false, true);

        // Then every problem is there, each at its JSON Pointer
        assertThat(errors)
                .containsExactly(
                        new FieldError("/events/2/missing", "required"),
                        new FieldError("/events/2/n", "must be a non-empty string, got number"),
                        new FieldError("/events/2/long", "must be at most 5 characters"),
                        new FieldError("/events/2/extra", "unknown field; known: [at, long, missing, n, sub, tags]"),
                        new FieldError("/events/2/tags/1", "'a' is listed twice"),
                        new FieldError("/events/2/tags/2", "must be a non-empty string, got number"),
                        new FieldError("/events/2/tags/3", "must be " + KEBAB),
                        new FieldError("/events/2/sub/y", "required"),
                        new FieldError(
                                "/events/2/at", "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z"),
                        new FieldError("/events/2/colour", "required: one of [RED, GREEN]"));
        assertThat(JsonFields.object(json("[1]"), "/events/3", "an event must be an object", errors))
                .isEmpty();
        assertThat(errors).last().isEqualTo(new FieldError("/events/3", "an event must be an object, got array"));
    }

    @Test
    void shouldKeepRepeatsWhenTheListNeedNotBeDistinctAndCheckItsSize() throws Exception {
        // Given
        JsonFields fields = JsonFields.of(json("{'tags':['a','a'],'none':[]}"));

        // Then
        assertThat(fields.list("tags", null, "tags", 0, 5, false, JsonFieldsTest::kebab, t -> t, KEBAB))
                .containsExactly("a", "a");
        assertThat(fields.list("none", null, "tags", 1, 5, true, JsonFieldsTest::kebab, t -> t, KEBAB))
                .isEmpty();
        assertThat(fields.errors()).containsExactly(new FieldError("/none", "must hold 1 to 5 tags, got 0"));
    }
}
