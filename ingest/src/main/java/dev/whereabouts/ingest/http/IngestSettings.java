package dev.whereabouts.ingest.http;

import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import java.util.List;

/**
 * The HTTP ingest service's keys. Kafka, the registry, tokens and the demo switch are the shared keys
 * of {@link dev.whereabouts.model.config.CommonSettings}.
 */
public final class IngestSettings {

    public static final Setting<String> HOST =
            Setting.text("ingest.host", "127.0.0.1", "Interface the ingest HTTP server binds to.");
    public static final Setting<Integer> PORT = Setting.port("ingest.port", 8090, "HTTP port of the ingest service.");
    public static final Setting<Integer> THREADS = Setting.integer(
            "ingest.threads", 16, 1, 512, "Request threads of the ingest service; each may wait on Kafka.");
    public static final Setting<Integer> ACK_TIMEOUT_SECONDS = Setting.integer(
            "ingest.ack.timeout.seconds",
            15,
            1,
            600,
            "How long a request waits for Kafka to acknowledge its events before answering 503.");
    public static final Setting<Integer> REMEMBERED_EVENT_IDS = Setting.integer(
            "ingest.remembered.event.ids",
            200_000,
            0,
            10_000_000,
            "Event ids kept to answer resends as duplicates without publishing them again.");
    public static final Setting<Integer> MAX_PENDING_EVENTS = Setting.integer(
            "ingest.max.pending.events",
            100_000,
            1000,
            10_000_000,
            "Events waiting for Kafka at most; beyond, requests get 503.");

    public static final SettingGroup GROUP = new SettingGroup(
            "Ingest service",
            "Read by the HTTP ingest service (`POST /v1/events`), in the platform or on its own (`IngestApp`).",
            List.of(HOST, PORT, THREADS, ACK_TIMEOUT_SECONDS, REMEMBERED_EVENT_IDS, MAX_PENDING_EVENTS));

    private IngestSettings() {}
}
