package dev.whereabouts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.sharing.SharingEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** The embedded stack itself: restart keeps data, failures are reported, misconfiguration is explained. */
class EmbeddedStackIT {

    @TempDir
    Path dataDirectory;

    private StackConfig config() {
        return StackConfig.fromEnvironment().withDataDirectory(dataDirectory).withEphemeralPorts();
    }

    @Test
    void shouldKeepEventsSchemasAndGraphAcrossARestart() throws Exception {
        StackConfig config = config();
        SharingEvent event = SharingEvents.aPostmarkMail();
        int schemaId;
        try (EmbeddedStack stack = EmbeddedStack.start(config);
                Driver driver = GraphDatabase.driver(stack.boltUri(), AuthTokens.none())) {
            StackClients.produce(stack.bootstrapServers(), stack.registryUrl(), "subject-1", event);
            driver.executableQuery("CREATE (:Holder {id: 'postmark'})").execute();
            try (SchemaRegistryClient registry = StackClients.registry(stack.registryUrl())) {
                schemaId = registry.latest(dev.whereabouts.model.topic.Topics.SHARING_EVENTS.name() + "-value")
                        .id();
            }
        }

        try (EmbeddedStack stack = EmbeddedStack.start(config);
                Driver driver = GraphDatabase.driver(stack.boltUri(), AuthTokens.none())) {
            List<ConsumerRecord<String, SharingEvent>> records =
                    StackClients.consumeAll(stack.bootstrapServers(), stack.registryUrl(), 1);
            long holders = driver.executableQuery("MATCH (h:Holder {id: 'postmark'}) RETURN count(h) AS c")
                    .execute()
                    .records()
                    .get(0)
                    .get("c")
                    .asLong();

            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("subject-1");
                assertThat(r.value()).isEqualTo(event);
            });
            assertThat(holders).isEqualTo(1);
            try (SchemaRegistryClient registry = StackClients.registry(stack.registryUrl())) {
                assertThat(registry.register(
                                dev.whereabouts.model.topic.Topics.SHARING_EVENTS.name() + "-value",
                                SharingEvent.getClassSchema()))
                        .isEqualTo(schemaId);
            }
        }
    }

    @Test
    void shouldReportAndRestartAKilledKafkaNode() throws Exception {
        List<String> deaths = new CopyOnWriteArrayList<>();
        CountDownLatch restarted = new CountDownLatch(1);
        StackListener listener = new StackListener() {
            @Override
            public void componentDied(String component, int exitCode, String logTail, boolean willRestart) {
                deaths.add(component + ":" + willRestart);
            }

            @Override
            public void componentRestarted(String component) {
                restarted.countDown();
            }
        };
        try (EmbeddedStack stack = EmbeddedStack.start(config(), listener)) {
            ProcessHandle.of(stack.childPids().get("kafka")).orElseThrow().destroyForcibly();

            assertThat(restarted.await(90, TimeUnit.SECONDS))
                    .as("kafka restarted")
                    .isTrue();
            assertThat(deaths).containsExactly("kafka:true");
            assertThat(StackClients.produce(
                                    stack.bootstrapServers(), stack.registryUrl(), "k", SharingEvents.aPostmarkMail())
                            .offset())
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldNameThePortAndSettingWhenAPortIsTaken() throws Exception {
        StackConfig config = config();
        try (ServerSocket taken = new ServerSocket(config.kafkaPort(), 1, InetAddress.getByName(config.host()))) {
            assertThatThrownBy(() -> EmbeddedStack.start(config))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(Integer.toString(config.kafkaPort()))
                    .hasMessageContaining("WHEREABOUTS_KAFKA_PORT");
        }
    }

    @Test
    void shouldRefuseASecondStackOnTheSameDataDirectory() {
        StackConfig config = config();
        try (EmbeddedStack first = EmbeddedStack.start(config)) {
            assertThatThrownBy(() -> EmbeddedStack.start(config.withEphemeralPorts()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("in use by another running stack");
            assertThat(first.isHealthy()).isTrue();
        }
    }

    @Test
    void shouldRejectAnInvalidSettingWithItsName() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("whereabouts.kafka.port", "ninety");

        assertThatThrownBy(() -> StackConfig.from(Map.of(), properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whereabouts.kafka.port")
                .hasMessageContaining("ninety");
        assertThat(StackConfig.from(Map.of("WHEREABOUTS_BOLT_PORT", "17687"), new java.util.Properties())
                        .boltPort())
                .isEqualTo(17687);
        assertThat(Duration.ofSeconds(120)).isEqualTo(StackConfig.defaults().startTimeout());
    }
}
