package dev.whereabouts.stack;

import dev.whereabouts.model.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how big the embedded stack runs. Built from {@link StackSettings}; tests use
 * {@link #withEphemeralPorts()} so several stacks never collide.
 */
public record StackConfig(
        String host,
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int registryPort,
        int boltPort,
        int kafkaHeapMb,
        int neo4jHeapMb,
        int neo4jPageCacheMb,
        Duration startTimeout) {

    public StackConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** The defaults of every {@link StackSettings} key, ignoring the environment. */
    public static StackConfig defaults() {
        return from(Settings.defaults());
    }

    /** Settings from this process's system properties and environment. */
    public static StackConfig fromEnvironment() {
        return from(Settings.fromProcess());
    }

    static StackConfig from(Map<String, String> environment, Properties systemProperties) {
        return from(Settings.of(environment, systemProperties));
    }

    /** The stack these settings describe. */
    public static StackConfig from(Settings settings) {
        return new StackConfig(
                settings.get(StackSettings.HOST),
                Path.of(settings.get(StackSettings.DATA_DIR)).toAbsolutePath(),
                settings.get(StackSettings.KAFKA_PORT),
                settings.get(StackSettings.KAFKA_CONTROLLER_PORT),
                settings.get(StackSettings.REGISTRY_PORT),
                settings.get(StackSettings.BOLT_PORT),
                settings.get(StackSettings.KAFKA_HEAP_MB),
                settings.get(StackSettings.NEO4J_HEAP_MB),
                settings.get(StackSettings.NEO4J_PAGECACHE_MB),
                Duration.ofSeconds(settings.get(StackSettings.START_TIMEOUT_SECONDS)));
    }

    public StackConfig withDataDirectory(Path directory) {
        return new StackConfig(
                host,
                directory.toAbsolutePath(),
                kafkaPort,
                kafkaControllerPort,
                registryPort,
                boltPort,
                kafkaHeapMb,
                neo4jHeapMb,
                neo4jPageCacheMb,
                startTimeout);
    }

    /** The same config with every port replaced by one that is free right now. */
    public StackConfig withEphemeralPorts() {
        return new StackConfig(
                host,
                dataDirectory,
                freePort(host),
                freePort(host),
                freePort(host),
                freePort(host),
                kafkaHeapMb,
                neo4jHeapMb,
                neo4jPageCacheMb,
                startTimeout);
    }

    /** Kafka's bootstrap servers string. */
    public String bootstrapServers() {
        return host + ":" + kafkaPort;
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
