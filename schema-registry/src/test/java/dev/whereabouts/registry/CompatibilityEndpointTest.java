package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static dev.whereabouts.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conformance of {@code /compatibility}: checking without registering. */
class CompatibilityEndpointTest {

    static final String V1 = aRecord("User").field("name", "string").build();
    static final String WITH_DEFAULT =
            aRecord("User").field("name", "string").field("age", "int", "0").build();
    static final String WITHOUT_DEFAULT =
            aRecord("User").field("name", "string").field("age", "int").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    @Test
    void shouldReportCompatibleSchema() {
        client().register("users-value", V1);

        assertJson(
                client().post("/compatibility/subjects/users-value/versions/latest", schemaBody(WITH_DEFAULT)),
                200,
                "{\"is_compatible\":true}");
        assertJson(
                client().post("/compatibility/subjects/users-value/versions/1", schemaBody(WITH_DEFAULT)),
                200,
                "{\"is_compatible\":true}");
    }

    @Test
    void shouldReportIncompatibleSchemaWithoutRegisteringIt() {
        client().register("users-value", V1);

        assertJson(
                client().post("/compatibility/subjects/users-value/versions/latest", schemaBody(WITHOUT_DEFAULT)),
                200,
                "{\"is_compatible\":false}");
        assertJson(client().get("/subjects/users-value/versions"), 200, "[1]");
    }

    @Test
    void shouldExplainIncompatibilityWhenVerbose() {
        client().register("users-value", V1);

        RegistryResponse response = client().post(
                        "/compatibility/subjects/users-value/versions/latest?verbose=true",
                        schemaBody(WITHOUT_DEFAULT));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(RegistryClient.V1_JSON);
        JsonNode body = response.json();
        assertThat(body.get("is_compatible").asBoolean()).isFalse();
        assertThat(body.get("messages").get(0).asText())
                .isEqualTo("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'age' at path "
                        + "'/fields/1' in the new schema has no default value and is missing in the old "
                        + "schema', additionalInfo:'age'}");
        assertThat(body.get("messages"))
                .extracting(JsonNode::asText)
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldListNoMessagesWhenVerboseAndCompatible() {
        client().register("users-value", V1);

        assertJson(
                client().post(
                                "/compatibility/subjects/users-value/versions/latest?verbose=true",
                                schemaBody(WITH_DEFAULT)),
                200,
                "{\"is_compatible\":true,\"messages\":[]}");
    }

    @Test
    void shouldApplySubjectLevelWhenCheckingAgainstAVersion() {
        client().register("users-value", V1);
        client().setCompatibility("users-value", CompatibilityLevel.NONE);

        assertJson(
                client().post("/compatibility/subjects/users-value/versions/latest", schemaBody(WITHOUT_DEFAULT)),
                200,
                "{\"is_compatible\":true}");
    }

    @Test
    void shouldCheckAgainstAllVersionsWhenNoVersionGiven() {
        assertJson(
                client().post("/compatibility/subjects/users-value/versions", schemaBody(WITHOUT_DEFAULT)),
                200,
                "{\"is_compatible\":true}");
        client().register("users-value", V1);
        assertJson(
                client().post("/compatibility/subjects/users-value/versions", schemaBody(WITHOUT_DEFAULT)),
                200,
                "{\"is_compatible\":false}");
    }

    @Test
    void shouldRejectUnknownSubjectWith40401() {
        assertError(client().post("/compatibility/subjects/nope/versions/latest", schemaBody(V1)), 404, 40401);
    }

    @Test
    void shouldRejectUnknownVersionWith40402() {
        client().register("users-value", V1);

        assertError(client().post("/compatibility/subjects/users-value/versions/5", schemaBody(V1)), 404, 40402);
    }

    @Test
    void shouldRejectMalformedVersionWith42202() {
        client().register("users-value", V1);

        assertError(client().post("/compatibility/subjects/users-value/versions/first", schemaBody(V1)), 422, 42202);
    }

    @Test
    void shouldRejectInvalidSchemaWith42201() {
        client().register("users-value", V1);

        assertError(
                client().post(
                                "/compatibility/subjects/users-value/versions/latest",
                                schemaBody("{\"type\":\"nonsense\"}")),
                422,
                42201);
    }
}
