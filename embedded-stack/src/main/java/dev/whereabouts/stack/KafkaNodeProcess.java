package dev.whereabouts.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** One Kafka node in KRaft mode, broker and controller combined, in a child JVM. */
final class KafkaNodeProcess extends SupervisedNode {

    private final StackConfig config;
    private final Path home;

    KafkaNodeProcess(StackConfig config, StackListener listener) {
        super("kafka", listener, config.startTimeout());
        this.config = config;
        this.home = config.dataDirectory().resolve("kafka");
    }

    @Override
    String mainClass() {
        return "dev.whereabouts.stack.kafka.KafkaNode";
    }

    @Override
    String classpathName() {
        return "kafka-node";
    }

    @Override
    List<String> jvmOptions() {
        return List.of(
                "-Xms128m",
                "-Xmx" + config.kafkaHeapMb() + "m",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=META-INF/whereabouts/kafka-log4j2.properties");
    }

    @Override
    List<String> arguments() {
        try {
            Files.createDirectories(home);
            Path properties = home.resolve("server.properties");
            Files.writeString(properties, serverProperties(), StandardCharsets.UTF_8);
            return List.of(properties.toString(), clusterId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka's directory " + home, e);
        }
    }

    @Override
    Path logFile() {
        return config.dataDirectory().resolve("logs").resolve("kafka.log");
    }

    @Override
    void awaitReady(Instant deadline, ChildJvm child) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                checkAlive(child);
                checkDeadline(deadline, child, "no answer on " + config.bootstrapServers());
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(200);
                }
            }
        }
    }

    /** The cluster id is chosen once and kept, so a restart opens the same log. */
    private String clusterId() throws IOException {
        Path file = home.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    private String serverProperties() {
        String host = config.host();
        Duration cleanerBackoff = Duration.ofSeconds(15);
        return String.join(
                System.lineSeparator(),
                "# Written by the Whereabouts embedded stack at every start; edit StackConfig, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + config.kafkaControllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + config.kafkaPort() + ",CONTROLLER://" + host + ":"
                        + config.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + config.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("log"),
                "num.partitions=" + dev.whereabouts.model.topic.Topics.DEFAULT_PARTITIONS,
                // Topics come only from the catalogue (TopicProvisioner); a typo must fail, not create a topic.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // The cleaner's dedupe buffer defaults to 128 MB of heap; 8 MB is plenty for one node.
                "log.cleaner.dedupe.buffer.size=8388608",
                "log.cleaner.backoff.ms=" + cleanerBackoff.toMillis(),
                "");
    }
}
