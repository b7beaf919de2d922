package dev.whereabouts.model.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.serde.WireFormat;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class TopicSerdesTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final TopicSerdes serdes = new TopicSerdes(registry, SerdeConfig.defaults());

    @Test
    void shouldWriteAvroKeysInTheWireFormatUnderTheTopicKeySubject() {
        LineageKey key = new LineageKey("s-1", "user.contact.email", "postmark");
        Serde<LineageKey> serde = serdes.keySerde(Topics.LINEAGE);

        byte[] bytes = serde.serializer().serialize(Topics.LINEAGE.name(), key);

        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(registry.subjects()).containsExactly(Topics.LINEAGE.name() + "-key");
        assertThat(serde.deserializer().deserialize(Topics.LINEAGE.name(), bytes))
                .isEqualTo(key);
    }

    @Test
    void shouldUsePlainStringAndByteSerdesForPlainTypes() {
        byte[] key = serdes.keySerde(Topics.SHARING_EVENTS).serializer().serialize(Topics.SHARING_EVENTS.name(), "abc");
        Topic<byte[], ?> deadLetters = Topics.SHARING_EVENTS.deadLetters().orElseThrow();

        assertThat(key).containsExactly('a', 'b', 'c');
        assertThat(serdes.keySerde(deadLetters).serializer().serialize(deadLetters.name(), new byte[] {7}))
                .containsExactly(7);
        assertThat(registry.subjects()).isEmpty();
    }
}
