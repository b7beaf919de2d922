package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.PING;
import static dev.whereabouts.model.serde.SerdeFixtures.bytes;
import static dev.whereabouts.model.serde.SerdeFixtures.golden;
import static dev.whereabouts.model.serde.SerdeFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serializer's output compared with bytes derived by hand from the published Confluent wire
 * format and the Avro 1.x binary encoding specification, not from any serializer's output. Each
 * case is spelled three times: as the value, as a byte literal here, and as a commented hex file
 * under {@code src/test/resources/golden}; all three must agree.
 */
class GoldenBytesTest {

    private static final String TOPIC = "golden";

    private static GenericRecord aPing() {
        GenericRecord ping = new GenericData.Record(PING);
        ping.put("id", 150L);
        ping.put("label", "Kafka");
        ping.put("ok", true);
        ping.put("note", "é");
        return ping;
    }

    static Stream<Arguments> goldenCases() {
        return Stream.of(
                Arguments.of(
                        "ping-record-id42.hex",
                        PING,
                        42,
                        aPing(),
                        bytes(
                                0x00, 0x00, 0x00, 0x00, 0x2A, // magic byte, schema id 42 big-endian
                                0xAC, 0x02, // id: long 150, zig-zag 300, varint low group first with continuation bit
                                0x0A, 'K', 'a', 'f', 'k', 'a', // label: zig-zag length 10/2 = 5, UTF-8
                                0x01, // ok: true
                                0x02, 0x04, 0xC3, 0xA9)), // note: union branch 1, zig-zag length 2, UTF-8 "é"
                Arguments.of(
                        "ping-record-id01020304.hex",
                        PING,
                        0x01020304,
                        aPing(),
                        bytes(
                                0x00, 0x01, 0x02, 0x03, 0x04, // most significant byte of the id first
                                0xAC, 0x02, 0x0A, 'K', 'a', 'f', 'k', 'a', 0x01, 0x02, 0x04, 0xC3, 0xA9)),
                Arguments.of(
                        "string-id42.hex",
                        Schema.create(Schema.Type.STRING),
                        42,
                        "Kafka",
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x0A, 'K', 'a', 'f', 'k', 'a')),
                Arguments.of(
                        "int-id42.hex",
                        Schema.create(Schema.Type.INT),
                        42,
                        150,
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0xAC, 0x02)),
                Arguments.of(
                        "long-id42.hex",
                        Schema.create(Schema.Type.LONG),
                        42,
                        1L << 40,
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40)),
                Arguments.of(
                        "boolean-id42.hex",
                        Schema.create(Schema.Type.BOOLEAN),
                        42,
                        true,
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x01)),
                Arguments.of(
                        "double-id42.hex",
                        Schema.create(Schema.Type.DOUBLE),
                        42,
                        1.5d,
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F)),
                Arguments.of(
                        "bytes-id42.hex",
                        Schema.create(Schema.Type.BYTES),
                        42,
                        bytes(0xDE, 0xAD, 0xBE, 0xEF),
                        bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0xDE, 0xAD, 0xBE, 0xEF)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void shouldWriteExactlyTheGoldenBytes(String file, Schema schema, int id, Object value, byte[] byHand) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.registerWithId(TOPIC + "-value", schema, id);
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);

        byte[] written = serializer.serialize(TOPIC, value);

        assertThat(hex(golden(file)))
                .as("golden file agrees with the hand-written literal")
                .isEqualTo(hex(byHand));
        assertThat(hex(written)).isEqualTo(hex(byHand));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void shouldReadTheGoldenBytesBackToTheValue(String file, Schema schema, int id, Object value, byte[] byHand) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.registerWithId(TOPIC + "-value", schema, id);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);

        Object read = deserializer.deserialize(TOPIC, golden(file));

        if (value instanceof byte[]) {
            assertThat((byte[]) read).containsExactly((byte[]) value);
        } else {
            assertThat(read).isEqualTo(value);
        }
    }

    @Test
    void shouldWriteByteBufferRawLikeByteArrayWithoutMovingItsPosition() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.registerWithId(TOPIC + "-value", Schema.create(Schema.Type.BYTES), 42);
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);
        ByteBuffer buffer = ByteBuffer.wrap(bytes(0x11, 0xDE, 0xAD, 0xBE, 0xEF)).position(1);

        byte[] written = serializer.serialize(TOPIC, buffer);

        assertThat(hex(written)).isEqualTo(hex(golden("bytes-id42.hex")));
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void shouldReadHeaderOnlyPayloadOfNullSchemaAsNull() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.registerWithId(TOPIC + "-value", Schema.create(Schema.Type.NULL), 42);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);

        assertThat(golden("null-id42.hex")).containsExactly(0x00, 0x00, 0x00, 0x00, 0x2A);
        assertThat(deserializer.deserialize(TOPIC, golden("null-id42.hex"))).isNull();
    }

    @Test
    void shouldWriteNullValueAsNullMessageWithoutRegisteringNullSchema() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);

        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(registry.totalCalls()).isZero();
    }

    @Test
    void shouldWriteCharSequenceAsStringSchema() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.registerWithId(TOPIC + "-value", Schema.create(Schema.Type.STRING), 42);
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);

        assertThat(hex(serializer.serialize(TOPIC, new StringBuilder("Kafka"))))
                .isEqualTo(hex(golden("string-id42.hex")));
        assertThat(hex(serializer.serialize(TOPIC, new org.apache.avro.util.Utf8("Kafka"))))
                .isEqualTo(hex(golden("string-id42.hex")));
    }
}
