package dev.whereabouts.registry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.registry.ErrorCode;
import dev.whereabouts.registry.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroSchemaTest {

    @Test
    void shouldGiveSameCanonicalTextRegardlessOfWhitespaceAndAttributeOrder() {
        AvroSchema compact = AvroSchema.parse(
                "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"n\",\"type\":\"string\"}]}");
        AvroSchema spread =
                AvroSchema.parse("{\n \"fields\": [ {\"type\": \"string\", \"name\": \"n\"} ],\n \"name\": \"User\",\n"
                        + " \"type\": \"record\"\n}");

        assertThat(spread.canonical()).isEqualTo(compact.canonical());
    }

    @Test
    void shouldTreatDocChangesAsADifferentSchema() {
        AvroSchema plain = AvroSchema.parse(
                "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"n\",\"type\":\"string\"}]}");
        AvroSchema documented = AvroSchema.parse("{\"type\":\"record\",\"name\":\"User\","
                + "\"fields\":[{\"name\":\"n\",\"type\":\"string\",\"doc\":\"the name\"}]}");

        assertThat(documented.canonical()).isNotEqualTo(plain.canonical());
    }

    @Test
    void shouldParsePrimitiveSchemas() {
        assertThat(AvroSchema.parse("\"long\"").canonical()).isEqualTo("\"long\"");
        assertThat(AvroSchema.parse("{\"type\":\"string\"}").canonical()).isEqualTo("\"string\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "\"notatype\"",
                "{\"type\":\"record\",\"name\":\"X\"}",
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\","
                        + "\"default\":\"text\"}]}"
            })
    void shouldRejectInvalidSchemasWith42201(String text) {
        assertThatThrownBy(() -> AvroSchema.parse(text))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA))
                .hasMessageStartingWith("Invalid schema: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRejectEmptySchemas(String text) {
        assertThatThrownBy(() -> AvroSchema.parse(text)).hasMessage("Invalid schema: Empty schema");
        assertThatThrownBy(() -> AvroSchema.parse(null)).hasMessage("Invalid schema: Empty schema");
    }
}
