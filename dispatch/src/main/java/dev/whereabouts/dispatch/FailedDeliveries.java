package dev.whereabouts.dispatch;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Records a task the dispatcher gives up on, so nothing is dropped silently: a {@link DeadLetter}
 * with the task's original bytes and the reason on {@link Topics#DSR_DELIVERY_DEAD_LETTERS}, and,
 * unless the task is an EXPIRES notice (which FAILED does not fit), a FAILED {@link HolderOutcome}
 * on {@link Topics#DSR_OUTCOMES} so the request shows that the holder could not be reached. Both are
 * acknowledged by every in-sync replica before {@link #giveUp} returns; only then may the task's
 * offset be committed.
 */
public final class FailedDeliveries implements AutoCloseable {

    /** Who reports the FAILED outcome. */
    public static final String REPORTED_BY = "dispatcher";

    /** The dead letters' {@code application}. */
    public static final String APPLICATION = "whereabouts-dispatcher";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> deadLetterSerializer;
    private final Serializer<HolderOutcome> outcomeSerializer;
    private final DeadLetters deadLetters;
    private final Clock clock;

    FailedDeliveries(Producer<byte[], byte[]> producer, TopicSerdes serdes, Clock clock) {
        this.producer = producer;
        this.deadLetterSerializer =
                serdes.valueSerde(Topics.DSR_DELIVERY_DEAD_LETTERS).serializer();
        this.outcomeSerializer = serdes.valueSerde(Topics.DSR_OUTCOMES).serializer();
        this.deadLetters = new DeadLetters(APPLICATION, clock);
        this.clock = clock;
    }

    /** With its own idempotent, acks=all producer. */
    public static FailedDeliveries create(Map<String, Object> kafkaClient, TopicSerdes serdes, Clock clock) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, APPLICATION + "-failures");
        return new FailedDeliveries(
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer()), serdes, clock);
    }

    /**
     * Gives up on a task that could not be delivered.
     *
     * @param record the task as read, for its original bytes
     * @param task   the decoded task
     * @param tries  how many tries were made (0 when it was given up before the first)
     * @param failure the last failure
     * @throws IllegalStateException when Kafka did not acknowledge both records
     */
    public void giveUp(
            ConsumerRecord<byte[], byte[]> record, HolderTask task, int tries, DeliveryResult.Failed failure) {
        String reason = "delivery failed after " + tries + (tries == 1 ? " try: " : " tries: ") + failure.reason();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        acks.add(sendDeadLetter(record, FailureStage.SINK, failure.code(), reason));
        if (task.getType() != TaskType.EXPIRES) {
            HolderOutcome outcome = HolderOutcome.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setRequestId(task.getRequestId())
                    .setHolder(task.getHolder())
                    .setOutcome(OutcomeType.FAILED)
                    .setEvidence(reason)
                    .setReportedAt(clock.instant())
                    .setReportedBy(REPORTED_BY)
                    .build();
            String topic = Topics.DSR_OUTCOMES.name();
            acks.add(producer.send(new ProducerRecord<>(
                    topic,
                    task.getRequestId().getBytes(StandardCharsets.UTF_8),
                    outcomeSerializer.serialize(topic, outcome))));
        }
        await(acks);
    }

    /** A record on the task topic that is no readable task at all. */
    public void unreadable(ConsumerRecord<byte[], byte[]> record, Exception error) {
        await(List.of(sendDeadLetter(
                record, FailureStage.DESERIALIZATION, error.getClass().getName(), DeadLetters.describe(error))));
    }

    private Future<RecordMetadata> sendDeadLetter(
            ConsumerRecord<byte[], byte[]> record, FailureStage stage, String code, String reason) {
        DeadLetter deadLetter = deadLetters.of(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                record.headers(),
                stage,
                code,
                reason);
        String topic = Topics.DSR_DELIVERY_DEAD_LETTERS.name();
        return producer.send(
                new ProducerRecord<>(topic, record.key(), deadLetterSerializer.serialize(topic, deadLetter)));
    }

    private static void await(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a failed delivery's records: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a failed delivery's records were not acknowledged within " + ACK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a failed delivery", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
