package dev.whereabouts.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.dsr.DataSubjectRequest;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** A data directory and routing topic written by release 0.1.0 are read after the upgrade. */
class StateSchemaHistoryTest {

    private static Schema released(String... names) throws Exception {
        Schema.Parser parser = new Schema.Parser();
        Schema last = null;
        for (String name : names) {
            try (InputStream in =
                    StateSchemaHistoryTest.class.getResourceAsStream("/state-schemas/0.1.0/" + name + ".avsc")) {
                last = parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return last;
    }

    @Test
    void shouldReadARequestRecordWrittenByRelease010WithTheNewFieldsAtTheirDefaults() throws Exception {
        // Given a tracked request as 0.1.0 stored it
        Schema old = released("Identifier", "TaskRecord", "RequestRecord");
        GenericRecord task =
                new GenericData.Record(old.getField("tasks").schema().getElementType());
        task.put("taskId", "r-1/postmark");
        task.put("holder", "postmark");
        task.put("type", "ERASE");
        task.put("categories", List.of("user.contact.email"));
        task.put("state", "PENDING");
        task.put("updatedAt", 5L);
        GenericRecord request = new GenericData.Record(old);
        request.put("requestId", "r-1");
        request.put("type", "ERASURE");
        request.put("subjectId", "s-01");
        request.put("state", "OVERDUE");
        request.put("receivedAt", 1L);
        request.put("deadline", 2L);
        request.put("tasks", List.of(task));
        request.put("updatedAt", 3L);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(request);

        // When
        RequestRecord read = StateSerde.REQUEST.fromBytes(bytes);

        // Then
        assertThat(read.getRequestId()).isEqualTo("r-1");
        assertThat(read.getState()).isEqualTo("OVERDUE");
        assertThat(read.getStatutoryDeadline()).isNull();
        assertThat(read.getOverdue()).isFalse();
        assertThat(read.getTasks()).singleElement().satisfies(t -> {
            assertThat(t.getEscalated()).isFalse();
            assertThat(t.getAnswerBy()).isNull();
        });
    }

    @Test
    void shouldReadARequestPayloadWrittenByRelease010() throws Exception {
        Schema old = released("IdentifierType", "SubjectIdentifier", "RequestType", "DataSubjectRequest");
        GenericRecord id =
                new GenericData.Record(old.getField("identifiers").schema().getElementType());
        id.put(
                "type",
                new GenericData.EnumSymbol(id.getSchema().getField("type").schema(), "EMAIL"));
        id.put("pseudonym", "p-1");
        id.put("keyId", "k1");
        GenericRecord request = new GenericData.Record(old);
        request.put("requestId", "r-1");
        request.put("type", new GenericData.EnumSymbol(old.getField("type").schema(), "ACCESS"));
        request.put("identifiers", List.of(id));
        request.put("scope", List.of());
        request.put("receivedAt", 1L);
        request.put("deadline", 2L);
        request.put("requestedBy", "dpo");
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(request);

        DataSubjectRequest read = Payloads.request(bytes);

        assertThat(read.getRequestId()).isEqualTo("r-1");
        assertThat(read.getVerificationMethod()).isNull();
        assertThat(read.getStatutoryDeadline()).isNull();
    }

    @Test
    void shouldStillFailLoudlyOnARecordOfAnUnknownSchema() {
        Schema unknown = SchemaBuilder.record("RequestRecord")
                .namespace("dev.whereabouts.streams.state")
                .fields()
                .requiredString("somethingElse")
                .endRecord();
        GenericRecord record = new GenericData.Record(unknown);
        record.put("somethingElse", "x");

        assertThatThrownBy(() -> StateSerde.REQUEST.fromBytes(
                        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(record)))
                .hasMessageContaining("cannot decode topology state record");
    }
}
