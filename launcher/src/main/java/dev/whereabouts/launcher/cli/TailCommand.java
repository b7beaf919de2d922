package dev.whereabouts.launcher.cli;

import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tail}: print the records of a topic, decoded through the schema registry. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Print records of a Whereabouts topic decoded through the schema registry (from the beginning).",
            "Shows what really is on Kafka: pseudonyms only, never a raw identifier."
        })
final class TailCommand extends ConnectedCommand {

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to read; the sharing events when omitted.")
    String topicName;

    @Option(
            names = "--max",
            defaultValue = "20",
            description = "Print at most this many records, the latest ones (default ${DEFAULT-VALUE}).")
    int max;

    @Option(
            names = "--wait",
            defaultValue = "3",
            description = "Seconds to wait for records before stopping (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Topic<?, ?> topic = topicName == null
                ? Topics.SHARING_EVENTS
                : Topics.byName(topicName)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown topic '" + topicName + "'; known: " + Topics.all()));
        try (SchemaRegistryClient registry = connection.registry();
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                        withoutAutoCommit(connection.kafkaProperties()),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            TopicSerdes serdes = connection.serdes(registry);
            Deserializer<?> keys = serdes.keySerde(topic).deserializer();
            Deserializer<?> values = serdes.valueSerde(topic).deserializer();
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // The latest records: start each partition max records before its end.
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(0, end.get(partition) - max));
            }
            int printed = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            while (printed < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Object key = record.key() == null ? null : keys.deserialize(topic.name(), record.key());
                    Object value =
                            record.value() == null ? "(tombstone)" : values.deserialize(topic.name(), record.value());
                    out.printf("%d@%d key=%s%n  %s%n", record.partition(), record.offset(), key, value);
                    if (++printed >= max) {
                        break;
                    }
                }
            }
            out.println(printed + " records from " + topic.name());
        }
        return 0;
    }

    private static Map<String, Object> withoutAutoCommit(Map<String, Object> properties) {
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }
}
