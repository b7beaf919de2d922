package dev.whereabouts.graph.api;

import dev.whereabouts.graph.writer.GraphWriterSettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import java.util.List;

/**
 * The graph writer and DPO API service's keys. Kafka, the registry, tokens and the demo switch are
 * the shared keys of {@link dev.whereabouts.model.config.CommonSettings}.
 */
public final class ApiSettings {

    public static final Setting<String> HOST = Setting.text(
            "api.host", "127.0.0.1", "Interface the DPO API binds to; 0.0.0.0 behind a TLS proxy in production.");
    public static final Setting<Integer> PORT = Setting.port("api.port", 8080, "HTTP port of the DPO API.");
    public static final Setting<Integer> HTTP_THREADS =
            Setting.integer("api.http.threads", 16, 1, 512, "Request threads of the DPO API's HTTP server.");
    public static final Setting<String> BOLT_URI = Setting.text(
            "api.bolt.uri",
            "bolt://127.0.0.1:7687",
            "Neo4j Bolt URI of the graph writer and the DPO API.",
            "a bolt:// or neo4j:// URI (+s or +ssc for TLS)",
            v -> v.matches("(bolt|neo4j)(\\+s|\\+ssc)?://.+"));
    public static final Setting<String> BOLT_USER = Setting.optionalText(
            "api.bolt.user", "Neo4j user; empty for no authentication (the embedded node on loopback).");
    public static final Setting<String> BOLT_PASSWORD = Setting.optionalText(
                    "api.bolt.password", "Neo4j password, used with the user.")
            .secret();
    public static final Setting<String> CONTROLLER = Setting.text(
            "api.controller", "SmartTrackers B.V.", "The controller named in access reports and the ROPA.");
    public static final Setting<Boolean> WRITER_ENABLED =
            Setting.bool("api.writer.enabled", true, "Run the graph writer in this process (false: API only).");
    public static final Setting<String> WRITER_GROUP_ID = Setting.text(
            "api.writer.group.id", GraphWriterSettings.DEFAULT_GROUP_ID, "Consumer group of the graph writer.");
    public static final Setting<Integer> WRITER_MAX_POLL_RECORDS = Setting.integer(
            "api.writer.max.poll.records",
            GraphWriterSettings.DEFAULT_MAX_POLL_RECORDS,
            1,
            100_000,
            "Records per poll, hence per Neo4j transaction (written as statements of at most 5,000 rows).");

    public static final SettingGroup GROUP = new SettingGroup(
            "Graph writer and DPO API",
            "Read by the graph-api service (`GraphApiApp`): the Neo4j graph writer and the DPO REST API.",
            List.of(
                    HOST,
                    PORT,
                    HTTP_THREADS,
                    BOLT_URI,
                    BOLT_USER,
                    BOLT_PASSWORD,
                    CONTROLLER,
                    WRITER_ENABLED,
                    WRITER_GROUP_ID,
                    WRITER_MAX_POLL_RECORDS));

    private ApiSettings() {}
}
