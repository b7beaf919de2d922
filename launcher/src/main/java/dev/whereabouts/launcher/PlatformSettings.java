package dev.whereabouts.launcher;

import dev.whereabouts.dispatch.DispatchSettings;
import dev.whereabouts.graph.api.ApiSettings;
import dev.whereabouts.ingest.http.IngestSettings;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.registry.RegistrySettings;
import dev.whereabouts.stack.StackSettings;
import dev.whereabouts.streams.app.StreamsSettings;
import java.util.List;

/**
 * The launcher's own keys (demo size, external services), and the list of every group of keys the
 * platform reads: the options of {@code ./whereabouts} and the tables of {@code docs/settings.md}
 * both come from {@link #ALL}.
 */
public final class PlatformSettings {

    public static final Setting<Integer> DEMO_PEOPLE = Setting.integer(
            "demo.people",
            1000,
            0,
            Integer.MAX_VALUE,
            "Synthetic people loaded on the first start (0 or --no-demo for none).");
    public static final Setting<Integer> DEMO_HOLDER_PORT = Setting.port(
            "demo.holder.port",
            8095,
            "Port of the demo webhook holder on 127.0.0.1 (POST /holders/{holder}/tasks), which answers the tasks"
                    + " of catalog holders whose webhook points at it; runs with the embedded demo only.");
    public static final Setting<String> EXTERNAL_KAFKA = Setting.text(
            "external.kafka",
            "",
            "Bootstrap servers of an external Kafka cluster to run the services against (with the other two).",
            "host:port[,host:port...]; empty for the embedded stack",
            v -> v.isEmpty() || v.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*"));
    public static final Setting<String> EXTERNAL_REGISTRY = Setting.text(
            "external.registry",
            "",
            "URL of an external Confluent-compatible schema registry.",
            "an http(s) URL; empty for the embedded stack",
            v -> v.isEmpty() || v.startsWith("http://") || v.startsWith("https://"));
    public static final Setting<String> EXTERNAL_NEO4J = Setting.text(
            "external.neo4j",
            "",
            "Bolt URI of an external Neo4j.",
            "a bolt:// or neo4j:// URI; empty for the embedded stack",
            v -> v.isEmpty() || v.matches("(bolt|neo4j)(\\+s|\\+ssc)?://.+"));
    public static final Setting<Integer> EXTERNAL_REPLICATION_FACTOR = Setting.integer(
            "external.replication.factor",
            3,
            1,
            Short.MAX_VALUE,
            "Replicas per partition for topics created on the external cluster.");

    public static final SettingGroup GROUP = new SettingGroup(
            "Platform",
            "Read by `./whereabouts`: the demo (its people and its webhook holder), and external services to run against instead of the embedded"
                    + " stack (all three of kafka, registry and neo4j, or none).",
            List.of(
                    DEMO_PEOPLE,
                    DEMO_HOLDER_PORT,
                    EXTERNAL_KAFKA,
                    EXTERNAL_REGISTRY,
                    EXTERNAL_NEO4J,
                    EXTERNAL_REPLICATION_FACTOR));

    /** Every key {@code ./whereabouts} reads: its options, in the order of {@code --help}. */
    public static final List<SettingGroup> LAUNCHER = List.of(
            GROUP,
            StackSettings.GROUP,
            IngestSettings.GROUP,
            ApiSettings.GROUP,
            StreamsSettings.GROUP,
            DispatchSettings.GROUP,
            DeliverySettings.GROUP,
            CommonSettings.GROUP);

    /** Every key of every service and command: the tables of {@code docs/settings.md}. */
    public static final List<SettingGroup> ALL = List.of(
            GROUP,
            StackSettings.GROUP,
            IngestSettings.GROUP,
            ApiSettings.GROUP,
            StreamsSettings.GROUP,
            DispatchSettings.GROUP,
            DeliverySettings.GROUP,
            CommonSettings.GROUP,
            RegistrySettings.GROUP);

    private PlatformSettings() {}
}
