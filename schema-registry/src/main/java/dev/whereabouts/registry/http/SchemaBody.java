package dev.whereabouts.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.schema.AvroSchema;

/**
 * Reads the schema out of a register, lookup or compatibility request body:
 * {@code {"schema":"...","schemaType":"AVRO","references":[]}}.
 *
 * <p>Other fields newer Confluent clients send (metadata, ruleSet, ...) are ignored rather than
 * rejected, so those clients keep working.
 */
final class SchemaBody {

    private SchemaBody() {}

    /**
     * The parsed schema.
     *
     * @throws RegistryException {@code 42201} for a missing or invalid schema, a schema type other
     *                           than Avro, or schema references
     */
    static AvroSchema parse(ObjectNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !(type.isTextual() && AvroSchema.TYPE.equalsIgnoreCase(type.asText()))) {
            throw RegistryException.invalidSchema(
                    "schemaType " + type + " is not supported; this registry only supports AVRO");
        }
        JsonNode references = body.get("references");
        if (references != null && !references.isNull() && !(references.isArray() && references.isEmpty())) {
            throw RegistryException.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isNull() && !schema.isTextual()) {
            throw RegistryException.invalidSchema("schema must be a JSON string holding the schema");
        }
        return AvroSchema.parse(schema == null || schema.isNull() ? null : schema.asText());
    }
}
