package dev.whereabouts.model.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.sharing.SharingEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

    private static final String TOPIC = "whereabouts.sharing-events.v1";
    private static final Schema EVENT = SharingEvent.getClassSchema();
    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    @Test
    void shouldNameSubjectAfterTopicAndRoleWithTopicNameStrategy() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName(TOPIC, false, EVENT))
                .isEqualTo(TOPIC + "-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName(TOPIC, true, STRING))
                .isEqualTo(TOPIC + "-key");
    }

    @Test
    void shouldNameSubjectAfterRecordFullNameWithRecordNameStrategy() {
        assertThat(SubjectNameStrategy.RECORD_NAME.subjectName(TOPIC, false, EVENT))
                .isEqualTo("dev.whereabouts.model.sharing.SharingEvent");
    }

    @Test
    void shouldNameSubjectAfterTopicAndRecordWithTopicRecordNameStrategy() {
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subjectName(TOPIC, true, EVENT))
                .isEqualTo(TOPIC + "-dev.whereabouts.model.sharing.SharingEvent");
    }

    @Test
    void shouldRejectNonRecordSchemasForRecordBasedStrategies() {
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD_NAME.subjectName(TOPIC, true, STRING))
                .isInstanceOf(SerializationException.class)
                .hasMessage(
                        "Subject name strategy RECORD_NAME needs an Avro record schema, but the message key has a string"
                                + " schema; use TOPIC_NAME for keys that are not records");
        assertThatThrownBy(() -> SubjectNameStrategy.TOPIC_RECORD_NAME.subjectName(TOPIC, false, STRING))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("message value has a string schema");
    }

    @Test
    void shouldParseOurNamesAndConfluentClassNames() {
        assertThat(SubjectNameStrategy.forConfigValue("TOPIC_NAME")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.forConfigValue(" record_name ")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.forConfigValue("io.confluent.kafka.serializers.subject.TopicNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.forConfigValue("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.forConfigValue("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.forConfigValue("TopicRecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThatThrownBy(() -> SubjectNameStrategy.forConfigValue("ByMood"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown subject name strategy 'ByMood'; expected one of TOPIC_NAME");
    }

    @Test
    void shouldRegisterUnderTheConfiguredStrategysSubject() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        SerdeConfig byRecord = SerdeConfig.builder()
                .valueSubjectNameStrategy(SubjectNameStrategy.TOPIC_RECORD_NAME)
                .build();
        GenericRecord ping = new GenericData.Record(SerdeFixtures.PING);
        ping.put("id", 1L);
        ping.put("label", "a");
        ping.put("ok", true);

        new AvroSerializer<GenericRecord>(registry, byRecord, false).serialize("pings", ping);

        assertThat(registry.subjects()).containsExactly("pings-dev.whereabouts.golden.Ping");
    }
}
