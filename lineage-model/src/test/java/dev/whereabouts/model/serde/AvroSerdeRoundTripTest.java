package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.PING;
import static dev.whereabouts.model.serde.SerdeFixtures.aSharingEvent;
import static dev.whereabouts.model.serde.SerdeFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.sharing.SharingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeRoundTripTest {

    private static final String TOPIC = "whereabouts.sharing-events.v1";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldRoundTripSharingEventThroughSpecificSerde() {
        // Given
        Serde<SharingEvent> serde = AvroSerdes.specific(SharingEvent.class, registry, SerdeConfig.defaults(), false);
        SharingEvent event = aSharingEvent().setRetention(null).build();

        // When
        byte[] bytes = serde.serializer().serialize(TOPIC, event);
        SharingEvent read = serde.deserializer().deserialize(TOPIC, bytes);

        // Then
        assertThat(read).isEqualTo(event);
        assertThat(read.getOccurredAt()).isEqualTo(event.getOccurredAt());
        assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void shouldEncodeSpecificRecordBodyExactlyAsAvrosOwnBinaryEncoder() throws IOException {
        SharingEvent event = aSharingEvent().build();
        AvroSerializer<SharingEvent> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);

        byte[] bytes = serializer.serialize(TOPIC, event);

        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        reference.write(WireFormat.header(registry.idOf(TOPIC + "-value", SharingEvent.getClassSchema())));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(reference, null);
        new SpecificDatumWriter<>(SharingEvent.class).write(event, encoder);
        encoder.flush();
        assertThat(hex(bytes)).isEqualTo(hex(reference.toByteArray()));
    }

    @Test
    void shouldRoundTripGenericRecord() {
        Serde<GenericRecord> serde = AvroSerdes.generic(registry, SerdeConfig.defaults(), false);
        GenericRecord ping = new GenericData.Record(PING);
        ping.put("id", -7L);
        ping.put("label", "grüß");
        ping.put("ok", false);
        ping.put("note", null);

        GenericRecord read =
                serde.deserializer().deserialize("pings", serde.serializer().serialize("pings", ping));

        assertThat(read).isEqualTo(ping);
        assertThat(read.get("label")).isInstanceOf(Utf8.class).hasToString("grüß");
        assertThat(read.getSchema()).isEqualTo(PING);
    }

    @Test
    void shouldReadSharingEventAsGenericRecordWhenNoSpecificTypeIsConfigured() {
        byte[] bytes = new AvroSerializer<SharingEvent>(registry, SerdeConfig.defaults(), false)
                .serialize(TOPIC, aSharingEvent().build());

        GenericRecord read = new AvroDeserializer<GenericRecord>(registry, SerdeConfig.defaults(), false, null)
                .deserialize(TOPIC, bytes);

        assertThat(read).isNotInstanceOf(SharingEvent.class);
        assertThat(read.get("holder")).hasToString("postmark");
        assertThat(read.get("legalBasis")).hasToString("CONTRACT");
    }

    @Test
    void shouldTreatGenericRecordClassAsGenericReading() {
        byte[] bytes = new AvroSerializer<SharingEvent>(registry, SerdeConfig.defaults(), false)
                .serialize(TOPIC, aSharingEvent().build());

        GenericRecord read = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, GenericRecord.class)
                .deserialize(TOPIC, bytes);

        assertThat(read).isNotInstanceOf(SharingEvent.class);
        assertThat(read.get("eventId")).hasToString(aSharingEvent().build().getEventId());
    }

    @Test
    void shouldRejectSpecificTypeThatIsNotAnAvroClass() {
        assertThatThrownBy(() -> new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, java.util.Date.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.util.Date is not an Avro generated class");
    }

    @Test
    void shouldResolveGeneratedClassByNameWhenSpecificAvroReaderIsTrue() {
        byte[] bytes = new AvroSerializer<SharingEvent>(registry, SerdeConfig.defaults(), false)
                .serialize(TOPIC, aSharingEvent().build());
        SerdeConfig specificReader =
                SerdeConfig.builder().specificAvroReader(true).build();

        Object read = new AvroDeserializer<>(registry, specificReader, false, null).deserialize(TOPIC, bytes);

        assertThat(read)
                .isInstanceOf(SharingEvent.class)
                .isEqualTo(aSharingEvent().build());
    }

    @Test
    void shouldFailClearlyWhenSpecificAvroReaderFindsNoGeneratedClass() {
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, SerdeConfig.defaults(), false)
                .serialize("pings", pingWithId(1));
        SerdeConfig specificReader =
                SerdeConfig.builder().specificAvroReader(true).build();

        assertThatThrownBy(
                        () -> new AvroDeserializer<>(registry, specificReader, false, null).deserialize("pings", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not find generated class dev.whereabouts.golden.Ping");
    }

    @Test
    void shouldRoundTripEveryPrimitiveConfluentSupports() {
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, null);
        List<Object> values = List.of(true, 42, 42L, 1.25f, 2.5d, "text", new Utf8("utf8"));

        for (Object value : values) {
            String topic = "primitive-" + value.getClass().getSimpleName();
            Object read = deserializer.deserialize(topic, serializer.serialize(topic, value));
            assertThat(read).as(topic).isEqualTo(value instanceof Utf8 ? value.toString() : value);
        }
        assertThat((byte[]) deserializer.deserialize("b", serializer.serialize("b", new byte[] {1, 2, 3})))
                .containsExactly(1, 2, 3);
        assertThat((byte[]) deserializer.deserialize(
                        "bb", serializer.serialize("bb", ByteBuffer.wrap(new byte[] {4, 5}))))
                .containsExactly(4, 5);
    }

    @Test
    void shouldReturnNullForNullPayload() {
        assertThat(new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, SharingEvent.class)
                        .deserialize(TOPIC, null))
                .isNull();
    }

    @Test
    void shouldRegisterUnderTopicKeySubjectForKeys() {
        new AvroSerializer<String>(registry, SerdeConfig.defaults(), true).serialize(TOPIC, "subject-pseudonym");

        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
    }

    @Test
    void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
        int id = registry.register(TOPIC + "-value", SharingEvent.getClassSchema());
        SerdeConfig lookupOnly =
                SerdeConfig.builder().autoRegisterSchemas(false).build();

        byte[] bytes = new AvroSerializer<SharingEvent>(registry, lookupOnly, false)
                .serialize(TOPIC, aSharingEvent().build());

        assertThat(WireFormat.readSchemaId(bytes)).isEqualTo(id);
        assertThat(registry.calls("register")).isEqualTo(1);
        assertThat(registry.calls("idOf")).isEqualTo(1);
    }

    @Test
    void shouldFailWithRegistryErrorCodeWhenAutoRegisterIsOffAndSubjectIsUnknown() {
        SerdeConfig lookupOnly =
                SerdeConfig.builder().autoRegisterSchemas(false).build();
        AvroSerializer<SharingEvent> serializer = new AvroSerializer<>(registry, lookupOnly, false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, aSharingEvent().build()))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
                .hasMessageContaining("subject '" + TOPIC + "-value'")
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void shouldWriteWithLatestSchemaWhenUseLatestVersionIsOn() {
        // Given the subject's latest schema is Ping with an extra defaulted field in second position
        Schema latestPing = new Schema.Parser()
                .parse(PING.toString()
                        .replace(
                                "{\"name\":\"label\"",
                                "{\"name\":\"region\",\"type\":\"string\",\"default\":\"eu\"},{\"name\":\"label\""));
        int latestId = registry.register("pings-value", latestPing);
        SerdeConfig useLatest = SerdeConfig.builder()
                .autoRegisterSchemas(false)
                .useLatestVersion(true)
                .build();

        // When a producer that only knows the older Ping writes
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, useLatest, false).serialize("pings", pingWithId(9));

        // Then the message carries the latest id and reads as the latest schema, field by field
        assertThat(WireFormat.readSchemaId(bytes)).isEqualTo(latestId);
        GenericRecord read = new AvroDeserializer<GenericRecord>(registry, SerdeConfig.defaults(), false, null)
                .deserialize("pings", bytes);
        assertThat(read.getSchema()).isEqualTo(latestPing);
        assertThat(read.get("id")).isEqualTo(9L);
        assertThat(read.get("region")).hasToString("eu");
        assertThat(read.get("label")).hasToString("ping-9");
    }

    @Test
    void shouldRefuseUseLatestVersionWhenLatestSchemaCannotReadTheValue() {
        Schema unrelated = new Schema.Parser()
                .parse(
                        "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"dev.whereabouts.golden\",\"fields\":[{\"name\":\"mandatory\",\"type\":\"int\"}]}");
        registry.register("pings-value", unrelated);
        SerdeConfig useLatest = SerdeConfig.builder()
                .autoRegisterSchemas(false)
                .useLatestVersion(true)
                .build();

        assertThatThrownBy(() ->
                        new AvroSerializer<GenericRecord>(registry, useLatest, false).serialize("pings", pingWithId(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("latest schema of subject 'pings-value'")
                .hasMessageContaining("cannot read them");
    }

    @Test
    void shouldRejectTypesAvroCannotWrite() {
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, new java.util.Date()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize a java.util.Date as Avro");
    }

    @Test
    void shouldWrapInvalidRecordInSerializationExceptionNamingSchemaAndTopic() {
        GenericRecord incomplete = new GenericData.Record(PING);
        incomplete.put("id", 1L);

        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>(registry, SerdeConfig.defaults(), false)
                        .serialize("pings", incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.whereabouts.golden.Ping")
                .hasMessageContaining("topic pings");
    }

    @Test
    void shouldSurfaceIncompatibleRegistrationAsRegistryError409() {
        registry.register(TOPIC + "-value", SharingEvent.getClassSchema());
        Schema incompatible = new Schema.Parser()
                .parse(
                        "{\"type\":\"record\",\"name\":\"SharingEvent\",\"namespace\":\"dev.whereabouts.model.sharing\",\"fields\":[{\"name\":\"mandatory\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(incompatible);
        record.put("mandatory", 1);

        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>(registry, SerdeConfig.defaults(), false)
                        .serialize(TOPIC, record))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageStartingWith(
                        "Error registering Avro schema dev.whereabouts.model.sharing.SharingEvent under subject '"
                                + TOPIC + "-value'");
    }

    @Test
    void shouldSerializeAndDeserializeConcurrentlyWithoutMixingUpRecords() throws Exception {
        Serde<SharingEvent> serde = AvroSerdes.specific(SharingEvent.class, registry, SerdeConfig.defaults(), false);
        Serde<GenericRecord> generic = AvroSerdes.generic(registry, SerdeConfig.defaults(), false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        SharingEvent event = aSharingEvent()
                                .setEventId("event-" + thread + "-" + i)
                                .setLegalBasis(LegalBasis.values()[i % LegalBasis.values().length])
                                .setRetention(i % 2 == 0 ? null : "P" + i + "D")
                                .build();
                        assertThat(serde.deserializer()
                                        .deserialize(TOPIC, serde.serializer().serialize(TOPIC, event)))
                                .isEqualTo(event);
                        GenericRecord ping = pingWithId(thread * 100_000L + i);
                        assertThat(generic.deserializer()
                                        .deserialize(
                                                "pings", generic.serializer().serialize("pings", ping)))
                                .isEqualTo(ping);
                    }
                    return thread;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.calls("register")).isLessThanOrEqualTo(16);
    }

    private static GenericRecord pingWithId(long id) {
        GenericRecord ping = new GenericData.Record(PING);
        ping.put("id", id);
        ping.put("label", "ping-" + id);
        ping.put("ok", true);
        ping.put("note", "n");
        return ping;
    }
}
