package dev.whereabouts.model.deadletter;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter} records: the original bytes exactly as received, where they came from,
 * which layer gave up and why. Every component that cannot process a record builds its dead letter
 * here, so all of them read the same way in {@code dead-letters list}.
 */
public final class DeadLetters {

    /** Reasons are for people; a runaway exception message must not bloat the topic. */
    static final int MAX_REASON_LENGTH = 4_000;

    private final String application;
    private final Clock clock;

    /**
     * @param application who gives up on records: a Streams application id or a service name
     * @param clock       the time source for {@code failedAt}
     */
    public DeadLetters(String application, Clock clock) {
        this.application = Objects.requireNonNull(application, "application");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A record read from Kafka that could not be handled. */
    public DeadLetter of(ConsumerRecord<byte[], byte[]> record, FailureStage stage, Throwable error) {
        return of(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                record.headers(),
                stage,
                error.getClass().getName(),
                describe(error));
    }

    /** A record read from Kafka, given as its parts (e.g. from a Streams handler), that could not be handled. */
    public DeadLetter of(
            String topic,
            Integer partition,
            Long offset,
            byte[] key,
            byte[] value,
            Headers headers,
            FailureStage stage,
            String errorClass,
            String reason) {
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setOriginalHeaders(headersOf(headers))
                .setStage(stage)
                .setErrorClass(errorClass)
                .setReason(truncate(reason))
                .setApplication(application)
                .setFailedAt(clock.instant())
                .build();
    }

    /** The exception's own message, and its cause's, for the reason field. */
    public static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder(String.valueOf(error.getMessage()));
        Throwable cause = error.getCause();
        while (cause != null && cause != cause.getCause()) {
            reason.append(" (caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage())
                    .append(')');
            cause = cause.getCause();
        }
        return reason.toString();
    }

    private static Map<String, ByteBuffer> headersOf(Headers headers) {
        Map<String, ByteBuffer> copy = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                // A header may repeat; the dead letter keeps the last value, which is what readers see first.
                copy.put(
                        header.key(),
                        header.value() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(header.value()));
            }
        }
        return copy;
    }

    private static String truncate(String reason) {
        String text = reason == null ? "(no reason given)" : reason;
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH) + " ...";
    }
}
