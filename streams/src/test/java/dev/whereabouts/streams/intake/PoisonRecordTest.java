package dev.whereabouts.streams.intake;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoisonRecordTest {

    private final TopologyHarness harness = new TopologyHarness().seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldSendPoisonBytesToTheDeadLetterTopicWithTheOriginalBytesAndReason() {
        // Given
        byte[] key = "some-key".getBytes(StandardCharsets.UTF_8);
        byte[] poison = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

        // When
        harness.raw(key, poison);
        harness.share(
                aSharingEvent().of(email("alice")).to(SeedCatalog.POSTMARK).at(T0));

        // Then the poison is dead-lettered and the partition moves on
        List<TestRecord<byte[], DeadLetter>> letters = harness.deadLetters(Topics.SHARING_EVENTS);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0).value();
        assertThat(letters.get(0).key()).isEqualTo(key);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(poison);
        assertThat(bytes(letter.getOriginalKey())).isEqualTo(key);
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.SHARING_EVENTS.name());
        assertThat(letter.getSourceOffset()).isEqualTo(0L);
        assertThat(letter.getStage()).isEqualTo(FailureStage.DESERIALIZATION);
        assertThat(letter.getReason()).contains("Unknown magic byte");
        assertThat(letter.getApplication()).isEqualTo("whereabouts-streams-test");
        assertThat(harness.lineage()).hasSize(1);
    }

    @Test
    void shouldDeadLetterAnEventForAHolderTheCatalogDoesNotKnow() {
        // When
        harness.share(aSharingEvent().of(email("alice")).to("no-such-holder").at(T0));

        // Then
        assertThat(harness.deadLetters(Topics.SHARING_EVENTS)).singleElement().satisfies(l -> {
            assertThat(l.value().getStage()).isEqualTo(FailureStage.VALIDATION);
            assertThat(l.value().getReason()).contains("holder: 'no-such-holder' is not in the catalog");
        });
        assertThat(harness.lineage()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnEventWithoutIdentifiers() {
        // When
        harness.share(aSharingEvent().to(SeedCatalog.POSTMARK).at(T0).build(), "key-without-identifiers");

        // Then
        assertThat(harness.deadLetters(Topics.SHARING_EVENTS))
                .singleElement()
                .satisfies(l -> assertThat(l.value().getReason()).startsWith("identifiers:"));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
