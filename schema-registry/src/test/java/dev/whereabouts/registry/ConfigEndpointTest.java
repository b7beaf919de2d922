package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static dev.whereabouts.registry.RegistryAssertions.assertErrorMessage;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Conformance of {@code /config}: global and per-subject compatibility levels. */
class ConfigEndpointTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    @Test
    void shouldDefaultGlobalCompatibilityToBackward() {
        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldSetGlobalCompatibility(CompatibilityLevel level) {
        assertJson(
                client().put("/config", "{\"compatibility\":\"" + level + "\"}"),
                200,
                "{\"compatibility\":\"" + level + "\"}");

        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"" + level + "\"}");
    }

    @Test
    void shouldAcceptLowerCaseLevelNames() {
        assertJson(
                client().put("/config", "{\"compatibility\":\"full_transitive\"}"),
                200,
                "{\"compatibility\":\"FULL_TRANSITIVE\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"compatibility\":\"SIDEWAYS\"}", "{\"compatibility\":3}", "{}"})
    void shouldRejectInvalidLevelWith42203(String body) {
        String message = assertErrorMessage(client().put("/config", body), 422, 42203);

        assertThat(message).startsWith("Invalid compatibility level");
        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldResetGlobalCompatibilityToDefaultAndReturnTheOldLevel() {
        client().put("/config", "{\"compatibility\":\"NONE\"}");

        assertJson(client().delete("/config"), 200, "{\"compatibilityLevel\":\"NONE\"}");
        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldRejectSubjectWithoutOwnLevelWith40408() {
        client().register("users-value", aRecord("User").field("name", "string").build());

        String message = assertErrorMessage(client().get("/config/users-value"), 404, 40408);

        assertThat(message).isEqualTo("Subject 'users-value' does not have subject-level compatibility configured");
    }

    @Test
    void shouldFallBackToGlobalLevelWhenAsked() {
        client().put("/config", "{\"compatibility\":\"FORWARD\"}");

        assertJson(
                client().get("/config/users-value?defaultToGlobal=true"), 200, "{\"compatibilityLevel\":\"FORWARD\"}");
    }

    @Test
    void shouldSetSubjectCompatibilityEvenBeforeTheSubjectExists() {
        assertJson(
                client().put("/config/users-value", "{\"compatibility\":\"FULL\"}"),
                200,
                "{\"compatibility\":\"FULL\"}");

        assertJson(client().get("/config/users-value"), 200, "{\"compatibilityLevel\":\"FULL\"}");
        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldRejectInvalidSubjectLevelWith42203() {
        assertError(client().put("/config/users-value", "{\"compatibility\":\"MOSTLY\"}"), 422, 42203);
    }

    @Test
    void shouldDeleteSubjectLevelAndReturnIt() {
        client().put("/config/users-value", "{\"compatibility\":\"NONE\"}");

        assertJson(client().delete("/config/users-value"), 200, "{\"compatibilityLevel\":\"NONE\"}");

        assertError(client().get("/config/users-value"), 404, 40408);
    }

    @Test
    void shouldRejectDeletingAbsentSubjectLevelWith40408() {
        assertError(client().delete("/config/users-value"), 404, 40408);
    }

    @Test
    void shouldForgetSubjectLevelWhenSubjectIsSoftDeleted() {
        client().register("users-value", aRecord("User").field("name", "string").build());
        client().put("/config/users-value", "{\"compatibility\":\"NONE\"}");

        client().delete("/subjects/users-value");

        assertError(client().get("/config/users-value"), 404, 40408);
    }
}
