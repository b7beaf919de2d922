package dev.whereabouts.streams.errors;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The small producer the error handlers own, for dead letters that cannot travel inside the
 * topology's transaction (a handler runs outside it). Sends are synchronous and bounded, so a
 * handler only reports CONTINUE once the dead letter is on Kafka; at-least-once, which is what a
 * dead-letter topic needs.
 */
public final class DeadLetterSender implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final TopicSerdes serdes;
    private final DeadLetters deadLetters;
    private final Duration timeout;

    public DeadLetterSender(
            Producer<byte[], byte[]> producer, TopicSerdes serdes, DeadLetters deadLetters, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Sends and waits for the acknowledgement; throws when it does not come. */
    public void send(Topic<byte[], DeadLetter> topic, byte[] key, DeadLetter letter) {
        byte[] value = serdes.valueSerde(topic).serializer().serialize(topic.name(), letter);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not send dead letter to " + topic.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending a dead letter to " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
