package dev.whereabouts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Assertions on the exact shape of registry responses. */
public final class RegistryAssertions {

    private RegistryAssertions() {}

    /** Status, Confluent's content type, and a body equal to {@code expectedJson} as JSON. */
    public static void assertJson(RegistryResponse response, int status, String expectedJson) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo(RegistryClient.V1_JSON);
        assertThat(response.json()).isEqualTo(RegistryResponse.parse(expectedJson));
    }

    /** An error: status, content type, exactly {@code error_code} and a non-blank message. */
    public static JsonNode assertError(RegistryResponse response, int status, int errorCode) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo(RegistryClient.V1_JSON);
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("error_code", "message");
        assertThat(body.get("error_code").isInt()).isTrue();
        assertThat(body.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }

    /** The error message of an error response, after {@link #assertError}. */
    public static String assertErrorMessage(RegistryResponse response, int status, int errorCode) {
        return assertError(response, status, errorCode).get("message").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .collect(Collectors.toList());
    }
}
