package dev.whereabouts.stack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Record;

@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackFixtureIT {

    @Test
    @Order(1)
    void shouldProvideEveryCatalogueTopicAndAGraph(StackFixture stack) throws Exception {
        Set<String> topics = stack.admin().listTopics().names().get(30, TimeUnit.SECONDS);

        assertThat(topics).containsAll(Topics.all().stream().map(Topic::name).toList());
        Record answer = stack.driver()
                .executableQuery("RETURN 1 + 1 AS two")
                .execute()
                .records()
                .get(0);
        assertThat(answer.get("two").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void shouldProvisionTopicsIdempotently(StackFixture stack) throws Exception {
        var provisioner = new dev.whereabouts.model.topic.TopicProvisioner(stack.admin(), (short) 1, 30_000);

        assertThat(provisioner.ensureAll())
                .as("second provisioning creates nothing")
                .isEmpty();
        var described = stack.admin()
                .describeTopics(java.util.List.of(Topics.LINEAGE.name()))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(Topics.LINEAGE.name());
        var configs = stack.admin()
                .describeConfigs(java.util.List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.LINEAGE.name())))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next();
        assertThat(described.partitions()).hasSize(Topics.LINEAGE.partitions());
        assertThat(configs.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    @Order(3)
    void shouldRoundTripCypherOverBolt(StackFixture stack) throws Exception {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                Map.of("bootstrap.servers", stack.bootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            Topics.SHARING_EVENTS.name(), 0, new byte[] {1}, new byte[] {2}))
                    .get();
        }
        stack.driver()
                .executableQuery("CREATE (:Subject {id: $id})")
                .withParameters(Map.of("id", "s-1"))
                .execute();

        var records = stack.driver()
                .executableQuery("MATCH (s:Subject {id: $id}) RETURN s.id AS id")
                .withParameters(Map.of("id", "s-1"))
                .execute()
                .records();

        assertThat(records)
                .singleElement()
                .satisfies(r -> assertThat(r.get("id").asString()).isEqualTo("s-1"));
    }

    @Test
    @Order(4)
    void shouldStartTheNextTestWithAnEmptyGraphAndEmptyTopics(StackFixture stack) throws Exception {
        long nodes = stack.driver()
                .executableQuery("MATCH (n) RETURN count(n) AS c")
                .execute()
                .records()
                .get(0)
                .get("c")
                .asLong();
        var offsets = stack.admin()
                .listOffsets(Map.of(
                        new org.apache.kafka.common.TopicPartition(Topics.SHARING_EVENTS.name(), 0),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .all()
                .get(30, TimeUnit.SECONDS);

        assertThat(nodes).isZero();
        assertThat(offsets.values()).allSatisfy(o -> assertThat(o.offset()).isZero());
    }
}
