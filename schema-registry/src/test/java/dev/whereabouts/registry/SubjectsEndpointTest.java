package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.AvroSchemas.canonical;
import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static dev.whereabouts.registry.RegistryAssertions.assertErrorMessage;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static dev.whereabouts.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conformance of {@code /subjects} with Confluent Schema Registry. */
class SubjectsEndpointTest {

    static final String USER_V1 = aRecord("User").field("name", "string").build();
    static final String USER_V2 =
            aRecord("User").field("name", "string").field("age", "int", "0").build();
    static final String ORDER = aRecord("Order").field("id", "long").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    @Nested
    class Registering {

        @Test
        void shouldReturnGlobalIdWhenSchemaRegistered() {
            assertJson(client().post("/subjects/users-value/versions", schemaBody(USER_V1)), 200, "{\"id\":1}");
        }

        @Test
        void shouldReturnSameIdWhenSameSchemaRegisteredTwice() {
            int first = client().register("users-value", USER_V1);

            int second = client().register("users-value", USER_V1);

            assertThat(second).isEqualTo(first);
            assertJson(client().get("/subjects/users-value/versions"), 200, "[1]");
        }

        @Test
        void shouldReturnSameIdWhenSchemaDiffersOnlyInWhitespaceAndAttributeOrder() {
            int first = client().register("users-value", USER_V1);
            String reformatted = "{ \"fields\" : [ { \"type\" : \"string\", \"name\" : \"name\" } ],\n"
                    + "  \"namespace\" : \"dev.whereabouts.test\", \"name\" : \"User\", \"type\" : \"record\" }";

            assertThat(client().register("users-value", reformatted)).isEqualTo(first);
            assertJson(client().get("/subjects/users-value/versions"), 200, "[1]");
        }

        @Test
        void shouldShareIdAcrossSubjectsWhenSameSchemaRegistered() {
            int first = client().register("users-value", USER_V1);

            assertThat(client().register("people-value", USER_V1)).isEqualTo(first);
            assertJson(client().get("/subjects/people-value/versions"), 200, "[1]");
        }

        @Test
        void shouldAssignNextVersionAndNewIdWhenCompatibleSchemaRegistered() {
            client().register("users-value", USER_V1);

            assertJson(client().post("/subjects/users-value/versions", schemaBody(USER_V2)), 200, "{\"id\":2}");
            assertJson(client().get("/subjects/users-value/versions"), 200, "[1,2]");
        }

        @Test
        void shouldAcceptExplicitAvroSchemaType() {
            String body = "{\"schema\":" + quote(USER_V1) + ",\"schemaType\":\"AVRO\",\"references\":[]}";

            assertJson(client().post("/subjects/users-value/versions", body), 200, "{\"id\":1}");
        }

        @Test
        void shouldIgnoreFieldsNewerClientsSendWhenRegistering() {
            String body = "{\"schema\":" + quote(USER_V1) + ",\"metadata\":null,\"ruleSet\":null}";

            assertJson(client().post("/subjects/users-value/versions", body), 200, "{\"id\":1}");
        }

        @Test
        void shouldRejectUnparsableSchemaWith42201() {
            String message = assertErrorMessage(
                    client().post(
                                    "/subjects/users-value/versions",
                                    schemaBody("{\"type\":\"record\",\"name\":\"User\"}")),
                    422,
                    42201);

            assertThat(message).startsWith("Invalid schema");
        }

        @Test
        void shouldRejectUnknownTypeNameWith42201() {
            assertError(
                    client().post(
                                    "/subjects/users-value/versions",
                                    schemaBody(aRecord("User")
                                            .field("home", "Address")
                                            .build())),
                    422,
                    42201);
        }

        @Test
        void shouldRejectMissingSchemaWith42201() {
            assertError(client().post("/subjects/users-value/versions", "{}"), 422, 42201);
        }

        @ParameterizedTest
        @ValueSource(strings = {"JSON", "PROTOBUF"})
        void shouldRejectNonAvroSchemaTypeWith42201(String type) {
            String body = "{\"schema\":" + quote(USER_V1) + ",\"schemaType\":\"" + type + "\"}";

            String message = assertErrorMessage(client().post("/subjects/users-value/versions", body), 422, 42201);

            assertThat(message).contains("only supports AVRO");
        }

        @Test
        void shouldRejectSchemaReferencesWith42201() {
            String body = "{\"schema\":" + quote(USER_V1)
                    + ",\"references\":[{\"name\":\"Address\",\"subject\":\"address\",\"version\":1}]}";

            String message = assertErrorMessage(client().post("/subjects/users-value/versions", body), 422, 42201);

            assertThat(message).contains("references are not supported");
        }

        @Test
        void shouldReturnStoredCanonicalSchemaRatherThanSubmittedText() {
            client().register("users-value", "  " + USER_V1 + "\n");

            assertThat(client().get("/subjects/users-value/versions/1")
                            .json()
                            .get("schema")
                            .asText())
                    .isEqualTo(canonical(USER_V1));
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldListNoSubjectsWhenEmpty() {
            assertJson(client().get("/subjects"), 200, "[]");
        }

        @Test
        void shouldListSubjectsSortedByName() {
            client().register("orders-value", ORDER);
            client().register("audit-value", ORDER);

            assertJson(client().get("/subjects"), 200, "[\"audit-value\",\"orders-value\"]");
        }

        @Test
        void shouldFilterSubjectsByPrefix() {
            client().register("orders-value", ORDER);
            client().register("audit-value", ORDER);

            assertJson(client().get("/subjects?subjectPrefix=ord"), 200, "[\"orders-value\"]");
        }

        @Test
        void shouldReturnVersionWithSubjectVersionIdAndSchema() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            RegistryResponse response = client().get("/subjects/users-value/versions/1");

            assertThat(response.json()).isEqualTo(versionJson("users-value", 1, 1, USER_V1));
            assertJson(response, 200, versionJson("users-value", 1, 1, USER_V1).toString());
        }

        @Test
        void shouldReturnLatestVersion() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            assertJson(
                    client().get("/subjects/users-value/versions/latest"),
                    200,
                    versionJson("users-value", 2, 2, USER_V2).toString());
            assertJson(
                    client().get("/subjects/users-value/versions/-1"),
                    200,
                    versionJson("users-value", 2, 2, USER_V2).toString());
        }

        @Test
        void shouldReturnRawSchemaOfVersion() {
            client().register("users-value", USER_V1);

            assertJson(client().get("/subjects/users-value/versions/1/schema"), 200, USER_V1);
        }

        @Test
        void shouldReportNothingReferencingAVersion() {
            client().register("users-value", USER_V1);

            assertJson(client().get("/subjects/users-value/versions/1/referencedby"), 200, "[]");
        }

        @Test
        void shouldRejectVersionsOfUnknownSubjectWith40401() {
            String message = assertErrorMessage(client().get("/subjects/nope/versions"), 404, 40401);

            assertThat(message).isEqualTo("Subject 'nope' not found.");
        }

        @Test
        void shouldRejectVersionOfUnknownSubjectWith40401() {
            assertError(client().get("/subjects/nope/versions/1"), 404, 40401);
            assertError(client().get("/subjects/nope/versions/latest"), 404, 40401);
        }

        @Test
        void shouldRejectUnknownVersionWith40402() {
            client().register("users-value", USER_V1);

            String message = assertErrorMessage(client().get("/subjects/users-value/versions/7"), 404, 40402);

            assertThat(message).isEqualTo("Version 7 not found.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0", "-2", "1.5", "99999999999"})
        void shouldRejectMalformedVersionWith42202(String version) {
            client().register("users-value", USER_V1);

            String message = assertErrorMessage(client().get("/subjects/users-value/versions/" + version), 422, 42202);

            assertThat(message)
                    .isEqualTo("The specified version '" + version + "' is not a valid "
                            + "version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
    }

    @Nested
    class LookingUp {

        @Test
        void shouldFindSchemaUnderSubject() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            assertJson(
                    client().post("/subjects/users-value", schemaBody(USER_V1)),
                    200,
                    versionJson("users-value", 1, 1, USER_V1).toString());
        }

        @Test
        void shouldRejectLookupInUnknownSubjectWith40401() {
            assertError(client().post("/subjects/nope", schemaBody(USER_V1)), 404, 40401);
        }

        @Test
        void shouldRejectLookupOfSchemaNotUnderSubjectWith40403() {
            client().register("users-value", USER_V1);
            client().register("orders-value", ORDER);

            String message = assertErrorMessage(client().post("/subjects/users-value", schemaBody(ORDER)), 404, 40403);

            assertThat(message).isEqualTo("Schema not found");
        }

        @Test
        void shouldRejectLookupOfInvalidSchemaWith42201() {
            client().register("users-value", USER_V1);

            assertError(client().post("/subjects/users-value", schemaBody("{")), 422, 42201);
        }
    }

    @Nested
    class SubjectNames {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "whereabouts.sharing-events.v1-value",
                    "tenant:orders-key",
                    "with space",
                    "slash/inside",
                    "plus+sign",
                    "ünïcode"
                })
        void shouldDecodeUrlEncodedSubjectNames(String subject) {
            String encoded = URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");

            assertJson(client().post("/subjects/" + encoded + "/versions", schemaBody(USER_V1)), 200, "{\"id\":1}");
            assertThat(client().get("/subjects").json().get(0).asText()).isEqualTo(subject);
            assertThat(client().get("/subjects/" + encoded + "/versions/1")
                            .json()
                            .get("subject")
                            .asText())
                    .isEqualTo(subject);
        }
    }

    @Nested
    class DeletingSubjects {

        @Test
        void shouldSoftDeleteSubjectAndReturnItsVersions() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            assertJson(client().delete("/subjects/users-value"), 200, "[1,2]");

            assertJson(client().get("/subjects"), 200, "[]");
            assertJson(client().get("/subjects?deleted=true"), 200, "[\"users-value\"]");
            assertError(client().get("/subjects/users-value/versions"), 404, 40401);
            assertError(client().get("/subjects/users-value/versions/latest"), 404, 40401);
            assertError(client().post("/subjects/users-value", schemaBody(USER_V1)), 404, 40401);
            assertJson(client().get("/subjects/users-value/versions?deleted=true"), 200, "[1,2]");
            assertJson(
                    client().get("/subjects/users-value/versions/1?deleted=true"),
                    200,
                    versionJson("users-value", 1, 1, USER_V1).toString());
        }

        @Test
        void shouldRejectSoftDeleteOfSoftDeletedSubjectWith40404() {
            client().register("users-value", USER_V1);
            client().delete("/subjects/users-value");

            assertError(client().delete("/subjects/users-value"), 404, 40404);
        }

        @Test
        void shouldRejectPermanentDeleteWithoutSoftDeleteWith40405() {
            client().register("users-value", USER_V1);

            String message = assertErrorMessage(client().delete("/subjects/users-value?permanent=true"), 404, 40405);

            assertThat(message)
                    .isEqualTo("Subject 'users-value' was not deleted first before being permanently deleted");
            assertJson(client().get("/subjects"), 200, "[\"users-value\"]");
        }

        @Test
        void shouldPermanentlyDeleteSoftDeletedSubject() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);
            client().delete("/subjects/users-value");

            assertJson(client().delete("/subjects/users-value?permanent=true"), 200, "[1,2]");

            assertJson(client().get("/subjects?deleted=true"), 200, "[]");
            assertError(client().get("/subjects/users-value/versions?deleted=true"), 404, 40401);
            assertError(client().delete("/subjects/users-value?permanent=true"), 404, 40401);
        }

        @Test
        void shouldRejectDeleteOfUnknownSubjectWith40401() {
            assertError(client().delete("/subjects/nope"), 404, 40401);
            assertError(client().delete("/subjects/nope?permanent=true"), 404, 40401);
        }

        @Test
        void shouldKeepIdAndContinueVersionNumbersWhenReRegisteredAfterSoftDelete() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);
            client().delete("/subjects/users-value");

            assertThat(client().register("users-value", USER_V1)).isEqualTo(1);

            assertJson(client().get("/subjects"), 200, "[\"users-value\"]");
            assertJson(client().get("/subjects/users-value/versions"), 200, "[3]");
            assertJson(
                    client().get("/subjects/users-value/versions/latest"),
                    200,
                    versionJson("users-value", 3, 1, USER_V1).toString());
        }

        @Test
        void shouldKeepIdAndRestartVersionsWhenReRegisteredAfterPermanentDelete() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);
            client().delete("/subjects/users-value");
            client().delete("/subjects/users-value?permanent=true");

            assertThat(client().register("users-value", USER_V2)).isEqualTo(2);

            assertJson(client().get("/subjects/users-value/versions"), 200, "[1]");
        }

        @Test
        void shouldNotCheckCompatibilityAgainstSoftDeletedSubject() {
            client().register("users-value", USER_V1);
            client().delete("/subjects/users-value");

            assertJson(client().post("/subjects/users-value/versions", schemaBody(ORDER)), 200, "{\"id\":2}");
        }
    }

    @Nested
    class DeletingVersions {

        @Test
        void shouldSoftDeleteVersionAndReturnItsNumber() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            assertJson(client().delete("/subjects/users-value/versions/1"), 200, "1");

            assertJson(client().get("/subjects/users-value/versions"), 200, "[2]");
            assertError(client().get("/subjects/users-value/versions/1"), 404, 40402);
            assertJson(client().get("/subjects/users-value/versions?deleted=true"), 200, "[1,2]");
        }

        @Test
        void shouldSoftDeleteLatestVersion() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);

            assertJson(client().delete("/subjects/users-value/versions/latest"), 200, "2");

            assertJson(
                    client().get("/subjects/users-value/versions/latest"),
                    200,
                    versionJson("users-value", 1, 1, USER_V1).toString());
        }

        @Test
        void shouldHideSubjectWhenItsOnlyVersionIsDeleted() {
            client().register("users-value", USER_V1);

            client().delete("/subjects/users-value/versions/1");

            assertJson(client().get("/subjects"), 200, "[]");
            assertError(client().get("/subjects/users-value/versions"), 404, 40401);
        }

        @Test
        void shouldRejectSoftDeleteOfSoftDeletedVersionWith40406() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);
            client().delete("/subjects/users-value/versions/1");

            assertError(client().delete("/subjects/users-value/versions/1"), 404, 40406);
        }

        @Test
        void shouldRejectPermanentDeleteOfLiveVersionWith40407() {
            client().register("users-value", USER_V1);

            assertError(client().delete("/subjects/users-value/versions/1?permanent=true"), 404, 40407);
        }

        @Test
        void shouldPermanentlyDeleteSoftDeletedVersion() {
            client().register("users-value", USER_V1);
            client().register("users-value", USER_V2);
            client().delete("/subjects/users-value/versions/1");

            assertJson(client().delete("/subjects/users-value/versions/1?permanent=true"), 200, "1");

            assertJson(client().get("/subjects/users-value/versions?deleted=true"), 200, "[2]");
        }

        @Test
        void shouldRejectDeleteOfUnknownVersionWith40402() {
            client().register("users-value", USER_V1);

            assertError(client().delete("/subjects/users-value/versions/9"), 404, 40402);
            assertError(client().delete("/subjects/users-value/versions/x"), 422, 42202);
            assertError(client().delete("/subjects/nope/versions/1"), 404, 40401);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode versionJson(String subject, int version, int id, String schema) {
        return new ObjectMapper()
                .createObjectNode()
                .put("subject", subject)
                .put("version", version)
                .put("id", id)
                .put("schema", canonical(schema));
    }

    static String quote(String text) {
        return new ObjectMapper().getNodeFactory().textNode(text).toString();
    }
}
