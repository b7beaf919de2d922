package dev.whereabouts.model.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final DeadLetters deadLetters =
            new DeadLetters("whereabouts-streams", Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldKeepTheOriginalBytesSourceAndReason() {
        byte[] poison = {0, 0, 0, 0, 99, (byte) 0xff};
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "whereabouts.sharing-events.v1",
                3,
                42L,
                0L,
                TimestampType.CREATE_TIME,
                1,
                poison.length,
                "k".getBytes(StandardCharsets.UTF_8),
                poison,
                headers,
                java.util.Optional.empty());

        DeadLetter letter = deadLetters.of(
                record,
                FailureStage.DESERIALIZATION,
                new IllegalStateException("unknown schema id 99", new RuntimeException("40403")));

        assertThat(letter.getSourceTopic()).isEqualTo("whereabouts.sharing-events.v1");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(42L);
        assertThat(letter.getOriginalValue().array()).containsExactly(poison);
        assertThat(letter.getOriginalKey().array()).containsExactly('k');
        assertThat(letter.getOriginalHeaders()).containsKey("trace");
        assertThat(letter.getReason()).isEqualTo("unknown schema id 99 (caused by RuntimeException: 40403)");
        assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getFailedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(letter.getApplication()).isEqualTo("whereabouts-streams");
    }

    @Test
    void shouldKeepANullValueAsNullAndBoundTheReason() {
        DeadLetter letter = deadLetters.of(
                "t", null, null, null, null, null, FailureStage.VALIDATION, "unknown-holder", "x".repeat(10_000));

        assertThat(letter.getOriginalValue()).isNull();
        assertThat(letter.getReason()).hasSizeLessThan(DeadLetters.MAX_REASON_LENGTH + 10);
    }
}
