package dev.whereabouts.streams.it;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** Starts application instances for integration tests: in this JVM, or as a child JVM that can be killed -9. */
final class StreamsInstances {

    private StreamsInstances() {}

    static Map<Setting<?>, Object> settings(String bootstrap, String registry, String applicationId, Path stateDir) {
        return Map.of(
                CommonSettings.KAFKA_BOOTSTRAP_SERVERS,
                bootstrap,
                CommonSettings.REGISTRY_URL,
                registry,
                StreamsSettings.APPLICATION_ID,
                applicationId,
                StreamsSettings.STATE_DIR,
                stateDir.toString(),
                StreamsSettings.COMMIT_INTERVAL_MS,
                "200",
                StreamsSettings.NUM_STREAM_THREADS,
                "1",
                StreamsSettings.RETENTION_SCAN_INTERVAL_MS,
                "1000",
                StreamsSettings.DEADLINE_SCAN_INTERVAL_MS,
                "1000",
                // A killed instance's partitions move after this long.
                StreamsSettings.SESSION_TIMEOUT_MS,
                "6000");
    }

    static StreamsApp inProcess(Map<Setting<?>, Object> settings) {
        return new StreamsApp(new StreamsSettings(settings)).start();
    }

    static void awaitRunning(StreamsApp... apps) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (StreamsApp app : apps) {
            while (app.streams().state() != KafkaStreams.State.RUNNING) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "instance not RUNNING: " + app.streams().state());
                }
                sleep(100);
            }
        }
    }

    /** Runs {@code StreamsApp.main} in a child JVM on this test's classpath. */
    static Process childJvm(Map<Setting<?>, Object> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StreamsApp.class.getName());
        settings.forEach((k, v) -> command.add(StreamsSettings.optionName(k) + "=" + v));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * Waits until no consumer group has members. Streams members do not leave their group on close
     * unless told to, and a killed one cannot; the fixture can only delete empty groups, so a test
     * waits out the session timeout before the next one resets the broker.
     */
    static void awaitGroupsEmpty(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var groups = admin.listConsumerGroups().all().get().stream()
                    .map(org.apache.kafka.clients.admin.ConsumerGroupListing::groupId)
                    .toList();
            boolean empty = admin.describeConsumerGroups(groups).all().get().values().stream()
                    .allMatch(g -> g.members().isEmpty());
            if (empty) {
                return;
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String tail(File file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
