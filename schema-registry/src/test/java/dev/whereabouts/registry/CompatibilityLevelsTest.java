package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.AvroSchemas.canonical;
import static dev.whereabouts.registry.RegistryAssertions.assertErrorMessage;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static dev.whereabouts.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration under each compatibility level, as a producer evolving its schema sees it. */
class CompatibilityLevelsTest {

    static final String SUBJECT = "users-value";
    static final String NAME = aRecord("User").field("name", "string").build();
    static final String NAME_AGE_DEFAULT =
            aRecord("User").field("name", "string").field("age", "int", "0").build();
    static final String NAME_AGE_REQUIRED =
            aRecord("User").field("name", "string").field("age", "int").build();
    static final String EMPTY = aRecord("User").build();
    static final String AGE_REQUIRED = aRecord("User").field("age", "int").build();
    static final String AGE_DEFAULT = aRecord("User").field("age", "int", "0").build();
    static final String AGE_AS_TEXT =
            aRecord("User").field("age", "string", "\"\"").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    RegistryResponse register(String schema) {
        return client().post("/subjects/" + SUBJECT + "/versions", schemaBody(schema));
    }

    void given(CompatibilityLevel level, String... schemas) {
        client().setCompatibility(SUBJECT, level);
        for (String schema : schemas) {
            client().register(SUBJECT, schema);
        }
    }

    void assertAccepted(RegistryResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    String assertRejected(RegistryResponse response) {
        return assertErrorMessage(response, 409, 409);
    }

    @Test
    void shouldRejectAddingFieldWithoutDefaultUnderBackward() {
        client().register(SUBJECT, NAME);

        String message = assertRejected(register(NAME_AGE_REQUIRED));

        assertThat(message)
                .isEqualTo("Schema being registered is incompatible with an earlier "
                        + "schema for subject \"users-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_"
                        + "VALUE', description:'The field 'age' at path '/fields/1' in the new schema has no "
                        + "default value and is missing in the old schema', additionalInfo:'age'}, "
                        + "{oldSchemaVersion: 1}, {oldSchema: '" + canonical(NAME) + "'}, "
                        + "{compatibility: 'BACKWARD'}]");
        assertJson(client().get("/subjects/users-value/versions"), 200, "[1]");
    }

    @Test
    void shouldAcceptAddingFieldWithDefaultUnderBackward() {
        client().register(SUBJECT, NAME);

        assertJson(register(NAME_AGE_DEFAULT), 200, "{\"id\":2}");
    }

    @Test
    void shouldAcceptRemovingFieldUnderBackward() {
        client().register(SUBJECT, NAME_AGE_REQUIRED);

        assertAccepted(register(NAME));
    }

    @Test
    void shouldCheckOnlyLatestVersionUnderBackward() {
        given(CompatibilityLevel.BACKWARD, AGE_REQUIRED, EMPTY);

        assertAccepted(register(AGE_AS_TEXT));
    }

    @Test
    void shouldCheckEveryVersionUnderBackwardTransitive() {
        given(CompatibilityLevel.BACKWARD_TRANSITIVE, AGE_REQUIRED, EMPTY);

        String message = assertRejected(register(AGE_AS_TEXT));

        assertThat(message)
                .contains(
                        "errorType:'TYPE_MISMATCH'", "{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
    }

    @Test
    void shouldAcceptAddingFieldWithoutDefaultUnderForward() {
        given(CompatibilityLevel.FORWARD, NAME);

        assertAccepted(register(NAME_AGE_REQUIRED));
    }

    @Test
    void shouldRejectRemovingFieldWithoutDefaultUnderForward() {
        given(CompatibilityLevel.FORWARD, NAME_AGE_REQUIRED);

        String message = assertRejected(register(NAME));

        assertThat(message)
                .contains(
                        "description:'The field 'age' at path '/fields/1' in the old "
                                + "schema has no default value and is missing in the new schema'",
                        "{compatibility: 'FORWARD'}");
    }

    @Test
    void shouldCheckOnlyLatestVersionUnderForward() {
        given(CompatibilityLevel.FORWARD, AGE_REQUIRED, AGE_DEFAULT);

        assertAccepted(register(EMPTY));
    }

    @Test
    void shouldCheckEveryVersionUnderForwardTransitive() {
        given(CompatibilityLevel.FORWARD_TRANSITIVE, AGE_REQUIRED, AGE_DEFAULT);

        assertThat(assertRejected(register(EMPTY)))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'FORWARD_TRANSITIVE'}");
    }

    @Test
    void shouldRejectBothAddedAndRemovedRequiredFieldsUnderFull() {
        given(CompatibilityLevel.FULL, NAME);

        assertRejected(register(NAME_AGE_REQUIRED));
        assertRejected(register(EMPTY));
    }

    @Test
    void shouldAcceptAddingFieldWithDefaultUnderFull() {
        given(CompatibilityLevel.FULL, NAME);

        assertAccepted(register(NAME_AGE_DEFAULT));
    }

    @Test
    void shouldCheckOnlyLatestVersionUnderFull() {
        given(CompatibilityLevel.FULL, AGE_REQUIRED, AGE_DEFAULT);

        assertAccepted(register(EMPTY));
    }

    @Test
    void shouldCheckEveryVersionUnderFullTransitive() {
        given(CompatibilityLevel.FULL_TRANSITIVE, AGE_REQUIRED, AGE_DEFAULT);

        assertThat(assertRejected(register(EMPTY)))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'FULL_TRANSITIVE'}");
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        given(CompatibilityLevel.NONE, NAME);

        assertAccepted(register(NAME_AGE_REQUIRED));
        assertAccepted(register("\"string\""));
        assertJson(client().get("/subjects/users-value/versions"), 200, "[1,2,3]");
    }

    @Test
    void shouldApplyGlobalLevelToSubjectsWithoutTheirOwn() {
        client().put("/config", "{\"compatibility\":\"NONE\"}");
        client().register(SUBJECT, NAME);

        assertAccepted(register(NAME_AGE_REQUIRED));
    }

    @Test
    void shouldPreferSubjectLevelOverGlobalLevel() {
        client().put("/config", "{\"compatibility\":\"NONE\"}");
        given(CompatibilityLevel.BACKWARD, NAME);

        assertRejected(register(NAME_AGE_REQUIRED));
    }

    @Test
    void shouldIgnoreSoftDeletedVersionsUnderTransitiveLevels() {
        given(CompatibilityLevel.BACKWARD_TRANSITIVE, AGE_REQUIRED, EMPTY);
        client().delete("/subjects/users-value/versions/1");

        assertAccepted(register(AGE_AS_TEXT));
    }

    @Test
    void shouldAcceptReRegisteringExistingSchemaEvenIfLevelWouldNowRejectIt() {
        given(CompatibilityLevel.NONE, NAME, NAME_AGE_REQUIRED);
        client().setCompatibility(SUBJECT, CompatibilityLevel.FULL_TRANSITIVE);

        assertJson(register(NAME), 200, "{\"id\":1}");
    }
}
