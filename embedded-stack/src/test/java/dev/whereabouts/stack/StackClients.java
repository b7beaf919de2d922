package dev.whereabouts.stack;

import dev.whereabouts.model.serde.AvroSerdes;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helper: produce and consume sharing events through the real serde, registry and broker. */
final class StackClients {

    private StackClients() {}

    static SchemaRegistryClient registry(URI url) {
        return new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(SerdeConfig.fromMap(Map.of("schema.registry.url", url.toString()))));
    }

    static RecordMetadata produce(String bootstrap, URI registryUrl, String key, SharingEvent event) throws Exception {
        SerdeConfig config = SerdeConfig.fromMap(Map.of("schema.registry.url", registryUrl.toString()));
        try (SchemaRegistryClient client = registry(registryUrl);
                Serde<SharingEvent> serde = AvroSerdes.specific(SharingEvent.class, client, config, false);
                KafkaProducer<String, SharingEvent> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true),
                        new StringSerializer(),
                        serde.serializer())) {
            return producer.send(new ProducerRecord<>(Topics.SHARING_EVENTS.name(), key, event))
                    .get();
        }
    }

    static List<ConsumerRecord<String, SharingEvent>> consumeAll(String bootstrap, URI registryUrl, int expected) {
        SerdeConfig config = SerdeConfig.fromMap(Map.of("schema.registry.url", registryUrl.toString()));
        List<ConsumerRecord<String, SharingEvent>> records = new ArrayList<>();
        try (SchemaRegistryClient client = registry(registryUrl);
                Serde<SharingEvent> serde = AvroSerdes.specific(SharingEvent.class, client, config, false);
                KafkaConsumer<String, SharingEvent> consumer = new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        serde.deserializer())) {
            consumer.subscribe(List.of(Topics.SHARING_EVENTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
