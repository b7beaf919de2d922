package dev.whereabouts.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), SerdeConfig.defaults());

    @Test
    void shouldSendAnUnreadableCatalogRecordToItsDeadLetterTwinAndContinue() {
        // Given
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterDeserializationHandler handler = handler(producer);
        byte[] poison = {1, 2, 3};
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(Topics.CATALOG_HOLDERS.name(), 0, 42L, "postmark".getBytes(), poison);

        // When
        DeserializationHandlerResponse response = handler.handle(
                (org.apache.kafka.streams.errors.ErrorHandlerContext) null,
                record,
                new SerializationException("Unknown magic byte 0x01 at offset 0 (expected 0x00)"));

        // Then
        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        Topic<byte[], DeadLetter> twin = Topics.CATALOG_HOLDERS.deadLetters().orElseThrow();
        assertThat(sent.topic()).isEqualTo(twin.name());
        DeadLetter letter = serdes.valueSerde(twin).deserializer().deserialize(twin.name(), sent.value());
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(poison);
        assertThat(letter.getSourceOffset()).isEqualTo(42L);
        assertThat(letter.getStage()).isEqualTo(FailureStage.DESERIALIZATION);
        assertThat(letter.getReason()).contains("Unknown magic byte");
    }

    @Test
    void shouldFailRatherThanDropWhenTheDeadLetterCannotBeSent() {
        // Given
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterDeserializationHandler handler = handler(producer);
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(Topics.CATALOG_FLOWS.name(), 0, 1L, null, new byte[] {9});

        // When no acknowledgement ever comes
        DeserializationHandlerResponse response = handler.handle(
                (org.apache.kafka.streams.errors.ErrorHandlerContext) null, record, new SerializationException("bad"));

        // Then
        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
    }

    @Test
    void shouldFailForATopicWithoutADeadLetterTwin() {
        // Given
        DeadLetterDeserializationHandler handler =
                handler(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("app-route", 0, 1L, null, new byte[] {9});

        // Then
        assertThat(handler.handle(
                        (org.apache.kafka.streams.errors.ErrorHandlerContext) null,
                        record,
                        new SerializationException("bad")))
                .isEqualTo(DeserializationHandlerResponse.FAIL);
    }

    private DeadLetterDeserializationHandler handler(MockProducer<byte[], byte[]> producer) {
        DeadLetterSender sender = new DeadLetterSender(
                producer, serdes, new DeadLetters("app", Clock.systemUTC()), Duration.ofMillis(200));
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(DeadLetterDeserializationHandler.SENDER_CONFIG, sender));
        return handler;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
