package dev.whereabouts.registry;

import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.model.config.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * The standalone registry's keys. {@link #PORT} is also the embedded stack's registry port: one key,
 * read by both. In the registry's own command the {@code registry.} prefix is dropped
 * ({@code --port}, {@code --data-dir}).
 */
public final class RegistrySettings {

    public static final Setting<String> HOST =
            Setting.text("registry.host", RegistryConfig.DEFAULT_HOST, "Interface the standalone registry binds to.");

    public static final Setting<Integer> PORT = Setting.port(
            "registry.port",
            RegistryConfig.DEFAULT_PORT,
            "Schema registry HTTP port (Confluent REST API), standalone or in the embedded stack.");

    public static final Setting<String> DATA_DIR = Setting.text(
            "registry.data.dir",
            RegistryConfig.DEFAULT_DATA_DIRECTORY.toString(),
            "Directory of the standalone registry's durable log (the embedded stack keeps it under data.dir).");

    public static final Setting<CompatibilityLevel> DEFAULT_COMPATIBILITY = Setting.choice(
            "registry.default.compatibility",
            CompatibilityLevel.class,
            RegistryConfig.DEFAULT_COMPATIBILITY,
            "Global compatibility level until one is set through PUT /config.");

    public static final SettingGroup GROUP = new SettingGroup(
            "Schema registry",
            "Read by the standalone registry (`SchemaRegistryServer`); the embedded stack reads `registry.port`.",
            List.of(HOST, PORT, DATA_DIR, DEFAULT_COMPATIBILITY));

    private RegistrySettings() {}

    /** The registry's configuration from these settings. */
    public static RegistryConfig config(Settings settings) {
        return new RegistryConfig(
                settings.get(HOST),
                settings.get(PORT),
                Path.of(settings.get(DATA_DIR)),
                settings.get(DEFAULT_COMPATIBILITY));
    }
}
