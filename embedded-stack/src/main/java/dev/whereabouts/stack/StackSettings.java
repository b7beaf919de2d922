package dev.whereabouts.stack;

import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.registry.RegistrySettings;
import java.util.List;

/** The embedded stack's keys: where it binds, where it keeps its data, and how big it runs. */
public final class StackSettings {

    public static final Setting<String> HOST = Setting.text(
            "host", "127.0.0.1", "Interface every embedded server binds to; loopback keeps the demo private.");
    public static final Setting<String> DATA_DIR = Setting.text(
            "data.dir",
            "data",
            "Directory holding Kafka's log, the registry's schemas and Neo4j's store; reused on the next start.");
    public static final Setting<Integer> KAFKA_PORT = Setting.port("kafka.port", 9092, "Kafka client listener port.");
    public static final Setting<Integer> KAFKA_CONTROLLER_PORT =
            Setting.port("kafka.controller.port", 9093, "Kafka KRaft controller listener port.");
    /** The registry's own key: the embedded registry is the same server. */
    public static final Setting<Integer> REGISTRY_PORT = RegistrySettings.PORT;

    public static final Setting<Integer> BOLT_PORT = Setting.port("bolt.port", 7687, "Neo4j Bolt port.");
    public static final Setting<Integer> KAFKA_HEAP_MB = Setting.integer(
            "kafka.heap.mb", 512, 128, Integer.MAX_VALUE, "Maximum heap of the Kafka node JVM, in MiB.");
    public static final Setting<Integer> NEO4J_HEAP_MB = Setting.integer(
            "neo4j.heap.mb", 768, 256, Integer.MAX_VALUE, "Maximum heap of the Neo4j node JVM, in MiB.");
    public static final Setting<Integer> NEO4J_PAGECACHE_MB =
            Setting.integer("neo4j.pagecache.mb", 512, 16, Integer.MAX_VALUE, "Neo4j page cache size, in MiB.");
    public static final Setting<Integer> START_TIMEOUT_SECONDS = Setting.integer(
            "start.timeout.seconds",
            120,
            5,
            Integer.MAX_VALUE,
            "How long to wait for every component to become ready, in seconds.");

    public static final SettingGroup GROUP = new SettingGroup(
            "Embedded stack",
            "Read by the embedded stack (`./whereabouts` and every integration test): Kafka, the schema registry"
                    + " and Neo4j on this machine.",
            List.of(
                    HOST,
                    DATA_DIR,
                    KAFKA_PORT,
                    KAFKA_CONTROLLER_PORT,
                    REGISTRY_PORT,
                    BOLT_PORT,
                    KAFKA_HEAP_MB,
                    NEO4J_HEAP_MB,
                    NEO4J_PAGECACHE_MB,
                    START_TIMEOUT_SECONDS));

    private StackSettings() {}
}
