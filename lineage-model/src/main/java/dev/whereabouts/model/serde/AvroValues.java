package dev.whereabouts.model.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** Which schema a Java value is written with, by the same rules as Confluent's serializer. */
final class AvroValues {

    // One instance per primitive, so the serializer's schema-keyed caches hit by identity.
    static final Schema NULL = Schema.create(Schema.Type.NULL);
    static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    static final Schema INT = Schema.create(Schema.Type.INT);
    static final Schema LONG = Schema.create(Schema.Type.LONG);
    static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    static final Schema STRING = Schema.create(Schema.Type.STRING);
    static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroValues() {}

    /**
     * The schema of {@code value}: a record's, enum's or fixed's own schema, or the primitive
     * schema for {@code Boolean, Integer, Long, Float, Double, CharSequence, byte[], ByteBuffer}.
     *
     * @throws SerializationException for any other type
     */
    static Schema schemaOf(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof GenericContainer) {
            return ((GenericContainer) value).getSchema();
        } else if (value instanceof CharSequence) {
            return STRING;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Float) {
            return FLOAT;
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        throw new SerializationException("Cannot serialize a "
                + value.getClass().getName()
                + " as Avro: supported are null, Boolean, Integer, Long, Float, Double, CharSequence,"
                + " byte[], ByteBuffer, and Avro records, enums and fixed (SpecificRecord,"
                + " GenericRecord, GenericContainer)");
    }
}
