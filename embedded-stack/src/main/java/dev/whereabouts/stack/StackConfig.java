package dev.whereabouts.stack;

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
 * Where and how big the embedded stack runs. Built from {@link StackSetting}s; tests use
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

    /** The defaults of every {@link StackSetting}, ignoring the environment. */
    public static StackConfig defaults() {
        return from(Map.of(), new Properties());
    }

    /** Settings from this process's system properties and environment. */
    public static StackConfig fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static StackConfig from(Map<String, String> environment, Properties systemProperties) {
        return new StackConfig(
                StackSetting.HOST.resolve(environment, systemProperties),
                Path.of(StackSetting.DATA_DIR.resolve(environment, systemProperties))
                        .toAbsolutePath(),
                intOf(StackSetting.KAFKA_PORT, environment, systemProperties),
                intOf(StackSetting.KAFKA_CONTROLLER_PORT, environment, systemProperties),
                intOf(StackSetting.REGISTRY_PORT, environment, systemProperties),
                intOf(StackSetting.BOLT_PORT, environment, systemProperties),
                intOf(StackSetting.KAFKA_HEAP_MB, environment, systemProperties),
                intOf(StackSetting.NEO4J_HEAP_MB, environment, systemProperties),
                intOf(StackSetting.NEO4J_PAGECACHE_MB, environment, systemProperties),
                Duration.ofSeconds(intOf(StackSetting.START_TIMEOUT_SECONDS, environment, systemProperties)));
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

    private static int intOf(StackSetting setting, Map<String, String> environment, Properties systemProperties) {
        return Integer.parseInt(setting.resolve(environment, systemProperties));
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
