package dev.whereabouts.graph.request;

import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes to {@link Topics#DSR_REQUESTS}, {@link Topics#DSR_DECISIONS} and {@link Topics#DSR_OUTCOMES}
 * with idempotent, acks=all producers and waits for the acknowledgement: a 202 means the record is on
 * Kafka. When Kafka does not acknowledge in time the caller gets a 503 and may resend (the request id
 * and a decision's id are the idempotency keys: the topology applies a decision id once).
 */
public final class KafkaRequestPublisher implements RequestPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, DataSubjectRequest> requests;
    private final Producer<String, HolderOutcome> outcomes;
    private final Producer<String, RequestDecision> decisions;

    public KafkaRequestPublisher(
            Producer<String, DataSubjectRequest> requests,
            Producer<String, HolderOutcome> outcomes,
            Producer<String, RequestDecision> decisions) {
        this.requests = requests;
        this.outcomes = outcomes;
        this.decisions = decisions;
    }

    public static KafkaRequestPublisher create(String bootstrapServers, TopicSerdes serdes) {
        return create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serdes);
    }

    /** @param kafkaClient bootstrap servers and any pass-through client properties (TLS, SASL) */
    public static KafkaRequestPublisher create(Map<String, ?> kafkaClient, TopicSerdes serdes) {
        return new KafkaRequestPublisher(
                producer(kafkaClient, serdes, Topics.DSR_REQUESTS),
                producer(kafkaClient, serdes, Topics.DSR_OUTCOMES),
                producer(kafkaClient, serdes, Topics.DSR_DECISIONS));
    }

    private static <V> Producer<String, V> producer(
            Map<String, ?> kafkaClient, TopicSerdes serdes, Topic<String, V> topic) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis() / 2);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "dpo-api-" + topic.name());
        return new KafkaProducer<>(
                properties,
                serdes.keySerde(topic).serializer(),
                serdes.valueSerde(topic).serializer());
    }

    @Override
    public void file(DataSubjectRequest request) {
        send(
                requests,
                new ProducerRecord<>(
                        Topics.DSR_REQUESTS.name(),
                        request.getIdentifiers().get(0).getPseudonym(),
                        request));
    }

    @Override
    public void recordOutcome(HolderOutcome outcome) {
        send(outcomes, new ProducerRecord<>(Topics.DSR_OUTCOMES.name(), outcome.getRequestId(), outcome));
    }

    @Override
    public void decide(RequestDecision decision) {
        send(decisions, new ProducerRecord<>(Topics.DSR_DECISIONS.name(), decision.getRequestId(), decision));
    }

    private static <V> void send(Producer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get(ACK_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw ProblemException.unavailable(
                    "Kafka did not accept the record (" + e.getClass().getSimpleName()
                            + "); nothing was accepted, send it again",
                    Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        requests.close(Duration.ofSeconds(5));
        outcomes.close(Duration.ofSeconds(5));
        decisions.close(Duration.ofSeconds(5));
    }
}
