package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Avro schema resolution through the serde, in both directions, using the real {@code
 * SharingEvent} as one side and an edited copy of its schema as the other: an older generation
 * without the defaulted {@code retention} and {@code action} fields, and a newer one with an
 * extra {@code channel} field and extra enum symbols.
 */
class SchemaEvolutionTest {

    private static final String TOPIC = "whereabouts.sharing-events.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerializer<GenericRecord> writer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);
    private final AvroDeserializer<SharingEvent> reader =
            new AvroDeserializer<>(registry, SerdeConfig.defaults(), false, SharingEvent.class);

    @Test
    void shouldFillAddedFieldsWithTheirDefaultsWhenNewReaderReadsOldWriterData() {
        // Given an event written by a producer on the older schema, before retention and action existed
        Schema older = olderSharingEventSchema();
        GenericRecord oldEvent = asGeneric(aSharingEvent().build(), older);

        // When the current generated class reads it
        SharingEvent read = reader.deserialize(TOPIC, writer.serialize(TOPIC, oldEvent));

        // Then the added fields take their schema defaults and everything else survives
        assertThat(read)
                .isEqualTo(aSharingEvent()
                        .setRetention(null)
                        .setAction(SharingAction.SHARED)
                        .build());
    }

    @Test
    void shouldDropFieldsUnknownToOldReaderWhenNewWriterAddsThem() {
        GenericRecord newEvent = asGeneric(aSharingEvent().build(), newerSharingEventSchema());
        newEvent.put("channel", "mobile-app");

        SharingEvent read = reader.deserialize(TOPIC, writer.serialize(TOPIC, newEvent));

        assertThat(read).isEqualTo(aSharingEvent().build());
    }

    @Test
    void shouldResolveEnumSymbolsUnknownToReaderToTheReadersEnumDefault() {
        Schema newer = newerSharingEventSchema();
        GenericRecord newEvent = asGeneric(aSharingEvent().build(), newer);
        newEvent.put(
                "action", new GenericData.EnumSymbol(newer.getField("action").schema(), "ARCHIVED"));
        newEvent.put(
                "legalBasis",
                new GenericData.EnumSymbol(newer.getField("legalBasis").schema(), "SCIENTIFIC_RESEARCH"));

        SharingEvent read = reader.deserialize(TOPIC, writer.serialize(TOPIC, newEvent));

        assertThat(read.getAction()).isEqualTo(SharingAction.SHARED);
        assertThat(read.getLegalBasis()).isEqualTo(LegalBasis.UNSPECIFIED);
        assertThat(read.getHolder()).isEqualTo("postmark");
    }

    @Test
    void shouldReadEveryGenerationOnOneTopicWithOneDeserializer() {
        byte[] old = writer.serialize(TOPIC, asGeneric(aSharingEvent().build(), olderSharingEventSchema()));
        byte[] current = new AvroSerializer<SharingEvent>(registry, SerdeConfig.defaults(), false)
                .serialize(
                        TOPIC, aSharingEvent().setAction(SharingAction.UPDATED).build());
        GenericRecord newest = asGeneric(aSharingEvent().build(), newerSharingEventSchema());
        newest.put("channel", "batch");
        byte[] next = writer.serialize(TOPIC, newest);

        assertThat(WireFormat.readSchemaId(old)).isNotEqualTo(WireFormat.readSchemaId(current));
        assertThat(reader.deserialize(TOPIC, old).getAction()).isEqualTo(SharingAction.SHARED);
        assertThat(reader.deserialize(TOPIC, current).getAction()).isEqualTo(SharingAction.UPDATED);
        assertThat(reader.deserialize(TOPIC, next)).isEqualTo(aSharingEvent().build());
        assertThat(reader.deserialize(TOPIC, old).getRetention()).isNull();
        assertThat(registry.calls("schemaById")).isEqualTo(3);
    }

    @Test
    void shouldNameTheSchemaIdWhenWriterSchemaCannotBeReadAsTheSpecificType() {
        GenericRecord ping = new GenericData.Record(SerdeFixtures.PING);
        ping.put("id", 1L);
        ping.put("label", "x");
        ping.put("ok", true);
        byte[] bytes = writer.serialize("pings", ping);
        int id = WireFormat.readSchemaId(bytes);

        assertThatThrownBy(() -> reader.deserialize("pings", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("dev.whereabouts.golden.Ping");
    }

    /** SharingEvent as first released: without the defaulted retention and action fields. */
    private static Schema olderSharingEventSchema() {
        ObjectNode schema = sharingEventJson();
        Iterator<com.fasterxml.jackson.databind.JsonNode> fields =
                schema.withArray("fields").elements();
        while (fields.hasNext()) {
            String name = fields.next().get("name").asText();
            if (name.equals("retention") || name.equals("action")) {
                fields.remove();
            }
        }
        return new Schema.Parser().parse(schema.toString());
    }

    /** A future SharingEvent: a defaulted channel field and new symbols in both enums. */
    private static Schema newerSharingEventSchema() {
        ObjectNode schema = sharingEventJson();
        ArrayNode fields = schema.withArray("fields");
        for (com.fasterxml.jackson.databind.JsonNode field : fields) {
            if (field.get("name").asText().equals("action")) {
                ((ArrayNode) field.get("type").get("symbols")).add("ARCHIVED");
            }
            if (field.get("name").asText().equals("legalBasis")) {
                ((ArrayNode) field.get("type").get("symbols")).add("SCIENTIFIC_RESEARCH");
            }
        }
        fields.addObject().put("name", "channel").put("type", "string").put("default", "api");
        return new Schema.Parser().parse(schema.toString());
    }

    private static ObjectNode sharingEventJson() {
        try {
            return (ObjectNode) JSON.readTree(SharingEvent.getClassSchema().toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event as a generic record of {@code target}, converted by Avro's own resolution. */
    private static GenericRecord asGeneric(SharingEvent event, Schema target) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(SharingEvent.class).write(event, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(SharingEvent.getClassSchema(), target)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
