package dev.whereabouts.graph.writer;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Dead letters on a Kafka topic (normally {@code Topics.GRAPH_WRITER_DEAD_LETTERS}), keyed by the
 * original record's key bytes, acknowledged by all in-sync replicas before {@link #send} returns.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Topic<byte[], DeadLetter> topic;
    private final Producer<byte[], DeadLetter> producer;

    public KafkaDeadLetterSink(Topic<byte[], DeadLetter> topic, Producer<byte[], DeadLetter> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** A sink with its own idempotent, acks=all producer. */
    public static KafkaDeadLetterSink create(
            Topic<byte[], DeadLetter> topic, String bootstrapServers, TopicSerdes serdes) {
        return create(topic, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serdes);
    }

    /** As above, with {@code kafkaClient} holding the bootstrap servers and any pass-through client properties. */
    public static KafkaDeadLetterSink create(
            Topic<byte[], DeadLetter> topic, Map<String, ?> kafkaClient, TopicSerdes serdes) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "graph-writer-dead-letters");
        return new KafkaDeadLetterSink(
                topic,
                new KafkaProducer<>(
                        properties,
                        serdes.keySerde(topic).serializer(),
                        serdes.valueSerde(topic).serializer()));
    }

    @Override
    public void send(List<DeadLetter> deadLetters) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (DeadLetter deadLetter : deadLetters) {
            byte[] key = deadLetter.getOriginalKey() == null ? null : bytes(deadLetter.getOriginalKey());
            acks.add(producer.send(new ProducerRecord<>(topic.name(), key, deadLetter)));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not store dead letters on " + topic.name() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "dead letters not acknowledged by " + topic.name() + " within " + ACK_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing dead letters", e);
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
