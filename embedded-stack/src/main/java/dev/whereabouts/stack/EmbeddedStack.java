package dev.whereabouts.stack;

import dev.whereabouts.model.topic.TopicProvisioner;
import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.RegistryConfig;
import dev.whereabouts.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded single-node stack: a real Apache Kafka broker in KRaft mode and Neo4j Community with
 * Bolt, each in a child JVM on its own classpath, and the Confluent-compatible schema registry in
 * this JVM. Everything lives under one data directory and is reused by the next start. Every topic of
 * the catalogue exists once {@link #start} returns.
 *
 * <p>Why child JVMs: {@code docs/adr/0001-embedded-stack-placement.md}.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final StackConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final KafkaNodeProcess kafka;
    private final Neo4jNodeProcess neo4j;
    private volatile SchemaRegistryServer registry;
    private final Duration startupTime;

    private EmbeddedStack(StackConfig config, StackListener listener) {
        long started = System.nanoTime();
        this.config = config;
        try {
            Files.createDirectories(config.dataDirectory());
            lockChannel = FileChannel.open(
                    config.dataDirectory().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel);
        } catch (IOException e) {
            throw new StackException("cannot use data directory " + config.dataDirectory() + ": " + e.getMessage(), e);
        }
        kafka = new KafkaNodeProcess(config, listener);
        neo4j = new Neo4jNodeProcess(config, listener);
        try {
            checkPortsFree();
            kafka.start();
            neo4j.start();
            registry = SchemaRegistryServer.start(new RegistryConfig(
                    config.host(),
                    config.registryPort(),
                    config.dataDirectory().resolve("registry"),
                    CompatibilityLevel.BACKWARD));
            awaitAll(List.of(kafka, neo4j));
            provisionTopics();
        } catch (RuntimeException | IOException e) {
            close();
            if (e instanceof StackException stackException) {
                throw stackException;
            }
            throw new StackException("embedded stack failed to start: " + e.getMessage(), e);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info(
                "embedded stack ready in {} ms: kafka {}, registry {}, neo4j {}",
                startupTime.toMillis(),
                bootstrapServers(),
                registryUrl(),
                boltUri());
    }

    /** Starts every component and waits until each answers its own protocol. */
    public static EmbeddedStack start(StackConfig config, StackListener listener) {
        return new EmbeddedStack(config, listener);
    }

    public static EmbeddedStack start(StackConfig config) {
        return start(config, StackListener.logging());
    }

    public StackConfig config() {
        return config;
    }

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** Base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}. */
    public URI registryUrl() {
        return registry.url();
    }

    /** Bolt URI of Neo4j, e.g. {@code bolt://127.0.0.1:7687}; no authentication on the embedded node. */
    public URI boltUri() {
        return neo4j.boltUri();
    }

    /** How long {@link #start} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Endpoints by component, for the start-up summary. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("Kafka (KRaft)", bootstrapServers());
        endpoints.put("Schema registry", registryUrl().toString());
        endpoints.put("Neo4j (Bolt)", boltUri().toString());
        endpoints.put("Data directory", config.dataDirectory().toString());
        endpoints.put("Logs", config.dataDirectory().resolve("logs").toString());
        return endpoints;
    }

    /** Process ids of the child JVMs by component, for memory measurements and failure tests. */
    public Map<String, Long> childPids() {
        return Map.of(kafka.name(), kafka.pid(), neo4j.name(), neo4j.pid());
    }

    /** True when every child JVM is running and the registry is serving. */
    public boolean isHealthy() {
        return kafka.isAlive() && neo4j.isAlive() && registry != null;
    }

    /** Stops the registry and both child JVMs (SIGTERM, in parallel), then releases the data directory. */
    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        CompletableFuture<Void> stopKafka = CompletableFuture.runAsync(kafka::stop);
        CompletableFuture<Void> stopNeo4j = CompletableFuture.runAsync(neo4j::stop);
        CompletableFuture.allOf(stopKafka, stopNeo4j).join();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("could not release the lock on {}: {}", config.dataDirectory(), e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM: same answer as another process holding it
        }
        channel.close();
        throw new StackException("the data directory is in use by another running stack; stop it or choose another "
                + StackSettings.DATA_DIR.environmentVariable());
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(StackSettings.KAFKA_PORT.environmentVariable(), config.kafkaPort());
        ports.put(StackSettings.KAFKA_CONTROLLER_PORT.environmentVariable(), config.kafkaControllerPort());
        ports.put(StackSettings.REGISTRY_PORT.environmentVariable(), config.registryPort());
        ports.put(StackSettings.BOLT_PORT.environmentVariable(), config.boltPort());
        ports.forEach((setting, port) -> {
            if (port == 0) {
                return;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(config.host()))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new StackException("port " + config.host() + ":" + port + " is already in use; free it or set "
                        + setting + " to another port");
            }
        });
    }

    private static void awaitAll(List<SupervisedNode> nodes) {
        try {
            CompletableFuture.allOf(nodes.stream()
                            .map(node -> CompletableFuture.runAsync(node::awaitReady))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, config.startTimeout().toMillis()).ensureAll();
        } catch (RuntimeException e) {
            throw new StackException("could not create the catalogue's topics: " + e.getMessage(), e);
        }
    }
}
