package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.PING;
import static dev.whereabouts.model.serde.SerdeFixtures.aSharingEvent;
import static dev.whereabouts.model.serde.SerdeFixtures.bytes;
import static dev.whereabouts.model.serde.SerdeFixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.whereabouts.model.sharing.SharingEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Poison bytes: every malformed payload fails fast with a {@link SerializationException} whose
 * message says what is wrong, and nothing hangs, runs out of memory or yields a wrong record.
 */
class MalformedPayloadTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final String TOPIC = "whereabouts.sharing-events.v1";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroDeserializer<SharingEvent> deserializer =
            new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, SharingEvent.class);
    private final byte[] valid = new AvroSerializer<SharingEvent>(registry, SerdeConfig.defaults(), false)
            .serialize(TOPIC, aSharingEvent().build());

    @Test
    void shouldRejectWrongMagicByteNamingTheByte() {
        byte[] json = "{\"eventId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessageStartingWith("Unknown magic byte 0x7B at offset 0 (expected 0x00)"));
    }

    @Test
    void shouldRejectUnknownSchemaIdWithRegistryCode40403AndTheId() {
        byte[] unknownId = concat(bytes(0x00, 0x00, 0x00, 0x03, 0xE7), Arrays.copyOfRange(valid, 5, valid.length));

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unknownId))
                        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                            assertThat(e.httpStatus()).isEqualTo(404);
                        })
                        .isInstanceOf(SerializationException.class)
                        .hasMessageStartingWith("Error retrieving Avro schema for id 999"));
    }

    @Test
    void shouldRejectEmptyPayload() {
        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessageStartingWith("Cannot deserialize an empty payload"));
    }

    @Test
    void shouldRejectThreeBytePayloadAsTruncatedHeader() {
        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(0x00, 0x00, 0x00)))
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessage(
                                "Truncated header: payload has 3 byte(s) but a Confluent-framed Avro message needs at least 5"
                                        + " (magic byte 0x00 and a 4-byte schema id)"));
    }

    @Test
    void shouldRejectEveryTruncationOfAValidMessage() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int length = 0; length < valid.length; length++) {
                byte[] cut = Arrays.copyOf(valid, length);
                assertThat(catchThrowable(() -> deserializer.deserialize(TOPIC, cut)))
                        .as("payload cut to %d of %d bytes", length, valid.length)
                        .isInstanceOf(SerializationException.class);
            }
        });
    }

    @Test
    void shouldNameTheSchemaIdAndOffsetWhenTheAvroBodyIsTruncated() {
        int id = WireFormat.readSchemaId(valid);
        byte[] cut = Arrays.copyOf(valid, valid.length - 3);

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut))
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessageStartingWith("Truncated Avro body for schema id " + id)
                        .hasMessageContaining("body offset"));
    }

    @Test
    void shouldRejectTrailingBytesAfterTheAvroBody() {
        byte[] padded = concat(valid, bytes(0x00, 0x42));

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, padded))
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessageContaining(
                                "has 2 unread byte(s) after its " + (valid.length - 5) + "-byte Avro body"));
    }

    @Test
    void shouldRejectHugeAnnouncedStringLengthWithoutAllocatingIt() {
        // eventId's length varint announces 2^31 - 1 bytes in a 10-byte body
        byte[] header = Arrays.copyOf(valid, 5);
        byte[] poison = concat(header, bytes(0xFE, 0xFF, 0xFF, 0xFF, 0x0F), bytes(0x41, 0x41, 0x41, 0x41, 0x41));

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> deserializer.deserialize(TOPIC, poison))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining(
                                "string of 2147483647 bytes announced at body offset 0 but only 5 bytes remain"));
    }

    @Test
    void shouldRejectHugeAnnouncedArrayCountWithoutLooping() {
        Schema nulls = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"null\"}");
        int id = registry.register("nulls-value", nulls);
        // A billion null items would encode in five bytes; they must not be materialised.
        byte[] poison = concat(WireFormat.header(id), bytes(0x80, 0xA8, 0xD6, 0xB9, 0x07, 0x00));
        AvroDeserializer<Object> generic = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> generic.deserialize("nulls", poison))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining("array block announces 1000000000 items"));
    }

    @Test
    void shouldRejectBooleanBytesOtherThanZeroAndOne() {
        int id = registry.register("pings-value", PING);
        // id 1, label "", ok = 0x05 (invalid), note null
        byte[] poison = concat(WireFormat.header(id), bytes(0x02, 0x00, 0x05, 0x00));
        AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);

        assertTimeoutPreemptively(
                LIMIT,
                () -> assertThatThrownBy(() -> generic.deserialize("pings", poison))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining("boolean byte 0x05"));
    }

    @Test
    void shouldRejectUnionBranchAndEnumIndexOutOfRange() {
        int id = registry.register("pings-value", PING);
        byte[] badUnion = concat(WireFormat.header(id), bytes(0x02, 0x00, 0x01, 0x08));
        AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);
        byte[] validEvent = valid.clone();

        assertTimeoutPreemptively(LIMIT, () -> {
            assertThatThrownBy(() -> generic.deserialize("pings", badUnion))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id " + id);
            // Byte 1 of the body after eventId etc. is hard to find by hand: corrupt the last byte,
            // the action enum's index, to 0x7E (index 63 of 3 symbols).
            validEvent[validEvent.length - 1] = 0x7E;
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, validEvent))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id " + WireFormat.readSchemaId(valid));
        });
    }

    @Test
    void shouldOnlyEverThrowSerializationExceptionOnRandomGarbage() {
        int id = WireFormat.readSchemaId(valid);
        Random random = new Random(20250314L);

        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] body = new byte[random.nextInt(200)];
                random.nextBytes(body);
                byte[] garbage = concat(WireFormat.header(id), body);
                Throwable thrown = catchThrowable(() -> deserializer.deserialize(TOPIC, garbage));
                if (thrown != null) {
                    assertThat(thrown).as("garbage #%d", i).isInstanceOf(SerializationException.class);
                }
            }
        });
    }

    @Test
    void shouldOnlyEverThrowSerializationExceptionWhenBytesOfAValidMessageAreFlipped() {
        Random random = new Random(42L);

        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] flipped = valid.clone();
                int at = 5 + random.nextInt(valid.length - 5);
                flipped[at] = (byte) random.nextInt(256);
                Throwable thrown = catchThrowable(() -> deserializer.deserialize(TOPIC, flipped));
                if (thrown != null) {
                    assertThat(thrown)
                            .as("byte %d set to 0x%02X", at, flipped[at] & 0xFF)
                            .isInstanceOf(SerializationException.class);
                }
            }
        });
    }
}
