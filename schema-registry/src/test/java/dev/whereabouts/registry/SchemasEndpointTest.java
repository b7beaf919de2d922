package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.AvroSchemas.canonical;
import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static dev.whereabouts.registry.RegistryAssertions.assertErrorMessage;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conformance of {@code /schemas}, the endpoints deserialisers call. */
class SchemasEndpointTest {

    static final String USER = aRecord("User").field("name", "string").build();
    static final String ORDER = aRecord("Order").field("id", "long").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void shouldReturnSchemaByIdWithoutSchemaTypeForAvro() {
        int id = registry.client().register("users-value", USER);

        assertJson(registry.client().get("/schemas/ids/" + id), 200, schemaJson(USER));
    }

    @Test
    void shouldReturnPrimitiveSchemaById() {
        int id = registry.client().register("users-key", "\"string\"");

        assertJson(registry.client().get("/schemas/ids/" + id), 200, "{\"schema\":\"\\\"string\\\"\"}");
    }

    @Test
    void shouldReturnRawSchemaById() {
        int id = registry.client().register("users-value", USER);

        assertJson(registry.client().get("/schemas/ids/" + id + "/schema"), 200, USER);
    }

    @Test
    void shouldRejectUnknownIdWith40403() {
        String message = assertErrorMessage(registry.client().get("/schemas/ids/42"), 404, 40403);

        assertThat(message).isEqualTo("Schema 42 not found");
    }

    @Test
    void shouldRejectNonNumericIdWith40403() {
        assertError(registry.client().get("/schemas/ids/abc"), 404, 40403);
    }

    @Test
    void shouldListSubjectVersionsUsingAnId() {
        int id = registry.client().register("users-value", USER);
        registry.client().register("orders-value", ORDER);
        registry.client().register("people-value", USER);

        assertJson(
                registry.client().get("/schemas/ids/" + id + "/versions"),
                200,
                "[{\"subject\":\"people-value\",\"version\":1},{\"subject\":\"users-value\",\"version\":1}]");
        assertJson(
                registry.client().get("/schemas/ids/" + id + "/subjects"), 200, "[\"people-value\",\"users-value\"]");
    }

    @Test
    void shouldListOnlyLiveVersionsOfAnIdUnlessDeletedAsked() {
        int id = registry.client().register("users-value", USER);
        registry.client().register("people-value", USER);
        registry.client().delete("/subjects/people-value");

        assertJson(
                registry.client().get("/schemas/ids/" + id + "/versions"),
                200,
                "[{\"subject\":\"users-value\",\"version\":1}]");
        assertJson(
                registry.client().get("/schemas/ids/" + id + "/versions?deleted=true"),
                200,
                "[{\"subject\":\"people-value\",\"version\":1},{\"subject\":\"users-value\",\"version\":1}]");
    }

    @Test
    void shouldRejectVersionsOfUnknownIdWith40403() {
        assertError(registry.client().get("/schemas/ids/42/versions"), 404, 40403);
    }

    @Test
    void shouldKeepServingIdAfterItsSubjectIsPermanentlyDeleted() {
        int id = registry.client().register("users-value", USER);
        registry.client().delete("/subjects/users-value");
        registry.client().delete("/subjects/users-value?permanent=true");

        assertJson(registry.client().get("/schemas/ids/" + id), 200, schemaJson(USER));
        assertJson(registry.client().get("/schemas/ids/" + id + "/versions"), 200, "[]");
    }

    @Test
    void shouldListAvroAsTheOnlySchemaType() {
        assertJson(registry.client().get("/schemas/types"), 200, "[\"AVRO\"]");
    }

    static String schemaJson(String schema) {
        return new ObjectMapper()
                .createObjectNode()
                .put("schema", canonical(schema))
                .toString();
    }
}
