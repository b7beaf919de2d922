package dev.whereabouts.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fixture builder for Avro record schemas: {@code aRecord("User").field("name", "string")}. */
public final class AvroSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode schema;
    private final ArrayNode fields;

    private AvroSchemas(String name) {
        schema = JSON.createObjectNode()
                .put("type", "record")
                .put("name", name)
                .put("namespace", "dev.whereabouts.test");
        fields = schema.putArray("fields");
    }

    public static AvroSchemas aRecord(String name) {
        return new AvroSchemas(name);
    }

    /** A required field of primitive type {@code type}. */
    public AvroSchemas field(String name, String type) {
        fields.addObject().put("name", name).put("type", type);
        return this;
    }

    /** A field of primitive type {@code type} with a default given as JSON text. */
    public AvroSchemas field(String name, String type, String defaultJson) {
        fields.addObject().put("name", name).put("type", type).set("default", RegistryResponse.parse(defaultJson));
        return this;
    }

    /** Avro's canonical rendering of {@code schema}: what the registry stores and returns. */
    public static String canonical(String schema) {
        return new org.apache.avro.Schema.Parser().parse(schema).toString();
    }

    /** The schema as JSON text. */
    public String build() {
        return schema.toString();
    }

    @Override
    public String toString() {
        return build();
    }
}
